import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // A null period (both bounds) is the consortium's whole history.
  await createTenantTable(db, 'narratives', {}, `
      period_from date,
      period_to date,
      section text NOT NULL CHECK (section IN ('outcome-1', 'outcome-2', 'outcome-3', 'outcome-4', 'learnings')),
      version integer NOT NULL CHECK (version > 0),
      text_fr text CHECK (length(text_fr) BETWEEN 1 AND 10000),
      text_en text CHECK (length(text_en) BETWEEN 1 AND 10000),
      written_at timestamptz NOT NULL,
      written_by text NOT NULL,
      CHECK (text_fr IS NOT NULL OR text_en IS NOT NULL),
      CHECK ((period_from IS NULL) = (period_to IS NULL) AND period_from <= period_to),
      UNIQUE NULLS NOT DISTINCT (consortium_id, period_from, period_to, section, version)
    `);
  await raiseWalls(db, [{ table: 'narratives' }]);
}

async function down(db: QueryRunner): Promise<void> {
  await lowerWalls(db, [{ table: 'narratives' }]);
  await db.query(`DROP TABLE narratives`);
}

/**
 * The coordinator's own words for the report: a narrative per outcome and the learnings, in French
 * and English, every version kept, for a period. Evaluation's own records, not a projection: a
 * rebuild carries them over (evaluation.service-spec.ts) and no event carries them (free text).
 */
export const Narratives1764000013300 = defineMigration('Narratives1764000013300', up, down);
