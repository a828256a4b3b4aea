import { Bilingual } from '@ccndr/contracts';
import { indicatorDefinition, indicatorLabel, IndicatorUnit, Outcome, Target, withheldFrom } from '@ccndr/indicators';

export type { Bilingual, Target };

/**
 * One figure of the programme's evaluation: what it measures (FR/EN), its value, the target from
 * the programme's criteria and, where it helps, the detail behind it. Key, outcome, label, unit
 * and default target come from the indicator catalogue (`@ccndr/indicators`).
 */
export interface Indicator {
  /** Stable key, e.g. `o1.meeting-participants`. */
  key: string;
  /** Outcome 1–4 of the programme; null for the readiness figures of prototype 1. */
  outcome: Outcome | null;
  label: Bilingual;
  unit: IndicatorUnit;
  /** Null when there is nothing to measure yet (an average of no ratings), or when the small-count rule withholds it. */
  value: number | null;
  /** The small-count rule withholds the value: it would be drawn from 1 to 4 organisations (value null). */
  suppressed: boolean;
  target: Target | null;
  breakdown: unknown;
}

/*
 * A period in a section's facts: `$2` from (null: from the beginning) and `$3` to (null: now).
 * Facts count when their time falls in [from, to); a fact kept without a time (applied before
 * times were kept) counts from the beginning. One statement serves the live indicators (both
 * null) and every period: recorded facts then have no upper bound, so a fact stamped a moment
 * ahead of this clock is not left out.
 */

/**
 * The live indicators (no period): read from the rollups the batch writes keep (migration
 * 1764000017100), where there are some, rather than from the whole history of the facts. Live,
 * `attended` is every present attendance; the rollups hold the same counts.
 */
export const live = `($2::timestamptz IS NULL AND $3::timestamptz IS NULL)`;

/** Rows from the rollups when live, from the facts for a period: only the branch taken is run. */
export function liveOr(rollups: string, facts: string): string {
  return `SELECT * FROM (${rollups}) rollups WHERE ${live} UNION ALL SELECT * FROM (${facts}) facts WHERE NOT ${live}`;
}

/** The instant the facts are read as of: the period's end, or now. */
export const asOf = `coalesce($3::timestamptz, now())`;

/**
 * Whether a fact's time falls in the period. Written so that, planned with the period's bounds as
 * constants (custom plans: refresh.ts), it is a range of the facts table's (consortium_id, time)
 * index rather than a test of every fact the consortium ever had.
 */
export function inPeriod(time: string): string {
  return `(${time} >= coalesce($2::timestamptz, '-infinity') AND ($3::timestamptz IS NULL OR ${time} < $3::timestamptz) OR ${time} IS NULL AND $2::timestamptz IS NULL)`;
}

/** Whether a fact's time is before the period's end (the state as of its end). */
export function beforeEnd(time: string): string {
  return `($3::timestamptz IS NULL OR ${time} < $3::timestamptz OR ${time} IS NULL)`;
}

/** Whether a gathering starting at `time` took place in the period (with no end: before now). */
export function tookPlace(time: string): string {
  return `(${time} >= coalesce($2::timestamptz, '-infinity') AND ${time} < ${asOf})`;
}

/**
 * Present attendance of the period: it belongs to the period its gathering started in. Read
 * gathering by gathering from the gatherings of the period (their time index, then each one's
 * attendance by its key), not by a scan of the consortium's attendance. Attendance whose
 * gathering is not known counts from the beginning.
 */
export const attendedInPeriod = `
  SELECT a.gathering_id, a.member_id, a.organization_id, a.gathering_kind FROM gatherings g
  -- OFFSET 0: kept a subquery run per gathering (flattened, the planner scans the whole table and joins).
  CROSS JOIN LATERAL (SELECT * FROM attendance a WHERE a.consortium_id = $1 AND a.gathering_id = g.gathering_id AND a.present OFFSET 0) a
  WHERE g.consortium_id = $1 AND ${inPeriod('g.starts_at')}
  UNION ALL
  SELECT a.gathering_id, a.member_id, a.organization_id, a.gathering_kind FROM attendance a
  WHERE a.consortium_id = $1 AND a.present AND ${inPeriod('NULL::timestamptz')}
    AND NOT EXISTS (SELECT 1 FROM gatherings g WHERE g.consortium_id = $1 AND g.gathering_id = a.gathering_id)`;

/**
 * A part of the indicators: the statement that reads its facts for one consortium (`$1`; one row,
 * read as JSON) in a period (`$2`, `$3`, above) and the indicators it makes of them. The sections' statements are read together,
 * in one round trip per recomputation; each may read `attended` (attendedInPeriod, read once for all: refresh.sql.ts).
 */
export interface Section {
  /** How the keys of the indicators it makes begin (no two sections share a beginning): an indicator's section is known by its key. */
  keys: readonly string[];
  facts: string;
  indicators(facts: any): Indicator[];
  /**
   * When the section's indicators change with time alone (a gathering starting), the next such
   * instant after the facts were read (ISO 8601), or null: the refresher recomputes the consortium then.
   */
  recomputeAt?(facts: any): string | null;
}

/**
 * An indicator of the catalogue with its value and breakdown (`dimension`: the name its label gives).
 * `drawnFrom`: the number of organisations the value is drawn from; from 1 to 4, the small-count
 * rule withholds it here, once, for every surface (API, dashboard, report, exports).
 */
export function measured(key: string, value: number | null, breakdown: unknown, options: { dimension?: Bilingual; drawnFrom?: number } = {}): Indicator {
  const { outcome, unit, target } = indicatorDefinition(key);
  const suppressed = options.drawnFrom !== undefined && withheldFrom(options.drawnFrom);
  return { key, outcome, label: indicatorLabel(key, options.dimension), unit, value: suppressed ? null : value, suppressed, target: target && { ...target }, breakdown };
}

/** `tracked`: a figure followed without a target. */
export type IndicatorStatus = 'met' | 'not-met' | 'on-track' | 'tracked';

export function statusOf(target: Target | null, value: number | null, period?: { startedAt: Date; now: Date }): IndicatorStatus {
  if (!target) return 'tracked';
  if (value !== null && (target.comparison === 'more-than' ? value > target.value : value >= target.value)) return 'met';
  if (!target.dueOn || !period) return 'not-met';
  const due = Date.parse(`${target.dueOn}T23:59:59Z`);
  const start = period.startedAt.getTime();
  const now = period.now.getTime();
  if (now > due || due <= start) return 'not-met';
  const expected = (target.value * (now - start)) / (due - start);
  return (value ?? 0) >= expected ? 'on-track' : 'not-met';
}

/** Rounds an average or a rate for display (one decimal); null stays null. */
export function oneDecimal(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}

export function targetOf(comparison: Target['comparison'], value: string | number, max: string | number | null, dueOn: string | null): Target {
  return { comparison, value: Number(value), ...(max === null ? {} : { max: Number(max) }), ...(dueOn === null ? {} : { dueOn }) };
}
