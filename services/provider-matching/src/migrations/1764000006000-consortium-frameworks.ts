import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'consortium_frameworks', { key: 'consortium' }, `
      framework_version text NOT NULL,
      dimensions jsonb NOT NULL,
      adopted_at timestamptz NOT NULL
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE consortium_frameworks`);
}

/** The readiness framework each consortium uses, learned from assessments: which dimensions exist. */
export const ConsortiumFrameworks1764000006000 = defineMigration('ConsortiumFrameworks1764000006000', up, down);
