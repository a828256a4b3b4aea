import { sql } from '@ccndr/persistence';
import type { CancelReason, DeclineReason, EngagementSide, PaymentMilestone } from '@ccndr/contracts';
import type { EngagementStatus } from './engagements.service';

/** The need an engagement is asked for, its row locked until the transaction ends. */
export const needForUpdate = sql<{ organization_id: string; status: string; dimension: string }, [consortiumId: string, id: string]>(
  `SELECT organization_id, status, dimension FROM needs WHERE consortium_id = $1 AND id = $2 FOR UPDATE`,
);

export const providerResponseTime = sql<{ response_time_days: number }, [consortiumId: string, organizationId: string]>(
  `SELECT response_time_days FROM providers WHERE consortium_id = $1 AND organization_id = $2`,
);

/** Serialises work on one key (e.g. `pending:<organisation>`) until the transaction ends. */
export const lockKey = sql<{ locked: unknown }, [key: string]>(`SELECT pg_advisory_xact_lock(hashtext($1)) AS locked`);

export const pendingRequests = sql<{ pending: number }, [consortiumId: string, nonprofitId: string]>(
  `SELECT count(*)::int AS pending FROM engagements WHERE consortium_id = $1 AND nonprofit_id = $2 AND status = 'requested'`,
);

export const liveEngagement = sql<{ status: EngagementStatus }, [needId: string, providerId: string]>(
  `SELECT status FROM engagements WHERE need_id = $1 AND provider_id = $2 AND status NOT IN ('cancelled', 'expired')`,
);

export const insertEngagement = sql<never, [id: string, consortiumId: string, needId: string, nonprofitId: string, providerId: string, now: Date, respondBy: Date, expiresAt: Date, message: string | null]>(
  `INSERT INTO engagements (id, consortium_id, need_id, nonprofit_id, provider_id, status, requested_at, respond_by, expires_at, message, updated_at)
   VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7, $8, $9, $6)`,
);

/** Engagements that take one of the provider's slots: from acceptance until the work is delivered. */
export const slotTaking = `('accepted', 'proposed', 'scoped', 'active')`;

/** The provider's capacity and the engagements taking a slot of it. */
export const providerSlots = sql<{ capacity: number; taken: number }, [consortiumId: string, providerId: string]>(
  `SELECT p.capacity, (SELECT count(*)::int FROM engagements e WHERE e.consortium_id = p.consortium_id AND e.provider_id = p.organization_id AND e.status IN ${slotTaking}) AS taken
   FROM providers p WHERE p.consortium_id = $1 AND p.organization_id = $2`,
);

export const engagementAccepted = sql<never, [id: string, now: Date]>(`UPDATE engagements SET status = 'accepted', responded_at = $2, updated_at = $2 WHERE id = $1`);

export const engagementDeclined = sql<never, [id: string, reason: DeclineReason, now: Date]>(
  `UPDATE engagements SET status = 'declined', decline_reason = $2, responded_at = $3, updated_at = $3 WHERE id = $1`,
);

export const scopeProposed = sql<never, [id: string, scope: string, now: Date]>(`UPDATE engagements SET status = 'proposed', scope = $2, scope_proposed_at = $3, updated_at = $3 WHERE id = $1`);

/** A new proposal replaces the terms of the last one. */
export const deletePaymentMilestones = sql<never, [engagementId: string]>(`DELETE FROM payment_milestones WHERE engagement_id = $1`);

export const proposedMilestones = sql<{ milestone: PaymentMilestone; amount: string; due_on: string }, [engagementId: string]>(
  `SELECT milestone, amount, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM payment_milestones WHERE engagement_id = $1 ORDER BY milestone DESC`,
);

export const scopeAgreed = sql<never, [id: string, now: Date]>(`UPDATE engagements SET status = 'scoped', scope_agreed_at = $2, updated_at = $2 WHERE id = $1`);

export const insertPaymentMilestone = sql<never, [engagementId: string, milestone: PaymentMilestone, amount: number, dueOn: string]>(
  `INSERT INTO payment_milestones (engagement_id, milestone, amount, due_on) VALUES ($1, $2, $3, $4)`,
);

export const engagementStarted = sql<never, [id: string, now: Date]>(`UPDATE engagements SET status = 'active', started_at = $2, updated_at = $2 WHERE id = $1`);

export const engagementDelivered = sql<never, [id: string, now: Date]>(`UPDATE engagements SET status = 'delivered', delivered_at = $2, updated_at = $2 WHERE id = $1`);

export const engagementCompleted = sql<never, [id: string, now: Date]>(`UPDATE engagements SET status = 'completed', ended_at = $2, updated_at = $2 WHERE id = $1`);

export const needClosed = sql<never, [id: string]>(`UPDATE needs SET status = 'closed' WHERE id = $1`);

export const engagementCancelled = sql<never, [id: string, reason: CancelReason, now: Date]>(
  `UPDATE engagements SET status = 'cancelled', cancel_reason = $2, ended_at = $3, updated_at = $3 WHERE id = $1`,
);

/** A payment milestone's terms, its row locked until the transaction ends. */
export const paymentForUpdate = sql<{ paid_on: Date | null }, [engagementId: string, milestone: PaymentMilestone]>(
  `SELECT paid_on FROM payment_milestones WHERE engagement_id = $1 AND milestone = $2 FOR UPDATE`,
);

export const paymentRecorded = sql<never, [engagementId: string, milestone: PaymentMilestone, amount: number, paidOn: string, recordedAt: Date]>(
  `UPDATE payment_milestones SET paid_amount = $3, paid_on = $4, recorded_at = $5 WHERE engagement_id = $1 AND milestone = $2`,
);

