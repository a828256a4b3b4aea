import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'stale_indicators', { key: 'consortium' }, `
      version bigint NOT NULL DEFAULT 1,
      last_event_id uuid NOT NULL,
      marked_at timestamptz NOT NULL DEFAULT now()
    `);
  await raiseWalls(db, [{ table: 'stale_indicators' }]);
}

async function down(db: QueryRunner): Promise<void> {
  await lowerWalls(db, [{ table: 'stale_indicators' }]);
  await db.query(`DROP TABLE stale_indicators`);
}

/**
 * Consortia whose facts changed since their indicators were last computed: the events' transaction
 * marks them, the indicator refresher recomputes them. `version` grows with each mark, so a
 * refresh that read an older one leaves the mark for the next.
 */
export const StaleIndicators1764000010000 = defineMigration('StaleIndicators1764000010000', up, down);
