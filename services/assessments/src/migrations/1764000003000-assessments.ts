import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'assessments', { key: 'id' }, `
      organization_id uuid NOT NULL,
      framework_version text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('individual', 'team')),
      started_by uuid NOT NULL,
      started_at timestamptz NOT NULL,
      completed_at timestamptz,
      result jsonb
    `);
  await db.query(`CREATE INDEX assessments_by_organization ON assessments (consortium_id, organization_id, started_at)`);
  await db.query(`
    CREATE TABLE respondents (
      assessment_id uuid NOT NULL REFERENCES assessments(id),
      member_id uuid NOT NULL,
      answers jsonb NOT NULL DEFAULT '{}',
      evidence jsonb NOT NULL DEFAULT '{}',
      submitted_at timestamptz,
      PRIMARY KEY (assessment_id, member_id)
    )`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE respondents, assessments`);
}

/** Assessments with their respondents. */
export const Assessments1764000003000 = defineMigration('Assessments1764000003000', up, down);
