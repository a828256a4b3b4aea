import { sql } from '@ccndr/persistence';
import type { GatheringKind, OfficialLanguage, PaymentMilestone, RegistrationResponse } from '@ccndr/contracts';
import { stillToAnswer } from '../surveys/surveys.sql';
import type { NotificationCategory } from './unsubscribe-token';

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

/**
 * Whether member `m` wants a category's messages: not when they turned it off (no row: on, the
 * digest excepted, which is opt-in and never matched here).
 */
const wants = (category: Exclude<NotificationCategory, 'digest'>) =>
  `NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.consortium_id = m.consortium_id AND p.member_id = m.id AND p.category = '${category}' AND NOT p.enabled)`;

/** Someone a gathering concerns: an active member with an address, in their organisation's language. */
export interface Invitee {
  memberId: string;
  email: string;
  displayName: string;
  language: string;
}

/**
 * Every active member of the consortium with an e-mail address who wants messages about gatherings
 * (gatherings are the consortium's), or only `memberId`; only those who had joined by `joinedBy`
 * when given (an invitation: who joined after the gathering was scheduled is invited by their join).
 */
export const inviteesOf = sql<Invitee, [consortiumId: string, memberId: string | null, joinedBy: Date | null]>(
  `SELECT m.id AS "memberId", m.email, m.display_name AS "displayName", o.preferred_language AS language
   FROM members m JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   WHERE m.consortium_id = $1 AND m.left_at IS NULL AND m.email IS NOT NULL AND ${wants('gatherings')}
     AND ($2::uuid IS NULL OR m.id = $2) AND ($3::timestamptz IS NULL OR m.joined_at <= $3)
   ORDER BY m.id`,
);

/**
 * The gatherings a member who joined at `joinedAt` is invited to: scheduled before they joined
 * (those scheduled later invite them themselves), neither cancelled nor started, with the calendar
 * SEQUENCE their entry has now.
 */
export const gatheringsToCome = sql<InvitedGathering & { startsAt: Date; sequence: number }, [consortiumId: string, joinedAt: Date]>(
  `SELECT g.id, g.consortium_id AS "consortiumId", g.kind, g.title, g.place, g.link, g.starts_at AS "startsAt", coalesce(s.sequence, 0) AS sequence,
          c.name_fr AS "consortiumNameFr", c.name_en AS "consortiumNameEn", c.default_language AS "consortiumLanguage"
   FROM gatherings g JOIN consortia c ON c.id = g.consortium_id
   LEFT JOIN gathering_calendar_sequences s ON s.gathering_id = g.id
   WHERE g.consortium_id = $1 AND g.scheduled_at < $2 AND g.cancelled_at IS NULL AND g.starts_at > now()
   ORDER BY g.starts_at, g.id`,
);

/**
 * The gathering's iCalendar SEQUENCE after this change (decided at `changedAt`): 0 when scheduled,
 * one more at each update or cancellation; no row for a change no later than the latest one
 * announced (a redelivery, or an older change applied late), which announces nothing.
 */
export const nextCalendarSequence = sql<{ sequence: number }, [consortiumId: string, gatheringId: string, first: boolean, changedAt: Date]>(
  `INSERT INTO gathering_calendar_sequences (consortium_id, gathering_id, sequence, changed_at) VALUES ($1, $2, CASE WHEN $3::boolean THEN 0 ELSE 1 END, $4)
   ON CONFLICT (gathering_id) DO UPDATE SET sequence = gathering_calendar_sequences.sequence + 1, changed_at = excluded.changed_at
     WHERE gathering_calendar_sequences.changed_at IS NULL OR gathering_calendar_sequences.changed_at < excluded.changed_at
   RETURNING sequence`,
);

export type MailKind =
  | 'gathering-invitation'
  | 'gathering-update'
  | 'gathering-cancellation'
  | 'gathering-reminder'
  | 'assessment-invitation'
  | 'journey-milestone-due'
  | 'digest'
  | 'survey-invitation'
  | `engagement-${'requested' | 'overdue' | 'overdue-coordinator' | 'accepted' | 'declined' | 'expired' | 'scope-proposed' | 'payment-due'}`;

