import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // Every instant an organisation took part in something (organization_activity keeps only the first).
  await createTenantTable(db, 'organization_activities', {}, `
      organization_id uuid NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, organization_id, at)
    `);
  await db.query(`INSERT INTO organization_activities (consortium_id, organization_id, at) SELECT consortium_id, organization_id, first_active_at FROM organization_activity`);
  // When a partnership reached each status (the earliest time seen of each).
  await createTenantTable(db, 'partnership_steps', {}, `
      partnership_id uuid NOT NULL,
      status text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, partnership_id, status)
    `);
  await db.query(`ALTER TABLE feedback_scores ADD COLUMN submitted_at timestamptz`);
  await db.query(`ALTER TABLE journey_milestones_completed ADD COLUMN completed_at timestamptz`);
  // Closed periods: the figures as they were when closed, and each restatement after.
  await createTenantTable(db, 'closed_periods', {}, `
      period_id uuid NOT NULL,
      period_from timestamptz NOT NULL,
      period_to timestamptz NOT NULL,
      closed_at timestamptz NOT NULL,
      indicators jsonb NOT NULL,
      PRIMARY KEY (consortium_id, period_id)
    `);
  await createTenantTable(db, 'period_restatements', {}, `
      restatement_id uuid NOT NULL,
      period_id uuid NOT NULL,
      reason text NOT NULL,
      restated_at timestamptz NOT NULL,
      indicators jsonb NOT NULL,
      PRIMARY KEY (consortium_id, restatement_id)
    `);
  await raiseWalls(db, [{ table: 'organization_activities' }, { table: 'partnership_steps' }, { table: 'closed_periods' }, { table: 'period_restatements' }]);
}

async function down(db: QueryRunner): Promise<void> {
  await lowerWalls(db, [{ table: 'organization_activities' }, { table: 'partnership_steps' }, { table: 'closed_periods' }, { table: 'period_restatements' }]);
  await db.query(`DROP TABLE period_restatements, closed_periods, partnership_steps, organization_activities`);
  await db.query(`ALTER TABLE feedback_scores DROP COLUMN submitted_at`);
  await db.query(`ALTER TABLE journey_milestones_completed DROP COLUMN completed_at`);
}

/**
 * The times indicators for a period need (each activity of an organisation, each step of a
 * partnership, when a survey was answered and a milestone completed), and closed periods with
 * their restatements. Rows applied before carry no time until the projection is rebuilt from the
 * stream: they count in every view that starts at the beginning (docs/evaluation.md).
 */
export const PeriodTimes1764000014000 = defineMigration('PeriodTimes1764000014000', up, down);
