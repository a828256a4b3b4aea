import { z } from 'zod';
import { calendarDate, DomainError, say } from '@ccndr/contracts';
import { schemaMessage } from '@ccndr/service-kit';
import type { FactsPeriod } from './refresh';

/*
 * Periods of the indicators. Dates are calendar days in UTC (a period runs from 00:00 UTC on
 * `from` to 00:00 UTC on `to`, which is not included); `asOf` is the whole history to the end of
 * its day. docs/evaluation.md says what each kind of indicator counts in a period.
 */

/** The most months one series computes (each month is a computation of its own). */
export const maxSeriesMonths = 60;

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const nextDay = (day: string) => new Date(dayStart(day).getTime() + 24 * 3600 * 1000);

export const periodFields = {
  from: calendarDate.optional().describe('First day of the period (UTC), included / Premier jour de la période (UTC), inclus'),
  to: calendarDate.optional().describe('Day the period ends (UTC), not included / Jour où la période se termine (UTC), exclu'),
};

type PeriodFields = { from?: string; to?: string; asOf?: string };

/** A query of a period checked: `from` before `to` when both are given; `asOf` alone, never with them. */
export function checkedPeriod<T extends z.ZodObject>(schema: T): T {
  return schema
    .refine((q) => {
      const { from, to } = q as PeriodFields;
      return from === undefined || to === undefined || from < to;
    }, { ...schemaMessage('field.end-before-start', 'must come after from', 'doit venir après from'), path: ['to'] })
    .refine((q) => {
      const { from, to, asOf } = q as PeriodFields;
      return asOf === undefined || (from === undefined && to === undefined);
    }, { ...schemaMessage('field.invalid', 'give asOf alone, or from and to', 'indiquez asOf seul, ou from et to'), path: ['asOf'] });
}

export const periodQuery = checkedPeriod(
  z.strictObject({
    ...periodFields,
    asOf: calendarDate.optional().describe('Whole history to the end of this day (UTC) / Tout l’historique jusqu’à la fin de ce jour (UTC)'),
  }),
);

export type PeriodQuery = z.infer<typeof periodQuery>;

/** The period a query asks for; null: none (the live indicators). A period's end after now is now. */
export function periodOf(query: PeriodQuery, now = new Date()): FactsPeriod | null {
  if (query.asOf !== undefined) return { from: null, to: earliest(nextDay(query.asOf), now) };
  if (query.from === undefined && query.to === undefined) return null;
  return { from: query.from === undefined ? null : dayStart(query.from), to: query.to === undefined ? now : earliest(dayStart(query.to), now) };
}

const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/** The calendar months (UTC) from the month of `from` to the month before `to`'s (to the current month by default), each a period. */
export function monthsOf(query: { from?: string; to?: string }, now = new Date()): { month: string; period: FactsPeriod }[] {
  const end = query.to === undefined ? now : dayStart(query.to);
  const lastMonth = monthIndex(query.to === undefined ? now : new Date(end.getTime() - 1));
  const firstMonth = query.from === undefined ? lastMonth - 11 : monthIndex(dayStart(query.from));
  if (lastMonth - firstMonth + 1 > maxSeriesMonths) {
    throw new DomainError('request.invalid-fields', {
      errors: [{ field: 'to', code: 'field.out-of-range', detail: say(`at most ${maxSeriesMonths} months after from`, `au plus ${maxSeriesMonths} mois après from`) }],
    });
  }
  const months: { month: string; period: FactsPeriod }[] = [];
  // Months still to come have nothing yet: the series stops at the current month, which runs to now.
  for (let m = firstMonth; m <= Math.min(lastMonth, monthIndex(now)); m++) {
    const start = monthStart(m);
    months.push({ month: start.toISOString().slice(0, 7), period: { from: start, to: earliest(monthStart(m + 1), now) } });
  }
  return months;
}

const monthIndex = (at: Date) => at.getUTCFullYear() * 12 + at.getUTCMonth();
const monthStart = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
