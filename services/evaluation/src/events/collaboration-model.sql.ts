import { BatchWrite, latestBy } from '@ccndr/messaging';

export const models: BatchWrite<{ consortiumId: string; modelId: string; circleId: string; prototype: number | null; proposedAt: string }> = {
  statement: `INSERT INTO collaboration_models (consortium_id, model_id, circle_id, prototype, proposed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::smallint[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'modelId', 'circleId', 'prototype', 'proposedAt'],
};

/** A review revised later keeps its id: its latest scores count. */
export const reviewScores: BatchWrite<{ consortiumId: string; reviewId: string; modelId: string; reviewerRole: string; criterion: string; score: number; reviewedAt: string }> = {
  statement: `INSERT INTO model_review_scores (consortium_id, review_id, model_id, reviewer_role, criterion, score, reviewed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::timestamptz[])
    ON CONFLICT (consortium_id, review_id, criterion) DO UPDATE SET score = excluded.score, reviewed_at = excluded.reviewed_at
      WHERE model_review_scores.reviewed_at < excluded.reviewed_at`,
  columns: ['consortiumId', 'reviewId', 'modelId', 'reviewerRole', 'criterion', 'score', 'reviewedAt'],
  merge: { key: (r) => `${r.consortiumId}:${r.reviewId}:${r.criterion}`, keep: latestBy('reviewedAt', 'earlier') },
};

/** The latest check of a model wins. */
export const viability: BatchWrite<{ consortiumId: string; modelId: string; scalability: boolean; efficientUseOfResources: boolean; sustainability: boolean; checkedAt: string }> = {
  statement: `INSERT INTO model_viability (consortium_id, model_id, scalability, efficient_use_of_resources, sustainability, checked_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::boolean[], $5::boolean[], $6::timestamptz[])
    ON CONFLICT (consortium_id, model_id) DO UPDATE
      SET scalability = excluded.scalability, efficient_use_of_resources = excluded.efficient_use_of_resources, sustainability = excluded.sustainability, checked_at = excluded.checked_at
      WHERE model_viability.checked_at < excluded.checked_at`,
  columns: ['consortiumId', 'modelId', 'scalability', 'efficientUseOfResources', 'sustainability', 'checkedAt'],
  merge: { key: (r) => `${r.consortiumId}:${r.modelId}`, keep: latestBy('checkedAt', 'earlier') },
};
