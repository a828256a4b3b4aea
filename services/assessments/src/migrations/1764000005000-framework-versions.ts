import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE framework_versions (
      version text PRIMARY KEY,
      document jsonb NOT NULL,
      mapping jsonb,
      published_at timestamptz NOT NULL DEFAULT now()
    )`);
  await createTenantTable(db, 'consortium_frameworks', { key: 'consortium' }, `version text NOT NULL, pinned_at timestamptz NOT NULL DEFAULT now()`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE consortium_frameworks, framework_versions`);
}

/** Framework versions published by platform admins (the default ships in code) and each consortium's pinned version. */
export const FrameworkVersions1764000005000 = defineMigration('FrameworkVersions1764000005000', up, down);
