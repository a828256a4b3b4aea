/**
 * One figure of the programme's evaluation: what it measures (FR/EN), its value, the target from
 * the programme's criteria and, where it helps, the detail behind it.
 */
export interface Indicator {
  /** Stable key, e.g. `o1.meeting-participants`. */
  key: string;
  /** Outcome 1–4 of the programme; null for the readiness figures of prototype 1. */
  outcome: 1 | 2 | 3 | 4 | null;
  label: Bilingual;
  unit: 'count' | 'percent' | 'average' | 'per-month';
  /** Null when there is nothing to measure yet (an average of no ratings). */
  value: number | null;
  target: Target | null;
  breakdown: unknown;
}

/**
 * A part of the indicators: the statement that reads its facts for one consortium (`$1`; one row,
 * read as JSON) and the indicators it makes of them. The sections' statements are read together,
 * in one round trip per recomputation.
 */
export interface Section {
  facts: string;
  indicators(facts: any): Indicator[];
}

export interface Bilingual {
  fr: string;
  en: string;
}

/**
 * `more-than`: met above `value`; `at-least`: met from `value`; `between`: met from `value`,
 * expected up to `max`. With `dueOn`, a target not yet met is `on-track` while the value keeps
 * pace with the time elapsed since the consortium began.
 */
export interface Target {
  comparison: 'more-than' | 'at-least' | 'between';
  value: number;
  max?: number;
  dueOn?: string;
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
