import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { dateFormat, icuTexts, type GatheringKind, type OfficialLanguage } from '@ccndr/contracts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { layoutMail } from './mail-layout';

/** Where a consortium's gatherings take place unless it says otherwise (CCNDR is in Toronto). */
export const defaultTimeZone = 'America/Toronto';

// The HTML part escapes what it interpolates itself.
const i18n = icuTexts('mail', { fr, en });

/** What changed about a gathering: a message is an invitation, an update (new time) or a cancellation. */
export type GatheringChange = 'invitation' | 'update' | 'cancellation';

export interface GatheringMailInput {
  change: GatheringChange;
  language: OfficialLanguage;
  gathering: { id: string; consortiumId: string; kind: GatheringKind; title: string; startsAt: Date; place: string | null; link: string | null };
  consortiumName: string;
  recipient: { name: string; email: string };
  organizer: { name: string; email: string };
  /** The gathering's iCalendar SEQUENCE for this message: 0 for the invitation, higher for each change. */
  sequence: number;
  timeZone: string;
  portalUrl: string;
  /** The recipient's one-click link to stop messages about gatherings. */
  unsubscribeUrl: string;
  /** The host part of every gathering's UID, so that UIDs are unique beyond this platform. */
  uidDomain: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  calendar: string;
  method: 'REQUEST' | 'CANCEL';
}

/** The same UID for every message about a gathering: calendars update the entry rather than add one. */
export function gatheringUid(gatheringId: string, domain: string): string {
  return `gathering-${gatheringId}@${domain}`;
}

/** A gathering's page in the portal. */
export function gatheringPage(portalUrl: string, consortiumId: string, gatheringId: string): string {
  return new URL(`/c/${consortiumId}/gatherings/${gatheringId}`, portalUrl).toString();
}

/** What every message about a gathering says of it, in one language. */
function gatheringTexts(lng: OfficialLanguage, gathering: GatheringMailInput['gathering'], consortiumName: string, recipientName: string, timeZone: string) {
  const t = (key: string, values: Record<string, string> = {}) => i18n.t(key, { lng, ...values }) as string;
  const when = dateFormat(lng, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(gathering.startsAt);
  const zone = timeZone.split('/').pop()!.replace(/_/g, ' ');
  return { t, values: { title: gathering.title, kind: t(`kind.${gathering.kind}`), consortium: consortiumName, when, zone, name: recipientName } };
}

/** The message about a gathering to one person, in their language: plain text, HTML and the iCalendar invitation. */
export function renderGatheringMail(input: GatheringMailInput): RenderedMail {
  const { change, language: lng, gathering, timeZone } = input;
  const { t, values } = gatheringTexts(lng, gathering, input.consortiumName, input.recipient.name, timeZone);
  const page = change === 'cancellation' ? new URL(`/c/${gathering.consortiumId}/gatherings`, input.portalUrl).toString() : gatheringPage(input.portalUrl, gathering.consortiumId, gathering.id);
  const details = [gathering.place ? t('place', { place: gathering.place }) : null, gathering.link && change !== 'cancellation' ? t('link', { link: gathering.link }) : null].filter((line): line is string => line !== null);
  const paragraphs = [t(`${change}.body`, values), ...details, t('calendar')];
  const { text, html } = layoutMail({
    language: lng,
    subject: t(`${change}.subject`, values),
    lead: t(`${change}.lead`, values),
    paragraphs,
    action: { label: t(`${change}.action`), url: page },
    footer: t('footer', values),
    unsubscribe: { category: 'gatherings', url: input.unsubscribeUrl },
  });

  const method = change === 'cancellation' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ prodId: { company: 'CCNDR', product: 'Readiness Platform', language: lng.toUpperCase() }, method });
  calendar.timezone({ name: timeZone, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: gatheringUid(gathering.id, input.uidDomain),
    sequence: input.sequence,
    // The wall-clock time where it takes place, under that zone's TZID (with its VTIMEZONE).
    start: DateTime.fromJSDate(gathering.startsAt, { zone: timeZone }),
    timezone: timeZone,
    stamp: new Date(),
    summary: gathering.title,
    description: paragraphs.slice(0, -1).join('\n'),
    location: gathering.place ?? gathering.link ?? undefined,
    url: gatheringPage(input.portalUrl, gathering.consortiumId, gathering.id),
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [{ name: input.recipient.name, email: input.recipient.email, rsvp: change !== 'cancellation' }],
    status: change === 'cancellation' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return { subject: t(`${change}.subject`, values), text, html, calendar: calendar.toString(), method: change === 'cancellation' ? 'CANCEL' : 'REQUEST' };
}

export interface GatheringReminderInput {
  language: OfficialLanguage;
  gathering: GatheringMailInput['gathering'];
  consortiumName: string;
  recipient: { name: string };
  /** The member's answer so far: a reminder goes to those going, maybe going, or who have not answered. */
  response: 'going' | 'maybe' | null;
  timeZone: string;
  portalUrl: string;
  unsubscribeUrl: string;
}

/**
 * A reminder before a gathering, in the person's language: when and where, their answer so far and
 * the link to register or change it. No calendar entry: the invitation or the latest update already
 * put the gathering in their calendar, and sending the same entry again would only ask them again.
 */
export function renderGatheringReminder(input: GatheringReminderInput): Omit<RenderedMail, 'calendar' | 'method'> {
  const { language: lng, gathering } = input;
  const { t, values } = gatheringTexts(lng, gathering, input.consortiumName, input.recipient.name, input.timeZone);
  const details = [gathering.place ? t('place', { place: gathering.place }) : null, gathering.link ? t('link', { link: gathering.link }) : null].filter((line): line is string => line !== null);
  const paragraphs = [t('reminder.body', values), ...details, t('reminder.answer', { response: input.response ?? 'none' })];
  const subject = t('reminder.subject', values);
  const page = gatheringPage(input.portalUrl, gathering.consortiumId, gathering.id);
  return layoutMail({
    language: lng,
    subject,
    lead: t('reminder.lead', values),
    paragraphs,
    action: { label: t(input.response ? 'reminder.change' : 'reminder.register'), url: page },
    footer: t('footer', values),
    unsubscribe: { category: 'gatherings', url: input.unsubscribeUrl },
  });
}
