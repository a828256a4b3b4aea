import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { CancelReason, DeclineReason, EngagementAcceptedV1, EngagementCancelledV1, EngagementCompletedV1, EngagementDeclinedV1, EngagementDeliveredV1, EngagementMilestonePaidV1, EngagementRatedV1, EngagementRequestedV1, EngagementScopedV1, EngagementScopeProposedV1, EngagementSide, EngagementStartedV1, PaymentMilestone, say, DomainError, ErrorCode } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { MatchingService } from '../matching/matching.service';
import { NeedsService } from '../needs/needs.service';
import { engagementReference } from './engagement-reference';
import {
  engagementAccepted,
  engagementCancelled,
  engagementCompleted,
  engagementDeclined,
  engagementDelivered,
  engagementForUpdate,
  deletePaymentMilestones,
  engagementStarted,
  engagementView,
  EngagementViewRow,
  insertEngagement,
  insertPaymentMilestone,
  insertRating,
  liveEngagement,
  lockKey,
  needClosed,
  needForUpdate,
  paymentForUpdate,
  paymentRecorded,
  pendingRequests,
  providerResponseTime,
  proposedMilestones,
  providerSlots,
  ratingBy,
  scopeAgreed,
  scopeProposed,
} from './engagements.sql';

export const engagementStatuses = ['requested', 'accepted', 'declined', 'proposed', 'scoped', 'active', 'delivered', 'completed', 'cancelled', 'expired'] as const;
export type EngagementStatus = (typeof engagementStatuses)[number];

/**
 * Each step: where it may start from (anything else skips or reverses the lifecycle), who takes it,
 * and the refusals that tell the others what to do next. The provider proposes the scope and the
 * nonprofit agrees it (`proposed` → `scoped`); the provider does the work and the nonprofit
 * confirms it (`delivered` → `completed`).
 */
const lifecycle = {
  accept: { from: ['requested'], by: ['provider'], notYours: 'engagement.provider-answers' },
  decline: { from: ['requested'], by: ['provider'], notYours: 'engagement.provider-answers' },
  // A new proposal replaces one the nonprofit has not agreed yet.
  scope: { from: ['accepted', 'proposed'], by: ['provider', 'coordinator'], notYours: 'engagement.provider-proposes-scope' },
  agreeScope: { from: ['proposed'], by: ['nonprofit'], notYours: 'engagement.nonprofit-agrees-scope', early: { accepted: 'engagement.no-scope-proposed' } },
  start: { from: ['scoped'], by: ['provider'], notYours: 'engagement.provider-does-the-work', early: { accepted: 'engagement.scope-not-agreed', proposed: 'engagement.scope-not-agreed' } },
  complete: { from: ['active'], by: ['provider'], notYours: 'engagement.provider-does-the-work' },
  confirmCompletion: { from: ['delivered'], by: ['nonprofit'], notYours: 'engagement.nonprofit-confirms-completion', early: { accepted: 'engagement.not-delivered', proposed: 'engagement.not-delivered', scoped: 'engagement.not-delivered', active: 'engagement.not-delivered' } },
  cancel: { from: ['requested', 'accepted', 'proposed', 'scoped', 'active', 'delivered'], by: ['nonprofit', 'provider', 'coordinator'], notYours: 'engagement.parties-only' },
} as const satisfies Record<string, { from: readonly EngagementStatus[]; by: readonly Participant[]; notYours: ErrorCode; early?: Partial<Record<EngagementStatus, ErrorCode>> }>;
type Step = keyof typeof lifecycle;

/** A milestone may be paid once the engagement reached these statuses: kick-off once the scope is agreed, completion once confirmed. */
const payableFrom: Record<PaymentMilestone, EngagementStatus[]> = { 'kick-off': ['scoped', 'active', 'delivered', 'completed'], completion: ['completed'] };

export interface MilestoneTerms {
  amount: number;
  dueOn: string;
}

interface EngagementRow {
  id: string;
  consortium_id: string;
  need_id: string;
  nonprofit_id: string;
  provider_id: string;
  status: EngagementStatus;
  scope_proposed_at: Date | null;
}

