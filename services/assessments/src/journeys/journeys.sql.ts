import { sql } from '@ccndr/persistence';
import type { Bilingual } from '../framework/framework.schema';
import type { Milestone } from './journeys.service';

export const targetsOf = sql<{ dimension: string; stage: number }, [consortiumId: string, organizationId: string]>(
  `SELECT dimension, stage FROM targets WHERE consortium_id = $1 AND organization_id = $2`,
);

export const saveTarget = sql<never, [consortiumId: string, organizationId: string, dimension: string, stage: number]>(
  `INSERT INTO targets (consortium_id, organization_id, dimension, stage) VALUES ($1, $2, $3, $4)
   ON CONFLICT (consortium_id, organization_id, dimension) DO UPDATE SET stage = excluded.stage, set_at = now()`,
);

export const insertJourney = sql<never, [id: string, consortiumId: string, organizationId: string, assessmentId: string, createdAt: Date]>(
  `INSERT INTO journeys (id, consortium_id, organization_id, assessment_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
);

export const insertMilestone = sql<never, [id: string, journeyId: string, position: number, dimension: string, fromStage: number, toStage: number, stepJson: string, resourcesJson: string]>(
  `INSERT INTO milestones (id, journey_id, position, dimension, from_stage, to_stage, step, resources) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
);

export interface JourneyRow {
  id: string;
  organization_id: string;
  assessment_id: string;
  created_at: Date;
}

const journeyColumns = `id, organization_id, assessment_id, created_at`;

export const latestJourney = sql<JourneyRow, [consortiumId: string, organizationId: string]>(
  `SELECT ${journeyColumns} FROM journeys WHERE consortium_id = $1 AND organization_id = $2 ORDER BY created_at DESC LIMIT 1`,
);

export const journeyOfAssessment = sql<JourneyRow, [assessmentId: string]>(`SELECT ${journeyColumns} FROM journeys WHERE assessment_id = $1`);

export const journeyById = sql<JourneyRow, [id: string]>(`SELECT ${journeyColumns} FROM journeys WHERE id = $1`);

/** The organisation's milestone, its row locked until the transaction ends. */
export const milestoneForUpdate = sql<{ id: string; journey_id: string; dimension: string; step: Bilingual; completed_at: Date | null }, [consortiumId: string, organizationId: string, id: string]>(
  `SELECT m.id, m.journey_id, m.dimension, m.step, m.completed_at FROM milestones m JOIN journeys j ON j.id = m.journey_id
   WHERE j.consortium_id = $1 AND j.organization_id = $2 AND m.id = $3 FOR UPDATE OF m`,
);

export const milestoneCompleted = sql<never, [id: string, completedAt: Date, memberId: string, note: string | null]>(
  `UPDATE milestones SET completed_at = $2, completed_by = $3, note = $4 WHERE id = $1`,
);

/** The day the milestone is due, or none. */
export const milestoneDue = sql<never, [id: string, dueOn: string | null]>(`UPDATE milestones SET due_on = $2 WHERE id = $1`);

export const journeyProgress = sql<{ done: number; total: number }, [journeyId: string]>(
  `SELECT count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS done, count(*)::int AS total FROM milestones WHERE journey_id = $1`,
);

export const milestonesOf = sql<Milestone, [journeyId: string]>(
  `SELECT id, position, dimension, from_stage AS "fromStage", to_stage AS "toStage", step, resources, completed_at AS "completedAt", note, to_char(due_on, 'YYYY-MM-DD') AS "dueOn"
   FROM milestones WHERE journey_id = $1 ORDER BY position`,
);
