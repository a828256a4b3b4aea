import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // The sections a mark asks to recompute (bit i for the i-th section: outcomes 1 to 4, then readiness); a mark already waiting, all.
  await db.query(`ALTER TABLE stale_indicators ADD COLUMN sections integer NOT NULL DEFAULT 31`);
  // Each row's place: its section's (times 1000), then its own within the section, so that a section recomputed alone keeps its rows' places.
  await db.query(`
    UPDATE indicators i SET position = p.position
    FROM (SELECT consortium_id, key, (coalesce(outcome, 5) - 1) * 1000 + row_number() OVER (PARTITION BY consortium_id, outcome ORDER BY position) - 1 AS position FROM indicators) p
    WHERE i.consortium_id = p.consortium_id AND i.key = p.key AND i.position <> p.position`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`
    UPDATE indicators i SET position = p.position
    FROM (SELECT consortium_id, key, row_number() OVER (PARTITION BY consortium_id ORDER BY position) - 1 AS position FROM indicators) p
    WHERE i.consortium_id = p.consortium_id AND i.key = p.key AND i.position <> p.position`);
  await db.query(`ALTER TABLE stale_indicators DROP COLUMN sections`);
}

/**
 * Stale marks by section: an event marks the sections whose facts it changes and the refresher
 * recomputes only those, so that a change costs what its sections read rather than every breakdown
 * of the consortium's history (docs/benchmarks.md, recompute).
 */
export const SectionMarks1764000018200 = defineMigration('SectionMarks1764000018200', up, down);
