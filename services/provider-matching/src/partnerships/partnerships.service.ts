import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { CollaborationKind, PartnershipCollaborationRecordedV1, PartnershipConfirmedV1, PartnershipEndedV1, PartnershipNegotiationStartedV1, PartnershipProposedV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';

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
        const [engagement] = await manager.query(`SELECT nonprofit_id, provider_id FROM engagements WHERE consortium_id = $1 AND id = $2`, [consortiumId, input.engagementId]);
        if (!engagement) throw new DomainError('engagement.unknown', { field: 'engagementId', detail: say('no such engagement in this consortium', 'aucun engagement de ce nom dans ce consortium') });
        if (![engagement.nonprofit_id, engagement.provider_id].every((o: string) => input.organizationIds.includes(o))) {
          throw new DomainError('partnership.engagement-outside', { field: 'engagementId' });
        }
      }
      const now = new Date();
      await manager.query(
        `INSERT INTO partnerships (id, consortium_id, organization_ids, engagement_id, title, purpose, status, proposed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $7)`,
        [id, consortiumId, input.organizationIds, input.engagementId, input.title, input.purpose, now],
      );
      await this.outbox.append(manager, {
        definition: PartnershipProposedV1,
        consortiumId,
        subject: `partnership/${id}`,
        data: { partnershipId: id, organizationIds: input.organizationIds, engagementId: input.engagementId, proposedAt: now.toISOString() },
      });
    });
    return this.get(consortiumId, id);
  }

  async negotiate(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'negotiate', async (manager, row, now) => {
      await manager.query(`UPDATE partnerships SET status = 'in-negotiation', updated_at = $2 WHERE id = $1`, [id, now]);
      await this.outbox.append(manager, {
        definition: PartnershipNegotiationStartedV1,
        consortiumId,
        subject: `partnership/${id}`,
        data: { partnershipId: id, organizationIds: row.organization_ids, negotiationStartedAt: now.toISOString() },
      });
    });
  }

  async confirm(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'confirm', async (manager, row, now) => {
      await manager.query(`UPDATE partnerships SET status = 'confirmed', confirmed_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
      await this.outbox.append(manager, {
        definition: PartnershipConfirmedV1,
        consortiumId,
        subject: `partnership/${id}`,
        data: { partnershipId: id, organizationIds: row.organization_ids, confirmedAt: now.toISOString() },
      });
    });
  }

  async end(consortiumId: string, id: string, principal: Principal) {
    return this.step(consortiumId, id, principal, 'end', async (manager, row, now) => {
      await manager.query(`UPDATE partnerships SET status = 'ended', ended_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
      await this.outbox.append(manager, {
        definition: PartnershipEndedV1,
        consortiumId,
        subject: `partnership/${id}`,
        data: { partnershipId: id, organizationIds: row.organization_ids, previousStatus: row.status as Exclude<PartnershipStatus, 'ended'>, endedAt: now.toISOString() },
      });
    });
  }

  /** A joint initiative, a shared resource or a communication between the partners. */
  async record(consortiumId: string, id: string, principal: Principal, input: { kind: CollaborationKind; occurredOn: string; summary: string }) {
    const recordId = randomUUID();
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      await this.ensurePartner(consortiumId, row.organization_ids, principal);
      if (!collaboratingStatuses.includes(row.status)) {
        throw new DomainError('partnership.wrong-status', { field: 'status', detail: say(`the partnership is ${row.status}; collaboration is recorded while it is ${collaboratingStatuses.join(' or ')}`, `le partenariat est ${row.status} ; la collaboration se consigne quand il est ${collaboratingStatuses.join(' ou ')}`) });
      }
      if (input.occurredOn > new Date().toISOString().slice(0, 10)) throw new DomainError('field.must-not-be-in-future', { field: 'occurredOn' });
      const now = new Date();
      await manager.query(`INSERT INTO collaboration_records (id, partnership_id, kind, occurred_on, summary, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        recordId, id, input.kind, input.occurredOn, input.summary, now,
      ]);
      await this.outbox.append(manager, {
        definition: PartnershipCollaborationRecordedV1,
        consortiumId,
        subject: `partnership/${id}`,
        data: { partnershipId: id, organizationIds: row.organization_ids, recordId, kind: input.kind, occurredOn: input.occurredOn, recordedAt: now.toISOString() },
      });
    });
    return this.get(consortiumId, id);
  }

  async list(consortiumId: string, filter: { status?: PartnershipStatus; organizationId?: string }) {
    await this.directory.requireConsortium(consortiumId);
    return this.views(`p.consortium_id = $1 AND ($2::text IS NULL OR p.status = $2) AND ($3::uuid IS NULL OR $3 = ANY (p.organization_ids))`, [
      consortiumId,
      filter.status ?? null,
      filter.organizationId ?? null,
    ]);
  }

  async get(consortiumId: string, id: string) {
    const [view] = await this.views(`p.consortium_id = $1 AND p.id = $2`, [consortiumId, id]);
    if (!view) throw new DomainError('partnership.not-found');
    return view;
  }

  /** Partnerships with their collaboration records, in one query. */
  private async views(where: string, parameters: unknown[]) {
    const rows: any[] = await this.db.query(
      `SELECT p.*, coalesce((SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind, 'occurredOn', r.occurred_on, 'summary', r.summary) ORDER BY r.occurred_on, r.recorded_at)
                             FROM collaboration_records r WHERE r.partnership_id = p.id), '[]') AS records
       FROM partnerships p WHERE ${where} ORDER BY p.proposed_at`,
      parameters,
    );
    return rows.map((row) => ({
      id: row.id as string,
      organizationIds: row.organization_ids as string[],
      engagementId: row.engagement_id,
      title: row.title,
      purpose: row.purpose,
      status: row.status as PartnershipStatus,
      proposedAt: row.proposed_at,
      confirmedAt: row.confirmed_at,
      endedAt: row.ended_at,
      records: row.records,
    }));
  }

  private async step(consortiumId: string, id: string, principal: Principal, step: keyof typeof lifecycle, apply: (manager: EntityManager, row: PartnershipRow, now: Date) => Promise<void>) {
    await this.db.transaction(async (manager) => {
      const row = await this.lock(manager, consortiumId, id);
      await this.ensurePartner(consortiumId, row.organization_ids, principal);
      const from: readonly PartnershipStatus[] = lifecycle[step];
      if (!from.includes(row.status)) throw new DomainError('partnership.wrong-status', { field: 'status', detail: say(`the partnership is ${row.status}; it can ${step} only when ${from.join(' or ')}`, `le partenariat est ${row.status} ; l’étape ${step} n’est possible que s’il est ${from.join(' ou ')}`) });
      await apply(manager, row, new Date());
    });
    return this.get(consortiumId, id);
  }

  private async lock(manager: EntityManager, consortiumId: string, id: string): Promise<PartnershipRow> {
    const [row] = await manager.query(`SELECT id, organization_ids, status FROM partnerships WHERE consortium_id = $1 AND id = $2 FOR UPDATE`, [consortiumId, id]);
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
