import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { GatheringReminderSentV1, officialLanguage } from '@ccndr/contracts';
import { currentTraceparent, Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { gatheringById } from '../gatherings/gatherings.sql';
import { defaultTimeZone, GatheringChange, renderGatheringMail, renderGatheringReminder } from './gathering-mail';
import { UnsubscribeLinks } from './unsubscribe-token';
import { DueMail, dropMail, enqueueMail, gatheringsToCome, Invitee, inviteesOf, InvitedGathering, invitedGathering, lockReminderPlanning, MailKind, nextCalendarSequence, planReminders, postponeMail, QueuedMail, reminderOffsetsOf, reminderToSend, withdrawReminders, writeReminder } from './notifications.sql';

/** Reminders a consortium gets until its coordinators choose otherwise: a day and an hour before (in minutes). */
export const defaultReminderOffsetsMinutes = [24 * 60, 60];

const kinds: Record<GatheringChange, MailKind> = { invitation: 'gathering-invitation', update: 'gathering-update', cancellation: 'gathering-cancellation' };

/** The sender's address alone, from MAIL_FROM (`Name <address>` or a bare address). */
export function senderOf(from: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1].replace(/^"|"$/g, '') || match[2], email: match[2] } : { name: from.trim(), email: from.trim() };
}

/**
 * Turns a gathering's events into messages in the mail queue, in the transaction that records the
 * event as processed: each concerned member gets one message per event (at most once, whatever the
 * redeliveries), written in their language with the gathering's calendar entry. The event carries
 * no name or address: they are read here, in community's own tables, and never leave the service
 * except as the message itself.
 */