/** A message ready to send. */
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

/** A due row as taken from the queue: a reminder is written only when it is sent (its texts null until then). */
export type DueMail = Omit<QueuedMail, 'recipient' | 'subject' | 'text_body' | 'html_body'> & {
  recipient: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  member_id: string;
  gathering_id: string | null;
  reminder_offset_minutes: number | null;
  survey_id: string | null;
};

/** One message per (event, member, kind): an event applied again enqueues nothing more. */
export const enqueueMail = sql<
  never,
  [id: string, consortiumId: string, eventId: string, memberId: string, kind: MailKind, recipient: string, language: OfficialLanguage, subject: string, text: string, html: string, calendar: string | null, calendarMethod: string | null, traceparent: string | null, gatheringId: string | null]
>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, recipient, language, subject, text_body, html_body, calendar, calendar_method, traceparent, gathering_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
   ON CONFLICT (event_id, member_id, kind, gathering_id, reminder_offset_minutes, payment_milestone, survey_id) DO NOTHING`,
);

/**
 * A reminder of a day (a payment milestone's, a journey milestone's), written now and due at
 * `dueAt` (the sender takes it then), naming what it reminds of so that it can be withdrawn;
 * once per (event, member, kind, payment milestone).
 */
export const queueDayReminder = sql<
  never,
  [
    id: string, consortiumId: string, eventId: string, memberId: string, kind: 'engagement-payment-due' | 'journey-milestone-due', recipient: string, language: OfficialLanguage,
    subject: string, text: string, html: string, traceparent: string | null, dueAt: Date, engagementId: string | null, paymentMilestone: PaymentMilestone | null, journeyMilestoneId: string | null,
  ]
>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, recipient, language, subject, text_body, html_body, traceparent, next_attempt_at, engagement_id, payment_milestone, journey_milestone_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
   ON CONFLICT DO NOTHING`,
);

/** A journey milestone's reminder not yet sent (its day changed or cleared, or the milestone reached). */
export const withdrawJourneyReminders = sql<never, [consortiumId: string, journeyMilestoneId: string]>(
  `DELETE FROM mail_queue WHERE consortium_id = $1 AND journey_milestone_id = $2 AND kind = 'journey-milestone-due' AND status = 'pending'`,
);

/** Payment reminders not yet sent, of one milestone (paid) or of the whole engagement (null: cancelled). */
export const withdrawPaymentReminders = sql<never, [consortiumId: string, engagementId: string, milestone: PaymentMilestone | null]>(
  `DELETE FROM mail_queue WHERE consortium_id = $1 AND engagement_id = $2 AND ($3::text IS NULL OR payment_milestone = $3) AND kind = 'engagement-payment-due' AND status = 'pending'`,
);

/** Due messages, locked until the taking transaction ends (other senders skip them). */
export const takeDueMail = sql<DueMail, [limit: number]>(
  `SELECT id, consortium_id, recipient, subject, text_body, html_body, calendar, calendar_method, traceparent, attempts, kind, member_id, gathering_id, reminder_offset_minutes, survey_id
   FROM mail_queue WHERE status = 'pending' AND next_attempt_at <= now()
   ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
);

/** What a consortium's coordinators set: reminder offsets before a gathering, in minutes (none: the defaults). */
export const reminderOffsetsOf = sql<{ offsets: number[] }, [consortiumId: string]>(
  `SELECT reminder_offsets_minutes AS offsets FROM notification_settings WHERE consortium_id = $1`,
);

export const saveReminderOffsets = sql<never, [consortiumId: string, offsets: number[], updatedAt: Date]>(
  `INSERT INTO notification_settings (consortium_id, reminder_offsets_minutes, updated_at) VALUES ($1, $2, $3)
   ON CONFLICT (consortium_id) DO UPDATE SET reminder_offsets_minutes = excluded.reminder_offsets_minutes, updated_at = excluded.updated_at`,
);

/**
 * One planner of a consortium's reminders at a time (a gathering moved, its coordinators' new
 * offsets): each reads the offsets and replaces the rows as a whole.
 */
export const lockReminderPlanning = sql<{ locked: unknown }, [consortiumId: string]>(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':reminders:' || $1)) AS locked`);

