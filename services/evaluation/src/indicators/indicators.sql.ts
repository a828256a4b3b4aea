import { sql } from '@ccndr/persistence';
import type { Bilingual, Indicator, Target } from './indicator';
import { liveGatheringEntries, liveSnapshotEntries, snapshotFields } from './outcome-2';

/** An indicator as stored, with what its status is read from: the figure alone. */
export interface StoredFigureRow {
  key: string;
  outcome: number | null;
  label: Bilingual;
  unit: Indicator['unit'];
  /** numeric: strings. */
  value: string | null;
  suppressed: boolean;
  comparison: Target['comparison'] | null;
  target: string | null;
  target_max: string | null;
  due_on: string | null;
  /** When the consortium began: a dated target's progress is read from it. */
  started_at: Date;
}

export interface IndicatorRow extends StoredFigureRow {
  breakdown: Indicator['breakdown'];
  /** The self-identification indicators' snapshots (liveSnapshotEntries), listed in their breakdown as they are read; null for the others. */
  snapshots: unknown[] | null;
  updated_at: Date;
  last_event_id: string | null;
}

// The attendance rate's breakdown with each gathering held, read from the rollups (liveGatheringEntries); the self-identification snapshots.
const indicatorColumns = `i.key, i.outcome, i.label, i.unit, i.value, i.suppressed, i.comparison, i.target, i.target_max, to_char(i.target_due_on, 'YYYY-MM-DD') AS due_on,
  CASE WHEN i.key = 'o2.attendance-rate' THEN i.breakdown || jsonb_build_object('gatherings', (${liveGatheringEntries('i.consortium_id')})) ELSE i.breakdown END AS breakdown,
  CASE WHEN i.key IN (${Object.keys(snapshotFields).map((key) => `'${key}'`).join(', ')}) THEN (${liveSnapshotEntries('i.consortium_id')}) END AS snapshots,
  i.updated_at, i.last_event_id, c.created_at AS started_at`;

/** A consortium's indicators in the programme's order, of one outcome (`readiness` for the readiness figures) or all (null). */
export const indicatorsOf = sql<IndicatorRow, [consortiumId: string, outcome: string | null]>(
  `SELECT ${indicatorColumns} FROM indicators i JOIN consortia c USING (consortium_id)
   WHERE i.consortium_id = $1 AND ($2::text IS NULL OR coalesce(i.outcome::text, 'readiness') = $2)
   ORDER BY i.position`,
);

export const indicatorByKey = sql<IndicatorRow, [consortiumId: string, key: string]>(
  `SELECT ${indicatorColumns} FROM indicators i JOIN consortia c USING (consortium_id) WHERE i.consortium_id = $1 AND i.key = $2`,
);

export const consortiumLanguage = sql<{ default_language: 'fr' | 'en' }, [consortiumId: string]>(`SELECT default_language FROM consortia WHERE consortium_id = $1`);

export const consortiumStart = sql<{ created_at: Date }, [consortiumId: string]>(`SELECT created_at FROM consortia WHERE consortium_id = $1`);
