import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, Wall, wallsMigration } from '@ccndr/persistence';

/**
 * The engagement requests waiting for a provider's answer, as provider matching's events tell them
 * (requested; gone once accepted, declined, expired or cancelled): the weekly digest names them to
 * the provider's staff. Ids and the date to answer by only.
 */
async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'requests_waiting', { referencesConsortia: true }, `
      engagement_id uuid PRIMARY KEY,
      provider_id uuid NOT NULL,
      nonprofit_id uuid NOT NULL,
      respond_by timestamptz NOT NULL
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE requests_waiting`);
}

export const RequestsWaiting1764000016250 = defineMigration('RequestsWaiting1764000016250', up, down);

const walls: Wall[] = [{ table: 'requests_waiting' }];
export const RequestsWaitingWalls1764000016260 = wallsMigration('RequestsWaitingWalls1764000016260', walls);
