import { sql } from '@ccndr/persistence';
import type { CollaborationKind } from '@ccndr/contracts';
import type { PartnershipStatus } from './partnerships.service';

export const engagementParties = sql<{ nonprofit_id: string; provider_id: string }, [consortiumId: string, id: string]>(
  `SELECT nonprofit_id, provider_id FROM engagements WHERE consortium_id = $1 AND id = $2`,
);

export const insertPartnership = sql<never, [id: string, consortiumId: string, organizationIds: string[], engagementId: string | null, title: string, purpose: string | null, now: Date]>(
  `INSERT INTO partnerships (id, consortium_id, organization_ids, engagement_id, title, purpose, status, proposed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $7)`,
);

export const partnershipNegotiating = sql<never, [id: string, now: Date]>(`UPDATE partnerships SET status = 'in-negotiation', updated_at = $2 WHERE id = $1`);

export const partnershipConfirmed = sql<never, [id: string, now: Date]>(`UPDATE partnerships SET status = 'confirmed', confirmed_at = $2, updated_at = $2 WHERE id = $1`);

export const partnershipEnded = sql<never, [id: string, now: Date]>(`UPDATE partnerships SET status = 'ended', ended_at = $2, updated_at = $2 WHERE id = $1`);

export const insertCollaborationRecord = sql<never, [id: string, partnershipId: string, kind: CollaborationKind, occurredOn: string, summary: string, recordedAt: Date]>(
  `INSERT INTO collaboration_records (id, partnership_id, kind, occurred_on, summary, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
);

export interface PartnershipView {
  id: string;
  organizationIds: string[];
  engagementId: string | null;
  title: string;
  purpose: string | null;
  status: PartnershipStatus;
  proposedAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  records: { id: string; kind: CollaborationKind; occurredOn: string; summary: string }[];
}

/** Partnerships with their collaboration records, in one query. */
const partnershipViews = <Params extends readonly unknown[]>(where: string) =>
  sql<PartnershipView, Params>(
    `SELECT p.id, p.organization_ids AS "organizationIds", p.engagement_id AS "engagementId", p.title, p.purpose, p.status, p.proposed_at AS "proposedAt",
            p.confirmed_at AS "confirmedAt", p.ended_at AS "endedAt",
            coalesce((SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind, 'occurredOn', r.occurred_on, 'summary', r.summary) ORDER BY r.occurred_on, r.recorded_at)
                      FROM collaboration_records r WHERE r.partnership_id = p.id), '[]') AS records
     FROM partnerships p WHERE ${where} ORDER BY p.proposed_at`,
  );

export const partnershipView = {
  /** In a status, of an organisation: each filter optional (null). */
  filtered: partnershipViews<[consortiumId: string, status: PartnershipStatus | null, organizationId: string | null]>(
    `p.consortium_id = $1 AND ($2::text IS NULL OR p.status = $2) AND ($3::uuid IS NULL OR $3 = ANY (p.organization_ids))`,
  ),
  byId: partnershipViews<[consortiumId: string, id: string]>(`p.consortium_id = $1 AND p.id = $2`),
};

/** The partnership, its row locked until the transaction ends. */
export const partnershipForUpdate = sql<{ id: string; organization_ids: string[]; status: PartnershipStatus }, [consortiumId: string, id: string]>(
  `SELECT id, organization_ids, status FROM partnerships WHERE consortium_id = $1 AND id = $2 FOR UPDATE`,
);