/**
 * Reminders, one per active member with an address and offset, due `offset` minutes before the
 * gathering starts, for one gathering (`gatheringId`) or every one to come that is not cancelled
 * (null), for every member or only `memberId` (who just joined); an offset already past when it
 * was decided (`decidedAt`: the gathering scheduled or moved, the offsets changed, the member
 * joined) gets none, nor one already waiting (a unique index: one per gathering, member and offset). `planId` is the event or change that planned them.
 * Who actually receives one is decided when it is due.
 */
export const planReminders = sql<
  never,
  [consortiumId: string, planId: string, gatheringId: string | null, offsets: number[], decidedAt: Date, traceparent: string | null, memberId: string | null]
>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, gathering_id, reminder_offset_minutes, next_attempt_at, traceparent)
   SELECT gen_random_uuid(), $1, $2, m.id, 'gathering-reminder', g.id, o.minutes, g.starts_at - o.minutes * interval '1 minute', $6
   FROM gatherings g
   JOIN members m ON m.consortium_id = g.consortium_id
   CROSS JOIN unnest($4::int[]) AS o(minutes)
   WHERE g.consortium_id = $1 AND ($3::uuid IS NULL OR g.id = $3) AND g.cancelled_at IS NULL
     AND m.left_at IS NULL AND m.email IS NOT NULL AND ($7::uuid IS NULL OR m.id = $7)
     AND g.starts_at - o.minutes * interval '1 minute' > $5::timestamptz
   ON CONFLICT DO NOTHING`,
);

/** Reminders not yet sent, of one gathering (moved: planned again; or cancelled) or of all (null: the offsets changed). */
export const withdrawReminders = sql<never, [consortiumId: string, gatheringId: string | null]>(
  `DELETE FROM mail_queue WHERE consortium_id = $1 AND ($2::uuid IS NULL OR gathering_id = $2) AND kind = 'gathering-reminder' AND status = 'pending'`,
);

/** Who a message written when due is for, with their consortium's names and language. */
export interface RecipientInConsortium {
  consortiumNameFr: string;
  consortiumNameEn: string;
  consortiumLanguage: OfficialLanguage;
  email: string;
  displayName: string;
  language: string;
}

/** A due reminder's gathering and recipient as they are now, when it still concerns them. */
export interface ReminderToSend extends RecipientInConsortium {
  id: string;
  consortiumId: string;
  kind: GatheringKind;
  title: string;
  startsAt: Date;
  place: string | null;
  link: string | null;
  response: RegistrationResponse | null;
  /** The gathering was moved later and the move is not applied yet: the reminder waits until `dueAt`. */
  early: boolean;
  dueAt: Date;
}

/**
 * The reminder still to send, or nothing: not when the gathering is cancelled or has started, the
 * member left, has no address or answered "not going", nor when a reminder closer to the start is
 * due as well (a sender that was down sends the latest one only).
 */
export const reminderToSend = sql<ReminderToSend, [consortiumId: string, gatheringId: string, memberId: string, offsetMinutes: number, mailId: string]>(
  `SELECT g.id, g.consortium_id AS "consortiumId", g.kind, g.title, g.starts_at AS "startsAt", g.place, g.link,
          c.name_fr AS "consortiumNameFr", c.name_en AS "consortiumNameEn", c.default_language AS "consortiumLanguage",
          m.email, m.display_name AS "displayName", o.preferred_language AS language, r.response,
          g.starts_at - $4::int * interval '1 minute' > now() AS early, g.starts_at - $4::int * interval '1 minute' AS "dueAt"
   FROM gatherings g
   JOIN consortia c ON c.id = g.consortium_id
   JOIN members m ON m.consortium_id = g.consortium_id AND m.id = $3
   JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   LEFT JOIN registrations r ON r.gathering_id = g.id AND r.member_id = m.id
   WHERE g.consortium_id = $1 AND g.id = $2 AND g.cancelled_at IS NULL AND g.starts_at > now()
     AND m.left_at IS NULL AND m.email IS NOT NULL AND r.response IS DISTINCT FROM 'not-going'
     AND NOT EXISTS (SELECT 1 FROM mail_queue q
                     WHERE q.consortium_id = $1 AND q.gathering_id = $2 AND q.member_id = $3 AND q.kind = 'gathering-reminder' AND q.id <> $5
                       AND q.status = 'pending' AND q.reminder_offset_minutes < $4 AND q.next_attempt_at <= now())`,
);

/** A reminder or a digest as it is sent: its recipient and texts, kept with the row like any message. */
export const writeReminder = sql<never, [id: string, recipient: string, language: OfficialLanguage, subject: string, text: string, html: string]>(
  `UPDATE mail_queue SET recipient = $2, language = $3, subject = $4, text_body = $5, html_body = $6 WHERE id = $1`,
);

/** A reminder due later than planned (its gathering moved later, the move not yet applied). */
export const postponeMail = sql<never, [id: string, dueAt: Date]>(`UPDATE mail_queue SET next_attempt_at = $2 WHERE id = $1`);

/** A message that no longer concerns anyone (a reminder for a cancelled gathering, a declined invitation). */
export const dropMail = sql<never, [id: string]>(`DELETE FROM mail_queue WHERE id = $1`);

export const markSent = sql<{ sentAt: Date }, [id: string]>(`UPDATE mail_queue SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1 RETURNING sent_at AS "sentAt"`);

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

/** Someone told of an engagement: an active member with an address who wants messages about engagements, in their organisation's language, with its name. */
export interface EngagementRecipient {
  memberId: string;
  email: string;
  displayName: string;
  language: string;
  organization: string;
}

/** Active members with an address who want a category's messages, in their organisation's language, with its name. */
const recipientColumns = (category: Exclude<NotificationCategory, 'digest'>) => `m.id AS "memberId", m.email, m.display_name AS "displayName", o.preferred_language AS language, o.name AS organization
   FROM members m JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   WHERE m.consortium_id = $1 AND m.left_at IS NULL AND m.email IS NOT NULL AND ${wants(category)}`;
const engagementRecipientColumns = recipientColumns('engagements');

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

/** An organisation's members who want messages about the readiness journey: all, or those named (an assessment's respondents). */
export const journeyRecipients = sql<EngagementRecipient, [consortiumId: string, organizationId: string, memberIds: string[] | null]>(
  `SELECT ${recipientColumns('journey')} AND m.organization_id = $2 AND ($3::uuid[] IS NULL OR m.id = ANY($3::uuid[])) ORDER BY m.id`,
);

/** The consortium's names and language, for a message from it. */
export const consortiumNames = sql<{ consortiumNameFr: string; consortiumNameEn: string; consortiumLanguage: OfficialLanguage }, [consortiumId: string]>(
  `SELECT name_fr AS "consortiumNameFr", name_en AS "consortiumNameEn", default_language AS "consortiumLanguage" FROM consortia WHERE id = $1`,
);

/**
 * Whether a queued message may still go, when it is taken: its member has not left and has not
 * turned its category off since it was queued.
 */
export const stillWanted = sql<{ wanted: boolean }, [consortiumId: string, memberId: string, category: NotificationCategory]>(
  `SELECT (m.left_at IS NULL AND coalesce(p.enabled, $3 <> 'digest')) AS wanted
   FROM members m
   LEFT JOIN notification_preferences p ON p.consortium_id = m.consortium_id AND p.member_id = m.id AND p.category = $3
   WHERE m.consortium_id = $1 AND m.id = $2`,
);

/** A member's choices, one row per category they set (the others keep their defaults). */
export const preferencesOf = sql<{ category: NotificationCategory; enabled: boolean; changedAt: Date }, [consortiumId: string, memberId: string]>(
  `SELECT category, enabled, changed_at AS "changedAt" FROM notification_preferences WHERE consortium_id = $1 AND member_id = $2`,
);

/** A member's choice for one category; `changed_at` moves only when the choice does. */
export const savePreference = sql<never, [consortiumId: string, memberId: string, category: NotificationCategory, enabled: boolean, changedAt: Date]>(
  `INSERT INTO notification_preferences (consortium_id, member_id, category, enabled, changed_at) VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (consortium_id, member_id, category) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at
   WHERE notification_preferences.enabled IS DISTINCT FROM excluded.enabled`,
);

/** Whether the member exists in the consortium (an unsubscribe link names them). */
export const memberExists = sql<{ leftAt: Date | null }, [consortiumId: string, memberId: string]>(
  `SELECT left_at AS "leftAt" FROM members WHERE consortium_id = $1 AND id = $2`,
);

/** The member's next weekly digest, due Monday 8 h (Toronto) of next week, when they chose it and none waits already. */
export const planDigest = sql<never, [consortiumId: string, memberId: string]>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, next_attempt_at)
   SELECT gen_random_uuid(), m.consortium_id, gen_random_uuid(), m.id, 'digest',
          (date_trunc('week', now() AT TIME ZONE 'America/Toronto') + interval '7 days 8 hours') AT TIME ZONE 'America/Toronto'
   FROM members m JOIN notification_preferences p ON p.consortium_id = m.consortium_id AND p.member_id = m.id AND p.category = 'digest' AND p.enabled
   WHERE m.consortium_id = $1 AND m.id = $2 AND m.left_at IS NULL AND m.email IS NOT NULL
   ON CONFLICT DO NOTHING`,
);

