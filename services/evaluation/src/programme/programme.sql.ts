import { sql } from '@ccndr/persistence';
import type { Bilingual } from '../indicators/indicator';
import type { StoredFigureRow } from '../indicators/indicators.sql';

/** A consortium's name with one of its stored indicators (none yet: a row with a null key). */
export type ProgrammeIndicatorRow = StoredFigureRow & { consortium_id: string; name_fr: string | null; name_en: string | null };

/** Every consortium's stored indicators (the live rows, as the refresher last wrote them), a consortium's in the programme's order. */
export const programmeIndicators = sql<ProgrammeIndicatorRow, []>(
  `SELECT c.consortium_id, c.name_fr, c.name_en, i.key, i.outcome, i.label, i.unit, i.value, i.suppressed, i.comparison, i.target, i.target_max,
     to_char(i.target_due_on, 'YYYY-MM-DD') AS due_on, c.created_at AS started_at
   FROM consortia c LEFT JOIN indicators i USING (consortium_id)
   ORDER BY coalesce(c.name_en, c.name_fr), c.consortium_id, i.position`,
);

export interface BenchmarkRow {
  dimension: string;
  name: Bilingual | null;
  organizations: number;
  consortia: number;
  /** Null when no consortium contributes. */
  lower_quartile: string | null;
  median: string | null;
  upper_quartile: string | null;
}

/**
 * Per readiness dimension, the scores of the organisations of the consortia that opted in — each
 * organisation's latest completed assessment, as the consortium's own readiness figures take it —
 * as quartiles, with how many organisations and consortia they are drawn from. A consortium with
 * fewer than `$1` organisations scored in a dimension does not contribute to it (its few scores
 * would show through the quartiles); the caller withholds what is drawn from too few.
 */
export const readinessBenchmark = sql<BenchmarkRow, [minimumPerConsortium: number]>(
  `WITH opted AS (SELECT consortium_id FROM programme_benchmark WHERE opted_in),
   latest AS (
     SELECT DISTINCT ON (a.consortium_id, a.organization_id) a.consortium_id, a.assessment_id FROM completed_assessments a JOIN opted USING (consortium_id)
     ORDER BY a.consortium_id, a.organization_id, a.completed_at DESC),
   names AS (
     SELECT DISTINCT ON (d->>'key') d->>'key' AS dimension, d->'name' AS name, p.position
     FROM consortium_frameworks f JOIN opted USING (consortium_id), jsonb_array_elements(f.dimensions) WITH ORDINALITY AS p(d, position)
     ORDER BY d->>'key', f.adopted_at DESC),
   scored AS (
     SELECT s.dimension, s.consortium_id, s.score, count(*) OVER (PARTITION BY s.dimension, s.consortium_id) >= $1 AS contributes
     FROM assessment_scores s JOIN latest l ON l.consortium_id = s.consortium_id AND l.assessment_id = s.assessment_id)
   SELECT s.dimension, n.name, count(*) FILTER (WHERE contributes)::int AS organizations, count(DISTINCT s.consortium_id) FILTER (WHERE contributes)::int AS consortia,
     percentile_cont(0.25) WITHIN GROUP (ORDER BY s.score) FILTER (WHERE contributes) AS lower_quartile,
     percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score) FILTER (WHERE contributes) AS median,
     percentile_cont(0.75) WITHIN GROUP (ORDER BY s.score) FILTER (WHERE contributes) AS upper_quartile
   FROM scored s LEFT JOIN names n USING (dimension)
   GROUP BY s.dimension, n.name, n.position ORDER BY n.position NULLS LAST, s.dimension`,
);

export const optedInConsortia = sql<{ consortia: number }, []>(`SELECT count(*)::int AS consortia FROM programme_benchmark WHERE opted_in`);

export interface BenchmarkChoiceRow {
  opted_in: boolean;
  decided_at: Date;
}

export const benchmarkChoice = sql<BenchmarkChoiceRow, [consortiumId: string]>(`SELECT opted_in, decided_at FROM programme_benchmark WHERE consortium_id = $1`);

export const setBenchmarkChoice = sql<BenchmarkChoiceRow, [consortiumId: string, optedIn: boolean, decidedAt: Date, decidedBy: string]>(
  `INSERT INTO programme_benchmark (consortium_id, opted_in, decided_at, decided_by) VALUES ($1, $2, $3, $4)
   ON CONFLICT (consortium_id) DO UPDATE SET opted_in = excluded.opted_in, decided_at = excluded.decided_at, decided_by = excluded.decided_by
   RETURNING opted_in, decided_at`,
);
