import { dateFormat } from '@ccndr/contracts';
import { Language, locales } from '../i18n/messages';


/** The consortium's time zone when it has one; until consortia carry one, the programme's (Toronto). */
export const defaultTimeZone = 'America/Toronto';

/**
 * Dates, amounts and numbers written the way each language writes them (« 1 000 $ », "$1,000",
 * « 37,5 »). A calendar date (a due date) stays the day it names; a moment (a gathering's start)
 * is written in the time zone, which it names (« 1er mars 2026, 10 h 00 HNE »).
 */
export function formats(lang: Language, timeZone = defaultTimeZone) {
  const date = dateFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
  const dateTimeZone = dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
  const money = (digits: number) => new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const dollars = money(0);
  const cents = money(2);
  const number = new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 1 });
  return {
    timeZone,
    date: (value: string | Date) => date.format(new Date(value)),
    dateTime: (value: string | Date) => dateTime.format(new Date(value)),
    /** With the weekday and the time zone: « mardi 10 mars 2026 à 13 h 00 HAE ». */
    dateTimeZone: (value: string | Date) => dateTimeZone.format(new Date(value)),
    money: (value: number) => (Number.isInteger(value) ? dollars : cents).format(value),
    number: (value: number) => number.format(value),
    /** A share from 0 to 1. */
    percent: (share: number) => percent.format(share),
  };
}

/** The city of a time zone, to name it to people ("America/Toronto" → "Toronto"). */
export function cityOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/**
 * A moment typed in a form as local time in `timeZone` ("2026-03-01T10:00", what a
 * datetime-local field sends) as an ISO instant: the zone's offset at that moment, from Intl.
 */
export function zonedInstant(local: string, timeZone: string): string {
  const asUtc = new Date(`${local}Z`);
  if (Number.isNaN(asUtc.getTime())) return asUtc.toString();
  const offsetAt = (instant: Date) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - instant.getTime();
  };
  // Twice: the offset at the guessed instant may differ from the one at the true instant (a change of hour between them).
  const first = new Date(asUtc.getTime() - offsetAt(asUtc));
  return new Date(asUtc.getTime() - offsetAt(first)).toISOString();
}
