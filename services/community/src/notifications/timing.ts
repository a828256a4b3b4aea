import { DateTime } from 'luxon';
import { defaultTimeZone } from './gathering-mail';

/** How long after it happened an event still asks for a message that is due at once. */
export const lateAfterMs = 86_400_000;

/**
 * Whether an event is applied too late to send what it asked for at once: history replayed (a
 * consumer's first start on an existing installation) or an outage of more than a day. A
 * colleague is not asked to answer a months-old assessment, nor reminded of a payment made since.
 */
export function appliedLate(happenedAt: Date, now: Date = new Date()): boolean {
  return now.getTime() - happenedAt.getTime() > lateAfterMs;
}

/** 9 h, where the consortium is, `daysBefore` days before a day (YYYY-MM-DD): when a reminder of that day is due. */
export function morningBefore(day: string, daysBefore = 0): Date {
  return DateTime.fromISO(day, { zone: defaultTimeZone }).minus({ days: daysBefore }).set({ hour: 9 }).toJSDate();
}