export const ratingBy = sql<{ rated: 1 }, [engagementId: string, side: EngagementSide]>(`SELECT 1 AS rated FROM engagement_ratings WHERE engagement_id = $1 AND side = $2`);

export const insertRating = sql<never, [engagementId: string, side: EngagementSide, score: number, comment: string | null, ratedAt: Date]>(
  `INSERT INTO engagement_ratings (engagement_id, side, score, comment, rated_at) VALUES ($1, $2, $3, $4, $5)`,
);

export interface EngagementViewRow {
  id: string;
  need_id: string;
  nonprofit_id: string;
  provider_id: string;
  status: EngagementStatus;
  requested_at: Date;
  respond_by: Date;
  expires_at: Date;
  reminded_at: Date | null;
  responded_at: Date | null;
  message: string | null;
  decline_reason: DeclineReason | null;
  scope: string | null;
  scope_proposed_at: Date | null;
  scope_agreed_at: Date | null;
  started_at: Date | null;
  delivered_at: Date | null;
  ended_at: Date | null;
  cancel_reason: CancelReason | null;
  need: {
    dimension: string;
    origin: 'posted' | 'readiness-gap';
    current_stage: number | null;
    target_stage: number | null;
    description: string | null;
    language: 'fr' | 'en' | null;
    budget_max: string | number | null;
    starts_on: string | null;
    ends_on: string | null;
    staff_hours_per_week: string | number | null;
  };
  /** Amounts are numeric: JSON numbers. */
  milestones: { milestone: PaymentMilestone; amount: number; dueOn: string; paidAmount: number | null; paidOn: string | null }[];
  ratings: { side: EngagementSide; score: number; ratedAt: string }[];
}

/**
 * Engagements with their payment milestones and ratings, as the API shows them, and the need they
 * answer: what the provider reads before accepting (the readiness gap, budget, period, effort).
 */
const engagementViews = <Params extends readonly unknown[]>(where: string) =>
  sql<EngagementViewRow, Params>(
    `SELECT e.id, e.need_id, e.nonprofit_id, e.provider_id, e.status, e.requested_at, e.respond_by, e.expires_at, e.reminded_at, e.responded_at, e.message,
            e.decline_reason, e.scope, e.scope_proposed_at, e.scope_agreed_at, e.started_at, e.delivered_at, e.ended_at, e.cancel_reason, row_to_json(n) AS need,
            coalesce((SELECT json_agg(json_build_object('milestone', m.milestone, 'amount', m.amount, 'dueOn', m.due_on, 'paidAmount', m.paid_amount, 'paidOn', m.paid_on) ORDER BY m.milestone DESC)
                      FROM payment_milestones m WHERE m.engagement_id = e.id), '[]') AS milestones,
            coalesce((SELECT json_agg(json_build_object('side', r.side, 'score', r.score, 'ratedAt', r.rated_at) ORDER BY r.side) FROM engagement_ratings r WHERE r.engagement_id = e.id), '[]') AS ratings
     FROM engagements e
     JOIN LATERAL (SELECT dimension, origin, current_stage, target_stage, description, language, budget_max, starts_on, ends_on, staff_hours_per_week
                   FROM needs WHERE needs.id = e.need_id) n ON true
     WHERE ${where} ORDER BY e.requested_at`,
  );

export const engagementView = {
  /** Those of an organisation (either side; null for all), of a need, in a status: each filter optional (null). */
  filtered: engagementViews<[consortiumId: string, organizationId: string | null, needId: string | null, status: EngagementStatus | null]>(
    `e.consortium_id = $1 AND ($2::uuid IS NULL OR $2 IN (e.nonprofit_id, e.provider_id)) AND ($3::uuid IS NULL OR e.need_id = $3) AND ($4::text IS NULL OR e.status = $4)`,
  ),
  byId: engagementViews<[consortiumId: string, id: string]>(`e.consortium_id = $1 AND e.id = $2`),
};

/** The engagement, its row locked until the transaction ends. */
export const engagementForUpdate = sql<
  { id: string; consortium_id: string; need_id: string; nonprofit_id: string; provider_id: string; status: EngagementStatus },
  [consortiumId: string, id: string]
>(`SELECT id, consortium_id, need_id, nonprofit_id, provider_id, status FROM engagements WHERE consortium_id = $1 AND id = $2 FOR UPDATE`);

const dueColumns = `id, consortium_id, need_id, nonprofit_id, provider_id, respond_by`;
type DueRow = { id: string; consortium_id: string; need_id: string; nonprofit_id: string; provider_id: string; respond_by: Date };

/** Marks as reminded (and returns) up to `limit` requests past their response date. */
export const remindOverdue = sql<DueRow, [now: Date, limit: number]>(
  `UPDATE engagements SET reminded_at = $1, updated_at = $1
   WHERE id IN (SELECT id FROM engagements WHERE status = 'requested' AND reminded_at IS NULL AND respond_by <= $1 ORDER BY respond_by LIMIT $2 FOR UPDATE SKIP LOCKED)
   RETURNING ${dueColumns}`,
);

/** Expires (and returns) up to `limit` requests left unanswered past their expiry. */
export const expireUnanswered = sql<DueRow, [now: Date, limit: number]>(
  `UPDATE engagements SET status = 'expired', ended_at = $1, updated_at = $1
   WHERE id IN (SELECT id FROM engagements WHERE status = 'requested' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
   RETURNING ${dueColumns}`,
);
