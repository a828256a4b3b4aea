import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable } from '@ccndr/persistence';

/** Framework versions published by platform admins (the default ships in code) and each consortium's pinned version. */
export class FrameworkVersions1764000005000 implements MigrationInterface {
  name = 'FrameworkVersions1764000005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE framework_versions (
        version text PRIMARY KEY,
        document jsonb NOT NULL,
        mapping jsonb,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await createTenantTable(db, 'consortium_frameworks', { key: 'consortium' }, `version text NOT NULL, pinned_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consortium_frameworks, framework_versions`);
  }
}
