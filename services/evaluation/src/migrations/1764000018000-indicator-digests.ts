import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // The digest of the row as the refresher last wrote it (null: not known yet, the row is written at its next recomputation).
  await db.query(`ALTER TABLE indicators ADD COLUMN digest text`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE indicators DROP COLUMN digest`);
}

/**
 * Each indicator row's digest, so that a recomputation sends only the rows whose content changed rather than every row and
 * its breakdown (hundreds of kilobytes of JSON for a large consortium) at each pass (docs/benchmarks.md, recompute).
 */
export const IndicatorDigests1764000018000 = defineMigration('IndicatorDigests1764000018000', up, down);
