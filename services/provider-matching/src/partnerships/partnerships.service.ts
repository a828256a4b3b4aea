import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { CollaborationKind, PartnershipCollaborationRecordedV1, PartnershipConfirmedV1, PartnershipEndedV1, PartnershipNegotiationStartedV1, PartnershipProposedV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { engagementParties, insertCollaborationRecord, insertPartnership, partnershipConfirmed, partnershipEnded, partnershipForUpdate, partnershipNegotiating, partnershipView } from './partnerships.sql';

export type PartnershipStatus = 'proposed' | 'in-negotiation' | 'confirmed' | 'ended';

/** Where each step may start from. */
const lifecycle = {
  negotiate: ['proposed'],
  confirm: ['proposed', 'in-negotiation'],
  end: ['proposed', 'in-negotiation', 'confirmed'],
} as const satisfies Record<string, readonly PartnershipStatus[]>;

/** Collaboration is recorded between partners that are negotiating or confirmed. */
const collaboratingStatuses: PartnershipStatus[] = ['in-negotiation', 'confirmed'];

interface PartnershipRow {
  id: string;
  organization_ids: string[];
  status: PartnershipStatus;
}

/**
 * Partnerships between organisations of the consortium (proposed → in negotiation → confirmed, or
 * ended) and what partners record of their collaboration: outcome 4 of the programme.
 */
@Injectable()
export class PartnershipsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly directory: OrganizationAccess,
  ) {}

  async propose(consortiumId: string, principal: Principal, input: { organizationIds: string[]; engagementId: string | null; title: string; purpose: string | null }) {
    await this.directory.requireConsortium(consortiumId);
    for (const [index, organizationId] of input.organizationIds.entries()) {
      await this.directory.organizationCategory(consortiumId, organizationId).catch(() => {
        throw new DomainError('organization.unknown', { field: `organizationIds.${index}`, detail: say('no such organization in this consortium', 'aucun organisme de ce nom dans ce consortium') });
      });
    }
    await this.ensurePartner(consortiumId, input.organizationIds, principal);
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      if (input.engagementId) {
        const [engagement] = await query(manager, engagementParties, [consortiumId, input.engagementId]);
        if (!engagement) throw new DomainError('engagement.unknown', { field: 'engagementId', detail: say('no such engagement in this consortium', 'aucun accompagnement de ce nom dans ce consortium') });
        if (![engagement.nonprofit_id, engagement.provider_id].every((o: string) => input.organizationIds.includes(o))) {
          throw new DomainError('partnership.engagement-outside', { field: 'engagementId' });
        }
      }
      const now = new Date();
      await query(manager, insertPartnership, [id, consortiumId, input.organizationIds, input.engagementId, input.title, input.purpose, now]);
      await this.outbox.append(manager, consortiumId, PartnershipProposedV1, { partnershipId: id, organizationIds: input.organizationIds, engagementId: input.engagementId, proposedAt: now.toISOString() });
    });
    return this.get(consortiumId, id);
  }

  async negotiate(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'negotiate', async (manager, row, now) => {
      await query(manager, partnershipNegotiating, [id, now]);
      await this.outbox.append(manager, consortiumId, PartnershipNegotiationStartedV1, { partnershipId: id, organizationIds: row.organization_ids, negotiationStartedAt: now.toISOString() });
    });
  }

  async confirm(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'confirm', async (manager, row, now) => {
      await query(manager, partnershipConfirmed, [id, now]);
      await this.outbox.append(manager, consortiumId, PartnershipConfirmedV1, { partnershipId: id, organizationIds: row.organization_ids, confirmedAt: now.toISOString() });
    });
  }

  async end(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'end', async (manager, row, now) => {
      await query(manager, partnershipEnded, [id, now]);
      await this.outbox.append(manager, consortiumId, PartnershipEndedV1, { partnershipId: id, organizationIds: row.organization_ids, previousStatus: row.status as Exclude<PartnershipStatus, 'ended'>, endedAt: now.toISOString() });
    });
  }

  /** A joint initiative, a shared resource or a communication between the partners. */
  async record(consortiumId: string, id: string, principal: Principal, input: { kind: CollaborationKind; occurredOn: string; summary: string }) {
    const recordId = randomUUID();
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      await this.ensurePartner(consortiumId, row.organization_ids, principal);
      if (!collaboratingStatuses.includes(row.status)) {
        throw new DomainError('partnership.wrong-status', { field: 'status', detail: say(`the partnership is ${row.status}; collaboration is recorded while it is ${collaboratingStatuses.join(' or ')}`, `le partenariat est ${row.status}\u00a0; la collaboration se consigne quand il est ${collaboratingStatuses.join(' ou ')}`) });
      }
      if (input.occurredOn > new Date().toISOString().slice(0, 10)) throw new DomainError('field.must-not-be-in-future', { field: 'occurredOn' });
      const now = new Date();
      await query(manager, insertCollaborationRecord, [recordId, id, input.kind, input.occurredOn, input.summary, now]);
      await this.outbox.append(manager, consortiumId, PartnershipCollaborationRecordedV1, { partnershipId: id, organizationIds: row.organization_ids, recordId, kind: input.kind, occurredOn: input.occurredOn, recordedAt: now.toISOString() });
    });
    return this.get(consortiumId, id);
  }

  async list(consortiumId: string, filter: { status?: PartnershipStatus; organizationId?: string }) {
    await this.directory.requireConsortium(consortiumId);
    return query(this.db, partnershipView.filtered, [consortiumId, filter.status ?? null, filter.organizationId ?? null]);
  }

  async get(consortiumId: string, id: string) {
    const [view] = await query(this.db, partnershipView.byId, [consortiumId, id]);
    if (!view) throw new DomainError('partnership.not-found');
    return view;
  }

  private async step(consortiumId: string, id: string, principal: Principal, step: keyof typeof lifecycle, apply: (manager: EntityManager, row: PartnershipRow, now: Date) => Promise<void>) {
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      await this.ensurePartner(consortiumId, row.organization_ids, principal);
      const from: readonly PartnershipStatus[] = lifecycle[step];
      if (!from.includes(row.status)) throw new DomainError('partnership.wrong-status', { field: 'status', detail: say(`the partnership is ${row.status}; it can ${step} only when ${from.join(' or ')}`, `le partenariat est ${row.status}\u00a0; l’étape ${step} n’est possible que s’il est ${from.join(' ou ')}`) });
      await apply(manager, row, new Date());
    });
    return this.get(consortiumId, id);
  }

  private async lock(manager: EntityManager, consortiumId: string, id: string): Promise<PartnershipRow> {
    const [row] = await query(manager, partnershipForUpdate, [consortiumId, id]);
    if (!row) throw new DomainError('partnership.not-found');
    return row;
  }

  /** Coordinators and members of the partner organisations act on a partnership. */
  private async ensurePartner(consortiumId: string, organizationIds: string[], principal: Principal): Promise<void> {
    if (actsForOthers(principal, consortiumId)) return;
    const member = await this.directory.actingMember(consortiumId, principal);
    if (!organizationIds.includes(member.organizationId)) throw new DomainError('partnership.partners-only');
  }
}
