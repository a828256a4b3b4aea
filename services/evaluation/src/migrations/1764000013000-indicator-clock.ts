import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'indicator_clock', { key: 'consortium' }, `
      due_at timestamptz NOT NULL,
      last_event_id uuid NOT NULL
    `);
  await db.query(`CREATE INDEX indicator_clock_due ON indicator_clock (due_at)`);
  await raiseWalls(db, [{ table: 'indicator_clock' }]);
  // Every consortium recomputed once: the clock set where a gathering is to come, and the co-design figures per prototype.
  await db.query(`
    INSERT INTO stale_indicators (consortium_id, last_event_id)
    SELECT DISTINCT ON (consortium_id) consortium_id, last_event_id FROM indicators WHERE last_event_id IS NOT NULL ORDER BY consortium_id, updated_at DESC
    ON CONFLICT (consortium_id) DO NOTHING`);
}

async function down(db: QueryRunner): Promise<void> {
  await lowerWalls(db, [{ table: 'indicator_clock' }]);
  await db.query(`DROP TABLE indicator_clock`);
}

/**
 * When a consortium's indicators change with time alone (its next gathering starting, which turns
 * its registrations into attendance or no-shows): the refresher marks the consortium stale once
 * `due_at` has passed, with the event its indicators were last computed from. One row per
 * consortium at most, read through the index on `due_at`.
 */
export const IndicatorClock1764000013000 = defineMigration('IndicatorClock1764000013000', up, down);
