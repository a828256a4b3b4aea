import { MigrationInterface, QueryRunner } from 'typeorm';

/** The readiness framework each consortium uses, learned from assessments: which dimensions exist. */
export class ConsortiumFrameworks1764000006000 implements MigrationInterface {
  name = 'ConsortiumFrameworks1764000006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consortium_frameworks (
        consortium_id uuid PRIMARY KEY,
        framework_version text NOT NULL,
        dimensions jsonb NOT NULL,
        adopted_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consortium_frameworks`);
  }
}
