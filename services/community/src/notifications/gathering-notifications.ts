import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { officialLanguage } from '@ccndr/contracts';
import { currentTraceparent } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { gatheringById } from '../gatherings/gatherings.sql';
import { defaultTimeZone, GatheringChange, renderGatheringMail } from './gathering-mail';
import { enqueueMail, inviteesOf, invitedGathering, MailKind, nextCalendarSequence } from './notifications.sql';

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
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async enqueue(manager: EntityManager, event: { id: string; consortiumid: string }, gatheringId: string, change: GatheringChange, startsAt?: Date): Promise<number> {
    const consortiumId = event.consortiumid;
    const [current] = await query(manager, gatheringById, [consortiumId, gatheringId]);
    if (!current) return 0;
    // A change the gathering has since moved past sends nothing: an invitation or update late on the stream (a retry,
    // a first start on an existing installation) must not bring back a cancelled gathering or announce an old time.
    if (change !== 'cancellation' && (current.cancelledAt || (startsAt && startsAt.getTime() !== current.startsAt.getTime()))) return 0;
    const start = startsAt ?? current.startsAt;
    // Nobody is invited to what is over: a gathering recorded after it was held, or history replayed.
    if (start.getTime() <= Date.now()) return 0;
    const [gathering] = await query(manager, invitedGathering, [consortiumId, gatheringId]);
    const [{ sequence }] = await query(manager, nextCalendarSequence, [consortiumId, gatheringId, change === 'invitation']);
    const invitees = await query(manager, inviteesOf, [consortiumId]);
    const organizer = senderOf(this.config.MAIL_FROM);
    const traceparent = currentTraceparent() ?? null;
    for (const invitee of invitees) {
      const language = officialLanguage.safeParse(invitee.language).data ?? gathering.consortiumLanguage;
      const mail = renderGatheringMail({
        change,
        language,
        gathering: { ...gathering, startsAt: start },
        consortiumName: language === 'fr' ? gathering.consortiumNameFr : gathering.consortiumNameEn,
        recipient: { name: invitee.displayName, email: invitee.email },
        organizer: { name: language === 'fr' ? gathering.consortiumNameFr : gathering.consortiumNameEn, email: organizer.email },
        sequence,
        timeZone: defaultTimeZone,
        portalUrl: this.config.PORTAL_URL,
        uidDomain: new URL(this.config.PORTAL_URL).hostname,
      });
      await query(manager, enqueueMail, [randomUUID(), consortiumId, event.id, invitee.memberId, kinds[change], invitee.email, language, mail.subject, mail.text, mail.html, mail.calendar, mail.method, traceparent]);
    }
    return invitees.length;
  }
}
