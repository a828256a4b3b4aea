import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'completed_assessments', {}, `
      assessment_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      completed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, assessment_id)
    `);
  await db.query(`ALTER TABLE indicators ALTER COLUMN target DROP NOT NULL`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE completed_assessments`);
}

/** Completed readiness assessments, one row each, for the count per consortium. */
export const AssessmentsCompleted1764000005000 = defineMigration('AssessmentsCompleted1764000005000', up, down);