@Injectable()
export class GatheringNotifications {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly outbox: Outbox,
    private readonly unsubscribe: UnsubscribeLinks,
  ) {}

  /**
   * `decidedAt` is when the gathering was scheduled, moved or cancelled (the event's time):
   * reminders are planned for the offsets still ahead of it then, whenever the event is applied; a
   * change no later than the latest one announced announces nothing again.
   */
  async enqueue(manager: EntityManager, event: { id: string; consortiumid: string }, gatheringId: string, change: GatheringChange, decidedAt: Date, startsAt?: Date): Promise<number> {
    const consortiumId = event.consortiumid;
    const [current] = await query(manager, gatheringById, [consortiumId, gatheringId]);
    if (!current) return 0;
    // A cancellation withdraws the reminders not yet sent; a move plans them again at the new time (below).
    if (change === 'cancellation') await query(manager, withdrawReminders, [consortiumId, gatheringId]);
    // A change the gathering has since moved past sends nothing: an invitation or update late on the stream (a retry,
    // a first start on an existing installation) must not bring back a cancelled gathering or announce an old time.
    if (change !== 'cancellation' && (current.cancelledAt || (startsAt && startsAt.getTime() !== current.startsAt.getTime()))) return 0;
    const start = startsAt ?? current.startsAt;
    // Nobody is invited to what is over: a gathering recorded after it was held, or history replayed.
    if (start.getTime() <= Date.now()) return 0;
    const [gathering] = await query(manager, invitedGathering, [consortiumId, gatheringId]);
    const [next] = await query(manager, nextCalendarSequence, [consortiumId, gatheringId, change === 'invitation', decidedAt]);
    // Announced already (this event applied before, its processed-event record since pruned), or a newer change was.
    if (!next) return 0;
    const { sequence } = next;
    // Invited: who had joined when it was scheduled; a member who joined since is invited by their join (`welcome`).
    const invitees = await query(manager, inviteesOf, [consortiumId, null, change === 'invitation' ? current.scheduledAt : null]);
    if (change !== 'cancellation') await this.planReminders(manager, consortiumId, event.id, gatheringId, decidedAt);
    for (const invitee of invitees) await this.write(manager, event.id, { ...gathering, startsAt: start }, invitee, change, sequence);
    return invitees.length;
  }

  /**
   * A member joined: an invitation to each gathering to come that was scheduled before (at the
   * SEQUENCE its calendar entry has now), and the reminders of every gathering to come still ahead
   * of the join. Returns the number of invitations.
   */
  async welcome(manager: EntityManager, event: { id: string; consortiumid: string }, memberId: string, joinedAt: Date): Promise<number> {
    const consortiumId = event.consortiumid;
    const [invitee] = await query(manager, inviteesOf, [consortiumId, memberId, null]);
    // Left already, no address, or messages about gatherings turned off: nothing.
    if (!invitee) return 0;
    await query(manager, lockReminderPlanning, [consortiumId]);
    await query(manager, planReminders, [consortiumId, event.id, null, await this.reminderOffsets(manager, consortiumId), joinedAt, currentTraceparent() ?? null, memberId]);
    const gatherings = await query(manager, gatheringsToCome, [consortiumId, joinedAt]);
    for (const { sequence, ...gathering } of gatherings) await this.write(manager, event.id, gathering, invitee, 'invitation', sequence);
    return gatherings.length;
  }

  /** One person's message about a gathering, written in their language and queued (once per event, person and kind). */
  private async write(manager: EntityManager, eventId: string, gathering: InvitedGathering & { startsAt: Date }, invitee: Invitee, change: GatheringChange, sequence: number): Promise<void> {
    const consortiumId = gathering.consortiumId;
    const language = officialLanguage.safeParse(invitee.language).data ?? gathering.consortiumLanguage;
    const consortiumName = language === 'fr' ? gathering.consortiumNameFr : gathering.consortiumNameEn;
    const mail = renderGatheringMail({
      change,
      language,
      gathering,
      consortiumName,
      recipient: { name: invitee.displayName, email: invitee.email },
      organizer: { name: consortiumName, email: senderOf(this.config.MAIL_FROM).email },
      sequence,
      timeZone: defaultTimeZone,
      portalUrl: this.config.PORTAL_URL,
      unsubscribeUrl: this.unsubscribe.url({ consortiumId, memberId: invitee.memberId, category: 'gatherings' }),
      uidDomain: new URL(this.config.PORTAL_URL).hostname,
    });
    await query(manager, enqueueMail, [randomUUID(), consortiumId, eventId, invitee.memberId, kinds[change], invitee.email, language, mail.subject, mail.text, mail.html, mail.calendar, mail.method, currentTraceparent() ?? null, gathering.id]);
  }

  /**
   * Replaces the reminders not yet sent of one gathering (`gatheringId`) or of every one to come
   * (null), at the consortium's offsets, in the caller's transaction.
   */
  async planReminders(manager: EntityManager, consortiumId: string, planId: string, gatheringId: string | null, decidedAt: Date): Promise<void> {
    await query(manager, lockReminderPlanning, [consortiumId]);
    await query(manager, withdrawReminders, [consortiumId, gatheringId]);
    await query(manager, planReminders, [consortiumId, planId, gatheringId, await this.reminderOffsets(manager, consortiumId), decidedAt, currentTraceparent() ?? null, null]);
  }

  /** The consortium's reminder offsets in minutes (the defaults until its coordinators set theirs). */
  async reminderOffsets(manager: EntityManager, consortiumId: string): Promise<number[]> {
    const [settings] = await query(manager, reminderOffsetsOf, [consortiumId]);
    return settings?.offsets ?? defaultReminderOffsetsMinutes;
  }

  /**
   * A due reminder, written now for whom it still concerns, in the taking transaction: the message
   * to send; or nothing, the row dropped (the gathering cancelled or started, the member gone or not
   * going) or moved to its new due time (the gathering moved later, the move not applied yet).
   */
  async prepareReminder(manager: EntityManager, due: DueMail): Promise<QueuedMail | 'dropped' | 'postponed'> {
    const [reminder] = await query(manager, reminderToSend, [due.consortium_id, due.gathering_id!, due.member_id, due.reminder_offset_minutes!, due.id]);
    if (!reminder) {
      await query(manager, dropMail, [due.id]);
      return 'dropped';
    }
    if (reminder.early) {
      await query(manager, postponeMail, [due.id, reminder.dueAt]);
      return 'postponed';
    }
    const language = officialLanguage.safeParse(reminder.language).data ?? reminder.consortiumLanguage;
    const mail = renderGatheringReminder({
      language,
      gathering: reminder,
      consortiumName: language === 'fr' ? reminder.consortiumNameFr : reminder.consortiumNameEn,
      recipient: { name: reminder.displayName },
      response: reminder.response === 'going' || reminder.response === 'maybe' ? reminder.response : null,
      timeZone: defaultTimeZone,
      portalUrl: this.config.PORTAL_URL,
      unsubscribeUrl: this.unsubscribe.url({ consortiumId: due.consortium_id, memberId: due.member_id, category: 'gatherings' }),
    });
    await query(manager, writeReminder, [due.id, reminder.email, language, mail.subject, mail.text, mail.html]);
    return { ...due, recipient: reminder.email, subject: mail.subject, text_body: mail.text, html_body: mail.html };
  }

  /** A reminder the mail server accepted, told in the transaction that marks it sent (evaluation compares attendance with and without one). */
  async reminderSent(manager: EntityManager, due: DueMail, sentAt: Date): Promise<void> {
    await this.outbox.append(manager, due.consortium_id, GatheringReminderSentV1, {
      gatheringId: due.gathering_id!,
      memberId: due.member_id,
      offsetMinutes: due.reminder_offset_minutes!,
      sentAt: sentAt.toISOString(),
    });
  }
}
