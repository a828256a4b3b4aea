import { sql } from '@ccndr/persistence';
import type { NarrativeSection } from './narrative';

export interface NarrativeRow {
  section: NarrativeSection;
  period_from: string | null;
  period_to: string | null;
  version: number;
  text_fr: string | null;
  text_en: string | null;
  written_at: Date;
}

const columns = `section, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, version, text_fr, text_en, written_at`;
/** The period named by $2 and $3 (both null: the whole history). */
const samePeriod = `period_from IS NOT DISTINCT FROM $2::date AND period_to IS NOT DISTINCT FROM $3::date`;

/** One writer at a time per consortium, section and period (held to the transaction's end), so version numbers follow each other. */
export const lockNarrative = sql<{ locked: string }, [key: string]>(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked`);

/** A new version: one more than the last of this section and period. */
export const insertNarrative = sql<NarrativeRow, [consortiumId: string, from: string | null, to: string | null, section: NarrativeSection, fr: string | null, en: string | null, writtenAt: Date, writtenBy: string]>(
  `INSERT INTO narratives (consortium_id, period_from, period_to, section, version, text_fr, text_en, written_at, written_by)
   SELECT $1, $2::date, $3::date, $4, coalesce(max(version), 0) + 1, $5, $6, $7, $8 FROM narratives WHERE consortium_id = $1 AND section = $4 AND ${samePeriod}
   RETURNING ${columns}`,
);

/** The latest version of each section written for the period. */
export const latestNarratives = sql<NarrativeRow, [consortiumId: string, from: string | null, to: string | null]>(
  `SELECT DISTINCT ON (section) ${columns} FROM narratives WHERE consortium_id = $1 AND ${samePeriod} ORDER BY section, version DESC`,
);

/** Every version of one section for the period, the latest first. */
export const narrativeVersions = sql<NarrativeRow, [consortiumId: string, from: string | null, to: string | null, section: NarrativeSection]>(
  `SELECT ${columns} FROM narratives WHERE consortium_id = $1 AND ${samePeriod} AND section = $4 ORDER BY version DESC`,
);

/** Whether evaluation knows the consortium yet (its creation event applied). */
export const knownConsortium = sql<{ known: boolean }, [consortiumId: string]>(`SELECT EXISTS (SELECT 1 FROM consortia WHERE consortium_id = $1) AS known`);
