import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/** Each facts table a period filters by time, with its time as the facts statement reads it (a record's day as its UTC instant: outcome-4.ts). */
const timed: [table: string, time: string][] = [
  ['gatherings', 'starts_at'],
  ['organization_activities', 'at'],
  ['circle_membership_changes', 'at'],
  ['knowledge_interactions', 'at'],
  ['collaboration_models', 'proposed_at'],
  ['model_review_scores', 'reviewed_at'],
  ['model_viability', 'checked_at'],
  ['feedback_scores', 'submitted_at'],
  ['completed_assessments', 'completed_at'],
  ['collaboration_records', `(occurred_on::timestamp AT TIME ZONE 'UTC')`],
  ['representation_snapshots', 'taken_at'],
];

async function up(db: QueryRunner): Promise<void> {
  for (const [table, time] of timed) await db.query(`CREATE INDEX ${table}_by_time ON ${table} (consortium_id, ${time})`);
}

async function down(db: QueryRunner): Promise<void> {
  for (const [table] of timed) await db.query(`DROP INDEX ${table}_by_time`);
}

/**
 * A period's facts read by a range of their consortium's times, not by a scan of its whole history
 * (docs/benchmarks.md, cost growth of period reads).
 */
export const PeriodIndexes1764000016000 = defineMigration('PeriodIndexes1764000016000', up, down);
