import { sql } from '@ccndr/persistence';
import type { CollaborationModel } from './collaboration-models.service';

export type ReviewerRole = 'stakeholder' | 'expert';

export const circlePrototype = sql<{ prototype: 1 | 2 | 3 | null }, [consortiumId: string, circleId: string]>(`SELECT prototype FROM circles WHERE consortium_id = $1 AND id = $2`);

export const insertModel = sql<
  never,
  [id: string, consortiumId: string, circleId: string, title: string, description: string, prototype: 1 | 2 | 3 | null, businessModelNotes: string | null, proposedBy: string, organizationId: string, proposedAt: Date]
>(
  `INSERT INTO collaboration_models (id, consortium_id, circle_id, title, description, prototype, business_model_notes, proposed_by, organization_id, proposed_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
);

export const activeMembersAmong = sql<{ id: string }, [consortiumId: string, memberIds: string[]]>(`SELECT id FROM members WHERE consortium_id = $1 AND id = ANY($2::uuid[]) AND left_at IS NULL`);

export const stakeholderReviewersAmong = sql<{ member_id: string }, [modelId: string, memberIds: string[]]>(
  `SELECT member_id FROM model_reviews WHERE model_id = $1 AND reviewer_role = 'stakeholder' AND member_id = ANY($2::uuid[])`,
);

/** The designated experts become exactly these members (with `addExperts`). */
export const removeExpertsBut = sql<never, [modelId: string, memberIds: string[]]>(`DELETE FROM model_experts WHERE model_id = $1 AND NOT (member_id = ANY($2::uuid[]))`);

export const addExperts = sql<never, [consortiumId: string, modelId: string, memberIds: string[]]>(
  `INSERT INTO model_experts (consortium_id, model_id, member_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
);

export const setViability = sql<never, [modelId: string, viabilityJson: string]>(`UPDATE collaboration_models SET viability = $2 WHERE id = $1`);

export const isExpert = sql<{ expert: 1 }, [modelId: string, memberId: string]>(`SELECT 1 AS expert FROM model_experts WHERE model_id = $1 AND member_id = $2`);

export const insertReview = sql<
  { id: string },
  [id: string, consortiumId: string, modelId: string, memberId: string, organizationId: string, role: ReviewerRole, scoresJson: string, comment: string | null, reviewedAt: Date]
>(
  `INSERT INTO model_reviews (id, consortium_id, model_id, member_id, organization_id, reviewer_role, scores, comment, reviewed_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (model_id, member_id) DO NOTHING RETURNING id`,
);

export const modelIdsOf = sql<{ id: string }, [consortiumId: string]>(`SELECT id FROM collaboration_models WHERE consortium_id = $1 ORDER BY proposed_at`);

export const modelById = sql<Omit<CollaborationModel, 'experts' | 'stakeholderReviews' | 'expertReviews'>, [consortiumId: string, id: string]>(
  `SELECT id, circle_id AS "circleId", title, description, prototype, business_model_notes AS "businessModelNotes", proposed_by AS "proposedBy",
          organization_id AS "organizationId", proposed_at AS "proposedAt", viability
   FROM collaboration_models WHERE consortium_id = $1 AND id = $2`,
);

export const expertsOf = sql<{ member_id: string }, [modelId: string]>(`SELECT member_id FROM model_experts WHERE model_id = $1 ORDER BY member_id`);

export const reviewsOf = sql<{ reviewer_role: ReviewerRole; scores: Record<string, number> }, [modelId: string]>(`SELECT reviewer_role, scores FROM model_reviews WHERE model_id = $1`);

/** The model, its row locked until the transaction ends. */
export const modelForUpdate = sql<{ found: 1 }, [consortiumId: string, id: string]>(`SELECT 1 AS found FROM collaboration_models WHERE consortium_id = $1 AND id = $2 FOR UPDATE`);
