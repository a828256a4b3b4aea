import { MigrationInterface, QueryRunner } from 'typeorm';

/** The community as assessments needs it (from events), and the assessments with their respondents. */
export class Assessments1764000003000 implements MigrationInterface {
  name = 'Assessments1764000003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organizations (
        consortium_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        category text NOT NULL,
        left_at timestamptz,
        PRIMARY KEY (consortium_id, organization_id)
      )`);
    await db.query(`
      CREATE TABLE members (
        consortium_id uuid NOT NULL,
        member_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        sign_in_key text,
        left_at timestamptz,
        PRIMARY KEY (consortium_id, member_id)
      )`);
    await db.query(`CREATE INDEX members_sign_in ON members (consortium_id, sign_in_key) WHERE sign_in_key IS NOT NULL AND left_at IS NULL`);
    await db.query(`
      CREATE TABLE assessments (
        id uuid PRIMARY KEY,
        consortium_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        framework_version text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('individual', 'team')),
        started_by uuid NOT NULL,
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        result jsonb
      )`);
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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE respondents, assessments, members, organizations`);
  }
}