/** Who a digest is for, with their consortium's names. */
export const digestRecipient = sql<
  { email: string; displayName: string; language: string; consortiumNameFr: string; consortiumNameEn: string; consortiumLanguage: OfficialLanguage },
  [consortiumId: string, memberId: string]
>(
  `SELECT m.email, m.display_name AS "displayName", o.preferred_language AS language,
          c.name_fr AS "consortiumNameFr", c.name_en AS "consortiumNameEn", c.default_language AS "consortiumLanguage"
   FROM members m JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id JOIN consortia c ON c.id = m.consortium_id
   WHERE m.consortium_id = $1 AND m.id = $2 AND m.left_at IS NULL AND m.email IS NOT NULL`,
);

/** The consortium's gatherings of the next two weeks, not cancelled. */
export const gatheringsAhead = sql<{ id: string; title: string; startsAt: Date }, [consortiumId: string]>(
  `SELECT id, title, starts_at AS "startsAt" FROM gatherings
   WHERE consortium_id = $1 AND cancelled_at IS NULL AND starts_at > now() AND starts_at <= now() + interval '14 days'
   ORDER BY starts_at, id LIMIT 10`,
);

/** Threads and resources shared in the past week in the working groups (circles) the member is in. */
export const newInCircles = sql<{ itemType: 'thread' | 'resource'; title: string; circle: string }, [consortiumId: string, memberId: string]>(
  `SELECT k.item_type AS "itemType", k.title, c.name AS circle
   FROM knowledge_items k
   JOIN circles c ON c.consortium_id = k.consortium_id AND c.id = k.circle_id
   JOIN circle_memberships cm ON cm.consortium_id = k.consortium_id AND cm.circle_id = k.circle_id AND cm.member_id = $2 AND cm.left_at IS NULL
   WHERE k.consortium_id = $1 AND k.item_type IN ('thread', 'resource') AND k.created_at > now() - interval '7 days'
   ORDER BY k.created_at DESC LIMIT 20`,
);

