import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable } from '@ccndr/persistence';

/** The readiness framework each consortium uses, learned from assessments: which dimensions exist. */
export class ConsortiumFrameworks1764000006000 implements MigrationInterface {
  name = 'ConsortiumFrameworks1764000006000';

  async up(db: QueryRunner): Promise<void> {
    await createTenantTable(db, 'consortium_frameworks', { key: 'consortium' }, `
        framework_version text NOT NULL,
        dimensions jsonb NOT NULL,
        adopted_at timestamptz NOT NULL
      `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consortium_frameworks`);
  }
}
