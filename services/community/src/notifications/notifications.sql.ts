import { sql } from '@ccndr/persistence';
import type { GatheringKind, OfficialLanguage } from '@ccndr/contracts';

/** A gathering as an invitation tells it, with its consortium's names and language. */
export interface InvitedGathering {
  id: string;
  consortiumId: string;
  kind: GatheringKind;
  title: string;
  place: string | null;
  link: string | null;
  consortiumNameFr: string;
  consortiumNameEn: string;
  consortiumLanguage: OfficialLanguage;
}

export const invitedGathering = sql<InvitedGathering, [consortiumId: string, gatheringId: string]>(
  `SELECT g.id, g.consortium_id AS "consortiumId", g.kind, g.title, g.place, g.link,
          c.name_fr AS "consortiumNameFr", c.name_en AS "consortiumNameEn", c.default_language AS "consortiumLanguage"
   FROM gatherings g JOIN consortia c ON c.id = g.consortium_id
   WHERE g.consortium_id = $1 AND g.id = $2`,
);

/** Someone a gathering concerns: an active member with an address, in their organisation's language. */
export interface Invitee {
  memberId: string;
  email: string;
  displayName: string;
  language: string;
}

/** Every active member of the consortium with an e-mail address (gatherings are the consortium's). */
export const inviteesOf = sql<Invitee, [consortiumId: string]>(
  `SELECT m.id AS "memberId", m.email, m.display_name AS "displayName", o.preferred_language AS language
   FROM members m JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   WHERE m.consortium_id = $1 AND m.left_at IS NULL AND m.email IS NOT NULL
   ORDER BY m.id`,
);

/** The gathering's iCalendar SEQUENCE after this change: 0 when scheduled, one more at each update or cancellation. */
export const nextCalendarSequence = sql<{ sequence: number }, [consortiumId: string, gatheringId: string, first: boolean]>(
  `INSERT INTO gathering_calendar_sequences (consortium_id, gathering_id, sequence) VALUES ($1, $2, CASE WHEN $3::boolean THEN 0 ELSE 1 END)
   ON CONFLICT (gathering_id) DO UPDATE SET sequence = gathering_calendar_sequences.sequence + 1
   RETURNING sequence`,
);

export type MailKind =
  | 'gathering-invitation'
  | 'gathering-update'
  | 'gathering-cancellation'
  | `engagement-${'requested' | 'overdue' | 'overdue-coordinator' | 'accepted' | 'declined' | 'expired' | 'scope-proposed'}`;

export interface QueuedMail {
  id: string;
  consortium_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  calendar: string | null;
  calendar_method: string | null;
  traceparent: string | null;
  attempts: number;
  kind: MailKind;
}

/** One message per (event, member, kind): an event applied again enqueues nothing more. */
export const enqueueMail = sql<
  never,
  [id: string, consortiumId: string, eventId: string, memberId: string, kind: MailKind, recipient: string, language: OfficialLanguage, subject: string, text: string, html: string, calendar: string | null, calendarMethod: string | null, traceparent: string | null]
>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, recipient, language, subject, text_body, html_body, calendar, calendar_method, traceparent)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
   ON CONFLICT (event_id, member_id, kind) DO NOTHING`,
);

/** Due messages, locked until the taking transaction ends (other senders skip them). */
export const takeDueMail = sql<QueuedMail, [limit: number]>(
  `SELECT id, consortium_id, recipient, subject, text_body, html_body, calendar, calendar_method, traceparent, attempts, kind
   FROM mail_queue WHERE status = 'pending' AND next_attempt_at <= now()
   ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
);

export const markSent = sql<never, [id: string]>(`UPDATE mail_queue SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`);

/** The mail server refused the message for good (a 5xx answer): kept, marked, never tried again. */
export const markFailed = sql<never, [id: string, error: string]>(`UPDATE mail_queue SET status = 'failed', attempts = attempts + 1, last_error = $2 WHERE id = $1`);

/** Tried again after a backoff doubling from `baseMs` up to `maxMs`. */
export const markRetry = sql<never, [id: string, error: string, baseMs: number, maxMs: number]>(
  `UPDATE mail_queue SET attempts = attempts + 1, last_error = $2,
          next_attempt_at = now() + least($4::float8, $3::float8 * power(2, least(attempts, 20))) * interval '1 millisecond'
   WHERE id = $1`,
);

/** A member who left gets nothing more: their messages not yet sent are withdrawn from the queue. */
export const withdrawMailOf = sql<never, [consortiumId: string, memberId: string]>(`DELETE FROM mail_queue WHERE consortium_id = $1 AND member_id = $2 AND status = 'pending'`);

/** Someone told of an engagement: an active member with an address, in their organisation's language, with its name. */
export interface EngagementRecipient {
  memberId: string;
  email: string;
  displayName: string;
  language: string;
  organization: string;
}

const engagementRecipientColumns = `m.id AS "memberId", m.email, m.display_name AS "displayName", o.preferred_language AS language, o.name AS organization
   FROM members m JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   WHERE m.consortium_id = $1 AND m.left_at IS NULL AND m.email IS NOT NULL`;

/** The staff of one organisation (the provider's or the nonprofit's). */
export const staffOf = sql<EngagementRecipient, [consortiumId: string, organizationId: string]>(`SELECT ${engagementRecipientColumns} AND m.organization_id = $2 ORDER BY m.id`);

/** The consortium's coordination. */
export const coordinationOf = sql<EngagementRecipient, [consortiumId: string]>(`SELECT ${engagementRecipientColumns} AND m.role = 'coordinator' ORDER BY m.id`);

/** The names an engagement's messages use: the consortium's, its language, the two organisations'. */
export const engagementNames = sql<
  { consortiumNameFr: string; consortiumNameEn: string; consortiumLanguage: OfficialLanguage; nonprofit: string | null; provider: string | null },
  [consortiumId: string, nonprofitId: string, providerId: string]
>(
  `SELECT c.name_fr AS "consortiumNameFr", c.name_en AS "consortiumNameEn", c.default_language AS "consortiumLanguage",
          (SELECT name FROM organizations WHERE consortium_id = $1 AND id = $2) AS nonprofit,
          (SELECT name FROM organizations WHERE consortium_id = $1 AND id = $3) AS provider
   FROM consortia c WHERE c.id = $1`,
);