type Participant = EngagementSide | 'coordinator';
type Party = Participant | 'outsider';

/**
 * The engagement lifecycle: a nonprofit asks a provider for an introduction, the provider answers
 * (a decline's reason feeds the matching), the parties agree a scope with two payment milestones,
 * the work starts and completes, and both sides rate it.
 */
@Injectable()
export class EngagementsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly directory: OrganizationAccess,
    private readonly matching: MatchingService,
    private readonly needs: NeedsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async request(consortiumId: string, principal: Principal, input: { needId: string; providerId: string; message: string | null }) {
    await this.directory.requireConsortium(consortiumId);
    const noSuchNeed = new DomainError('need.unknown', { field: 'needId', detail: say('no such need in this consortium', 'aucun besoin de ce nom dans ce consortium') });
    // A need the caller may not see is no need to them.
    await this.needs.visible(consortiumId, input.needId, principal).catch((error) => {
      throw error instanceof DomainError && error.code === 'need.not-found' ? noSuchNeed : error;
    });
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const [need] = await query(manager, needForUpdate, [consortiumId, input.needId]);
      if (!need) throw noSuchNeed;
      await this.actFor(consortiumId, need.organization_id, principal);
      if (need.status !== 'open') {
        throw new DomainError('need.not-open', { field: 'needId', detail: say(`the need is ${need.status}; confirm it (with the staff time you set aside) before asking a provider`, `le besoin est ${need.status}\u00a0; confirmez-le (avec le temps que votre équipe y consacre) avant de solliciter un fournisseur`) });
      }
      const [provider] = await query(manager, providerResponseTime, [consortiumId, input.providerId]);
      if (!provider) throw new DomainError('provider.unknown', { field: 'providerId', detail: say('no provider profile for this organization', 'cet organisme n’a pas de profil de fournisseur') });
      // Serialise the nonprofit's requests so that two at once cannot both pass the limit.
      await query(manager, lockKey, [`pending:${need.organization_id}`]);
      const [{ pending }] = await query(manager, pendingRequests, [consortiumId, need.organization_id]);
      if (pending >= this.config.PENDING_REQUEST_LIMIT) {
        throw new DomainError('engagement.too-many-pending', {
          field: 'providerId',
          detail: say(`the organization already has ${pending} unanswered requests (the limit is ${this.config.PENDING_REQUEST_LIMIT}); wait for an answer or cancel one`, `l’organisme a déjà ${pending} demandes sans réponse (la limite est ${this.config.PENDING_REQUEST_LIMIT})\u00a0; attendez une réponse ou annulez-en une`),
        });
      }
      const live = await query(manager, liveEngagement, [input.needId, input.providerId]);
      if (live.length) throw new DomainError('engagement.already-requested', { field: 'providerId', detail: say(`this provider was already asked for this need (${live[0].status})`, `ce fournisseur a déjà été sollicité pour ce besoin (${live[0].status})`) });
      const now = new Date();
      const day = 86_400_000;
      const respondBy = new Date(now.getTime() + provider.response_time_days * day);
      const expiresAt = new Date(now.getTime() + 2 * provider.response_time_days * day);
      await query(manager, insertEngagement, [id, consortiumId, input.needId, need.organization_id, input.providerId, now, respondBy, expiresAt, input.message]);
      const reference = engagementReference({ id, need_id: input.needId, nonprofit_id: need.organization_id, provider_id: input.providerId });
      await this.outbox.append(manager, consortiumId, EngagementRequestedV1, { ...reference, dimension: need.dimension, requestedAt: now.toISOString(), respondBy: respondBy.toISOString() });
    });
    return this.get(consortiumId, id, principal);
  }

  async accept(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'accept', async (manager, row, now) => {
      // Serialise the provider's acceptances so that two at once cannot both take the last slot.
      await query(manager, lockKey, [`slots:${row.provider_id}`]);
      const [slots] = await query(manager, providerSlots, [consortiumId, row.provider_id]);
      if (slots.taken >= slots.capacity) {
        throw new DomainError('provider.no-capacity', { field: 'capacity', detail: say(`all ${slots.capacity} engagement slots are taken; raise the capacity in the profile or decline with the reason no-capacity`, `les ${slots.capacity} places d’accompagnement sont prises\u00a0; augmentez la capacité du profil ou déclinez avec la raison no-capacity`) });
      }
      await query(manager, engagementAccepted, [id, now]);
      await this.outbox.append(manager, consortiumId, EngagementAcceptedV1, { ...engagementReference(row), acceptedAt: now.toISOString() });
    });
  }

  async decline(consortiumId: string, id: string, principal: Principal, reason: DeclineReason) {
    return this.step(consortiumId, id, principal, 'decline', async (manager, row, now) => {
      await query(manager, engagementDeclined, [id, reason, now]);
      await this.outbox.append(manager, consortiumId, EngagementDeclinedV1, { ...engagementReference(row), reason, declinedAt: now.toISOString() });
      // The nonprofit gets a fresh list at once, shaped by the reason.
      await this.matching.suggest(manager, consortiumId, row.need_id, now);
    });
  }

  /** The provider (or a coordinator) proposes the scope and the two payments; the nonprofit agrees them next. */
  async scope(consortiumId: string, id: string, principal: Principal, input: { scope: string; kickOff: MilestoneTerms; completion: MilestoneTerms }) {
    return this.step(consortiumId, id, principal, 'scope', async (manager, row, now) => {
      await query(manager, scopeProposed, [id, input.scope, now, consortiumId]);
      await query(manager, deletePaymentMilestones, [id]);
      const milestones = [
        { milestone: 'kick-off' as const, ...input.kickOff },
        { milestone: 'completion' as const, ...input.completion },
      ];
      for (const m of milestones) {
        await query(manager, insertPaymentMilestone, [id, m.milestone, m.amount, m.dueOn]);
      }
      await this.outbox.append(manager, consortiumId, EngagementScopeProposedV1, { ...engagementReference(row), milestones, proposedAt: now.toISOString() });
    });
  }

  /**
   * The nonprofit agrees the proposal it read (`proposedAt`): the kick-off payment becomes payable
   * and the provider may start. A proposal replaced since then is not agreed.
   */
  async agreeScope(consortiumId: string, id: string, principal: Principal, proposedAt: string) {
    return this.step(consortiumId, id, principal, 'agreeScope', async (manager, row, now) => {
      if (row.scope_proposed_at?.getTime() !== Date.parse(proposedAt)) throw new DomainError('engagement.scope-changed', { field: 'proposedAt' });
      await query(manager, scopeAgreed, [id, now, consortiumId]);
      const milestones = (await query(manager, proposedMilestones, [id])).map((m) => ({ milestone: m.milestone, amount: Number(m.amount), dueOn: m.due_on }));
      await this.outbox.append(manager, consortiumId, EngagementScopedV1, { ...engagementReference(row), milestones, scopedAt: now.toISOString() });
    });
  }

  async start(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'start', async (manager, row, now) => {
      await query(manager, engagementStarted, [id, now]);
      await this.outbox.append(manager, consortiumId, EngagementStartedV1, { ...engagementReference(row), startedAt: now.toISOString() });
    });
  }

  /** The provider delivers its work; it completes when the nonprofit confirms. */
  async complete(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'complete', async (manager, row, now) => {
      await query(manager, engagementDelivered, [id, now, consortiumId]);
      await this.outbox.append(manager, consortiumId, EngagementDeliveredV1, { ...engagementReference(row), deliveredAt: now.toISOString() });
    });
  }

  /** The nonprofit confirms the delivered work: the need closes, ratings and the completion payment open. */
  async confirmCompletion(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'confirmCompletion', async (manager, row, now) => {
      await query(manager, engagementCompleted, [id, now]);
      await query(manager, needClosed, [row.need_id]);
      await this.outbox.append(manager, consortiumId, EngagementCompletedV1, { ...engagementReference(row), completedAt: now.toISOString() });
    });
  }

  async cancel(consortiumId: string, id: string, principal: Principal, reason: CancelReason) {
    return this.step(consortiumId, id, principal, 'cancel', async (manager, row, now, party) => {
      await query(manager, engagementCancelled, [id, reason, now]);
      await this.outbox.append(manager, consortiumId, EngagementCancelledV1, { ...engagementReference(row), reason, cancelledBy: party, cancelledAt: now.toISOString() });
    });
  }

  /** The programme records that it paid a milestone (coordinators only, enforced by the route). */
  async recordPayment(consortiumId: string, id: string, principal: Principal, milestone: PaymentMilestone, input: { amount: number; paidOn: string }) {
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      if (!payableFrom[milestone].includes(row.status)) {
        throw new DomainError('payment.not-payable-yet', { field: 'milestone', detail: say(`the engagement is ${row.status}; the ${milestone} payment is recorded once it is ${payableFrom[milestone].join(' or ')}`, `l’accompagnement est ${row.status}\u00a0; le versement ${milestone} se consigne quand il est ${payableFrom[milestone].join(' ou ')}`) });
      }
      const [terms] = await query(manager, paymentForUpdate, [id, milestone]);
      if (terms.paid_on) throw new DomainError('payment.already-recorded', { field: 'milestone', detail: say(`the ${milestone} payment is already recorded`, `le versement ${milestone} est déjà consigné`) });
      const now = new Date();
      await query(manager, paymentRecorded, [id, milestone, input.amount, input.paidOn, now]);
      await this.outbox.append(manager, consortiumId, EngagementMilestonePaidV1, { ...engagementReference(row), milestone, amount: input.amount, paidOn: input.paidOn, recordedAt: now.toISOString() });
    });
    return this.get(consortiumId, id, principal);
  }

  /** Each side rates the other once, after completion. */
  async rate(consortiumId: string, id: string, principal: Principal, input: { score: number; comment: string | null }) {
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      const party = await this.partyOf(consortiumId, row, principal);
      if (party !== 'nonprofit' && party !== 'provider') throw new DomainError('rating.parties-only');
      if (row.status !== 'completed') throw new DomainError('rating.not-completed', { field: 'score', detail: say(`the engagement is ${row.status}; it is rated once completed`, `l’accompagnement est ${row.status}\u00a0; il s’évalue une fois terminé`) });
      const done = await query(manager, ratingBy, [id, party]);
      if (done.length) throw new DomainError('rating.already-given', { field: 'score', detail: say(`the ${party} already rated this engagement`, `${party === 'provider' ? 'le fournisseur' : 'l’OBNL'} a déjà évalué cet accompagnement`) });
      const now = new Date();
      await query(manager, insertRating, [id, party, input.score, input.comment, now]);
      await this.outbox.append(manager, consortiumId, EngagementRatedV1, { ...engagementReference(row), side: party, score: input.score, ratedAt: now.toISOString() });
    });
    return this.get(consortiumId, id, principal);
  }

  /** Engagements the caller takes part in (every one for coordinators). */
  async list(consortiumId: string, principal: Principal, filter: { needId?: string; status?: EngagementStatus }) {
    await this.directory.requireConsortium(consortiumId);
    const organizationId = actsForOthers(principal, consortiumId) ? null : ((await this.directory.findMember(consortiumId, principal))?.organizationId ?? '00000000-0000-0000-0000-000000000000');
    // One query for the list: the filter on the caller's organisation is the access check.
    return this.views(await query(this.db, engagementView.filtered, [consortiumId, organizationId, filter.needId ?? null, filter.status ?? null]));
  }

  async get(consortiumId: string, id: string, principal: Principal) {
    const [view] = this.views(await query(this.db, engagementView.byId, [consortiumId, id]));
    if (!view) throw new DomainError('engagement.not-found');
    await this.partyOf(consortiumId, { nonprofit_id: view.nonprofitId, provider_id: view.providerId }, principal, true);
    return view;
  }

  /** Engagements as the API shows them. */
  private views(rows: EngagementViewRow[]) {
    return rows.map((row) => ({
      id: row.id as string,
      needId: row.need_id as string,
      nonprofitId: row.nonprofit_id as string,
      providerId: row.provider_id as string,
      status: row.status as EngagementStatus,
      requestedAt: row.requested_at,
      respondBy: row.respond_by,
      expiresAt: row.expires_at,
      remindedAt: row.reminded_at,
      respondedAt: row.responded_at,
      message: row.message,
      declineReason: row.decline_reason,
      scope: row.scope,
      scopeProposedAt: row.scope_proposed_at,
      scopeAgreedAt: row.scope_agreed_at,
      startedAt: row.started_at,
      deliveredAt: row.delivered_at,
      endedAt: row.ended_at,
      cancelReason: row.cancel_reason,
      milestones: row.milestones.map((m: any) => ({ ...m, amount: Number(m.amount), paidAmount: m.paidAmount === null ? null : Number(m.paidAmount) })),
      ratings: row.ratings,
      need: {
        dimension: row.need.dimension as string,
        origin: row.need.origin as 'posted' | 'readiness-gap',
        currentStage: row.need.current_stage as number | null,
        targetStage: row.need.target_stage as number | null,
        description: row.need.description as string | null,
        language: row.need.language as 'fr' | 'en' | null,
        budgetMax: row.need.budget_max === null ? null : Number(row.need.budget_max),
        startsOn: row.need.starts_on as string | null,
        endsOn: row.need.ends_on as string | null,
        staffHoursPerWeek: row.need.staff_hours_per_week === null ? null : Number(row.need.staff_hours_per_week),
      },
    }));
  }

  private async step(
    consortiumId: string,
    id: string,
    principal: Principal,
    step: Step,
    apply: (manager: EntityManager, row: EngagementRow, now: Date, party: Participant) => Promise<void>,
  ) {
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      const party = await this.partyOf(consortiumId, row, principal);
      const rule: { from: readonly EngagementStatus[]; by: readonly Participant[]; notYours: ErrorCode; early?: Partial<Record<EngagementStatus, ErrorCode>> } = lifecycle[step];
      if (party === 'outsider' || !rule.by.includes(party)) {
        if (step === 'accept' || step === 'decline') throw new DomainError('engagement.provider-answers', { detail: say('only the provider the request is addressed to answers it', 'seul le fournisseur à qui la demande est adressée y répond') });
        throw new DomainError(party === 'outsider' ? 'engagement.parties-only' : rule.notYours, { detail: say(`the ${party} cannot take the step ${step} of an engagement`, `${party === 'provider' ? 'le fournisseur' : party === 'nonprofit' ? 'l’OBNL' : party === 'coordinator' ? 'la coordination' : 'une personne extérieure'} ne peut pas faire l’étape ${step} d’un accompagnement`) });
      }
      const from = rule.from;
      if (!from.includes(row.status)) {
        throw new DomainError(rule.early?.[row.status] ?? 'engagement.wrong-status', { field: 'status', detail: say(`the engagement is ${row.status}; it can ${step} only when ${from.join(' or ')}`, `l’accompagnement est ${row.status}\u00a0; l’étape ${step} n’est possible que s’il est ${from.join(' ou ')}`) });
      }
      await apply(manager, row, new Date(), party);
    });
    return this.get(consortiumId, id, principal);
  }

  private async lock(manager: EntityManager, consortiumId: string, id: string): Promise<EngagementRow> {
    const [row] = await query(manager, engagementForUpdate, [consortiumId, id]);
    if (!row) throw new DomainError('engagement.not-found');
    return row;
  }

  /**
   * Which side the caller is on: anyone else is an outsider, who may not act (403) and, when
   * only looking (`toSee`), does not see that the engagement exists (404).
   */
  private async partyOf(consortiumId: string, row: Pick<EngagementRow, 'nonprofit_id' | 'provider_id'>, principal: Principal, toSee = false): Promise<Party> {
    const member = await this.directory.findMember(consortiumId, principal);
    if (member?.organizationId === row.nonprofit_id) return 'nonprofit';
    if (member?.organizationId === row.provider_id) return 'provider';
    if (actsForOthers(principal, consortiumId)) return 'coordinator';
    if (toSee) throw new DomainError('engagement.not-found');
    return 'outsider';
  }

  private async actFor(consortiumId: string, organizationId: string, principal: Principal): Promise<void> {
    if (actsForOthers(principal, consortiumId)) return;
    await this.directory.memberOf(consortiumId, organizationId, principal);
  }
}