/** A request now waiting for the provider's answer (once per engagement). */
export const requestWaiting = sql<never, [consortiumId: string, engagementId: string, providerId: string, nonprofitId: string, respondBy: Date]>(
  `INSERT INTO requests_waiting (consortium_id, engagement_id, provider_id, nonprofit_id, respond_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
);

/** A request answered, expired or cancelled: waiting no more. */
export const requestAnswered = sql<never, [consortiumId: string, engagementId: string]>(`DELETE FROM requests_waiting WHERE consortium_id = $1 AND engagement_id = $2`);

/** The requests waiting for the member's organisation to answer (a provider's staff), soonest to answer first. */
export const requestsWaitingFor = sql<{ nonprofit: string; respondBy: Date }, [consortiumId: string, memberId: string]>(
  `SELECT o.name AS nonprofit, r.respond_by AS "respondBy"
   FROM requests_waiting r
   JOIN members m ON m.consortium_id = r.consortium_id AND m.organization_id = r.provider_id AND m.id = $2
   JOIN organizations o ON o.consortium_id = r.consortium_id AND o.id = r.nonprofit_id
   WHERE r.consortium_id = $1 ORDER BY r.respond_by LIMIT 10`,
);

/**
 * A survey's invitations, one per active member with an address, once per survey and member (a
 * unique index). A gathering's are due at 9 h (Toronto) the morning after its day — gatherings have
 * no end time, and its coordinators have the evening to record who attended — or at once when that
 * is past; the consortium's own, at once. Who actually receives one is decided when it is due
 * (`surveyInvitationToSend`).
 */
export const planSurveyInvitations = sql<never, [consortiumId: string, eventId: string, surveyId: string, traceparent: string | null]>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, gathering_id, survey_id, next_attempt_at, traceparent)
   SELECT gen_random_uuid(), s.consortium_id, $2, m.id, 'survey-invitation', s.gathering_id, s.id,
          greatest(now(), coalesce((date_trunc('day', g.starts_at AT TIME ZONE 'America/Toronto') + interval '1 day 9 hours') AT TIME ZONE 'America/Toronto', now())), $4
   FROM surveys s JOIN members m ON m.consortium_id = s.consortium_id
   LEFT JOIN gatherings g ON g.consortium_id = s.consortium_id AND g.id = s.gathering_id
   WHERE s.consortium_id = $1 AND s.id = $3 AND m.left_at IS NULL AND m.email IS NOT NULL
   ON CONFLICT DO NOTHING`,
);

