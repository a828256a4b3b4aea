import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE consortia ADD COLUMN name_fr text, ADD COLUMN name_en text`);
  await db.query(`ALTER TABLE organizations ADD COLUMN name text`);
  await createTenantTable(db, 'partnership_organizations', {}, `
      partnership_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      PRIMARY KEY (consortium_id, partnership_id, organization_id)
    `);
  await raiseWalls(db, [{ table: 'partnership_organizations' }]);
}

async function down(db: QueryRunner): Promise<void> {
  await lowerWalls(db, [{ table: 'partnership_organizations' }]);
  await db.query(`DROP TABLE partnership_organizations`);
  await db.query(`ALTER TABLE organizations DROP COLUMN name`);
  await db.query(`ALTER TABLE consortia DROP COLUMN name_fr, DROP COLUMN name_en`);
}

/**
 * What a report handed to a funder names: the consortium (both languages) and the organisations of
 * each partnership (organisations, never people), as community's events carry them. Rows applied
 * before the events carried names have none until the projection is rebuilt from the stream; a
 * consortium or organisation created before then stays unnamed and the report says so.
 */
export const ReportNames1764000013100 = defineMigration('ReportNames1764000013100', up, down);
