import { MigrationInterface, QueryRunner } from 'typeorm';

/** What assessments knows of the community, learned from its events. */
export class AssessmentsFoundation1764000002000 implements MigrationInterface {
  name = 'AssessmentsFoundation1764000002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE consortia (consortium_id uuid PRIMARY KEY, created_at timestamptz NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consortia`);
  }
}
