import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/** Each indicator's section in the order of `sections.ts` when this migration was written (a frozen copy). */
const sectionOfKey = `CASE
    WHEN key LIKE 'o1.%' THEN 0
    WHEN key LIKE 'o2.attendance-rate%' THEN 1
    WHEN key LIKE 'o2.codesign-organizations.%' THEN 2
    WHEN key IN ('o2.representation.provinces-and-territories', 'o2.representation.countries', 'o2.representation.expertise') THEN 3
    WHEN key IN ('o2.representation.age-bands', 'o2.representation.identity-groups') THEN 4
    WHEN key LIKE 'o2.knowledge-sharing.%' THEN 5
    WHEN key LIKE 'o3.%' THEN 6
    WHEN key LIKE 'o4.%' THEN 7
    ELSE 8 END`;

async function up(db: QueryRunner): Promise<void> {
  // The sections a mark asks to recompute (bit i for the i-th section of sections.ts); a mark already waiting, and one written without them, all nine.
  await db.query(`ALTER TABLE stale_indicators ADD COLUMN sections integer NOT NULL DEFAULT 511`);
  // Each row's place: its section's (times 1000), then its own within the section, so that a section recomputed alone keeps its rows' places.
  await db.query(`
    UPDATE indicators i SET position = p.position
    FROM (SELECT consortium_id, key, section * 1000 + row_number() OVER (PARTITION BY consortium_id, section ORDER BY position) - 1 AS position
          FROM (SELECT consortium_id, key, position, ${sectionOfKey} AS section FROM indicators) s) p
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
