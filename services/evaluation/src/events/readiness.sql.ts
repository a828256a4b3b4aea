import { BatchWrite, latestBy } from '@ccndr/messaging';

export const completedAssessments: BatchWrite<{ consortiumId: string; assessmentId: string; organizationId: string; completedAt: string }> = {
  statement: `INSERT INTO completed_assessments (consortium_id, assessment_id, organization_id, completed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'assessmentId', 'organizationId', 'completedAt'],
};

export const assessmentScores: BatchWrite<{ consortiumId: string; assessmentId: string; dimension: string; score: number }> = {
  statement: `INSERT INTO assessment_scores (consortium_id, assessment_id, dimension, score)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'assessmentId', 'dimension', 'score'],
};

export const journeys: BatchWrite<{ consortiumId: string; journeyId: string; organizationId: string; milestones: number; createdAt: string }> = {
  statement: `INSERT INTO journeys (consortium_id, journey_id, organization_id, milestones, created_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'journeyId', 'organizationId', 'milestones', 'createdAt'],
};

export const milestonesCompleted: BatchWrite<{ consortiumId: string; journeyId: string; milestoneId: string; completedAt: string }> = {
  statement: `INSERT INTO journey_milestones_completed (consortium_id, journey_id, milestone_id, completed_at) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'journeyId', 'milestoneId', 'completedAt'],
};

/** The dimensions (and their names) of the consortium's framework; the latest adoption wins. */
export const frameworks: BatchWrite<{ consortiumId: string; dimensions: string; adoptedAt: string }> = {
  statement: `INSERT INTO consortium_frameworks (consortium_id, dimensions, adopted_at) SELECT c, d::jsonb, a FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS f(c, d, a)
    ON CONFLICT (consortium_id) DO UPDATE SET dimensions = excluded.dimensions, adopted_at = excluded.adopted_at WHERE consortium_frameworks.adopted_at < excluded.adopted_at`,
  columns: ['consortiumId', 'dimensions', 'adoptedAt'],
  merge: { key: (r) => r.consortiumId, keep: latestBy('adoptedAt', 'earlier') },
};
