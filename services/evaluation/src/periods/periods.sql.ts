import { sql } from '@ccndr/persistence';
import type { PeriodFigure } from './periods.service';

/** The consortium's periods lock, held to commit: two closings at once cannot both miss each other's overlap. */
export const lockPeriodsOf = sql<{ locked: unknown }, [consortiumId: string]>(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':periods:' || $1)) AS locked`);

export const overlappingPeriod = sql<{ period_id: string }, [consortiumId: string, from: Date, to: Date]>(
  `SELECT period_id FROM closed_periods WHERE consortium_id = $1 AND period_from < $3 AND period_to > $2 LIMIT 1`,
);

export interface ClosedPeriodRow {
  period_id: string;
  from_day: string;
  to_day: string;
  closed_at: Date;
  indicators: PeriodFigure[];
  restatements: { restatementId: string; reason: string; restatedAt: string; indicators: PeriodFigure[] }[];
}

const periodColumns = `p.period_id, to_char(p.period_from AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS from_day, to_char(p.period_to AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS to_day,
  p.closed_at, p.indicators,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('restatementId', r.restatement_id, 'reason', r.reason, 'restatedAt', r.restated_at, 'indicators', r.indicators)
     ORDER BY r.restated_at DESC, r.restatement_id), '[]') FROM period_restatements r WHERE r.consortium_id = p.consortium_id AND r.period_id = p.period_id) AS restatements`;

/** A consortium's closed periods, earliest first, each with its restatements (latest first). */
export const closedPeriodsOf = sql<ClosedPeriodRow, [consortiumId: string]>(`SELECT ${periodColumns} FROM closed_periods p WHERE p.consortium_id = $1 ORDER BY p.period_from`);

export const closedPeriod = sql<ClosedPeriodRow, [consortiumId: string, periodId: string]>(`SELECT ${periodColumns} FROM closed_periods p WHERE p.consortium_id = $1 AND p.period_id = $2`);

/** The names of the framework's dimensions, for the labels of the maturity figures. */
export const frameworkDimensions = sql<{ dimensions: { key: string; name: { fr: string; en: string } }[] }, [consortiumId: string]>(
  `SELECT dimensions FROM consortium_frameworks WHERE consortium_id = $1`,
);
