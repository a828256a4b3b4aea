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

export interface Bilingual {
  fr: string;
  en: string;
}

/** `more-than`: met above `value`; `at-least`: met from `value`; `between`: met from `value`, expected up to `max`. */
export interface Target {
  comparison: 'more-than' | 'at-least' | 'between';
  value: number;
  max?: number;
}

/** `tracked`: a figure followed without a target. */
export type IndicatorStatus = 'met' | 'not-met' | 'tracked';

export function statusOf(target: Target | null, value: number | null): IndicatorStatus {
  if (!target) return 'tracked';
  if (value === null) return 'not-met';
  return (target.comparison === 'more-than' ? value > target.value : value >= target.value) ? 'met' : 'not-met';
}

/** Rounds an average or a rate for display (one decimal); null stays null. */
export function oneDecimal(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}
