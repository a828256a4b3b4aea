import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE indicators ADD COLUMN suppressed boolean NOT NULL DEFAULT false`);
  // Every consortium recomputed once: survey averages from fewer than 5 organisations withheld, and their n and the working groups' counts shown "<5".
  await db.query(`
    INSERT INTO stale_indicators (consortium_id, last_event_id)
    SELECT DISTINCT ON (consortium_id) consortium_id, last_event_id FROM indicators WHERE last_event_id IS NOT NULL ORDER BY consortium_id, updated_at DESC
    ON CONFLICT (consortium_id) DO NOTHING`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE indicators DROP COLUMN suppressed`);
}

/**
 * Whether the small-count rule withholds an indicator's value (drawn from 1 to 4 organisations),
 * kept with the value, so that every surface reads the rule's outcome instead of working it out.
 */
export const SuppressedIndicators1764000013200 = defineMigration('SuppressedIndicators1764000013200', up, down);