/**
 * A member who joined: the invitations of the consortium's own surveys still open, due at once (a
 * gathering's survey concerns those recorded present, which a new member was not).
 */
export const planSurveyInvitationsOnJoin = sql<never, [consortiumId: string, eventId: string, memberId: string, traceparent: string | null]>(
  `INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, survey_id, next_attempt_at, traceparent)
   SELECT gen_random_uuid(), s.consortium_id, $2, m.id, 'survey-invitation', s.id, now(), $4
   FROM surveys s JOIN members m ON m.consortium_id = s.consortium_id AND m.id = $3
   WHERE s.consortium_id = $1 AND s.gathering_id IS NULL AND (s.closes_at IS NULL OR s.closes_at > now())
     AND m.left_at IS NULL AND m.email IS NOT NULL
   ON CONFLICT DO NOTHING`,
);

/** A due survey invitation's survey, gathering and recipient as they are now, when it still concerns them. */
export interface SurveyInvitationToSend extends RecipientInConsortium {
  titleFr: string;
  titleEn: string;
  closesAt: Date | null;
  gatheringTitle: string | null;
  startsAt: Date | null;
}

/**
 * The invitation still to send, or nothing: not when the member left or has no address, nor when
 * they are no longer asked to answer (`stillToAnswer`: the survey closed, answered already; for a
 * gathering's, not recorded present by now — attendance recorded after the invitation went brings
 * none — or the gathering cancelled).
 */
export const surveyInvitationToSend = sql<SurveyInvitationToSend, [consortiumId: string, surveyId: string, memberId: string]>(
  `SELECT s.title_fr AS "titleFr", s.title_en AS "titleEn", s.closes_at AS "closesAt", g.title AS "gatheringTitle", g.starts_at AS "startsAt",
          c.name_fr AS "consortiumNameFr", c.name_en AS "consortiumNameEn", c.default_language AS "consortiumLanguage",
          m.email, m.display_name AS "displayName", o.preferred_language AS language
   FROM surveys s
   JOIN consortia c ON c.id = s.consortium_id
   JOIN members m ON m.consortium_id = s.consortium_id AND m.id = $3
   JOIN organizations o ON o.consortium_id = m.consortium_id AND o.id = m.organization_id
   LEFT JOIN gatherings g ON g.consortium_id = s.consortium_id AND g.id = s.gathering_id
   WHERE s.consortium_id = $1 AND s.id = $2 AND m.left_at IS NULL AND m.email IS NOT NULL AND ${stillToAnswer}`,
);
