import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { officialLanguage } from '@ccndr/contracts';
import { currentTraceparent } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { EngagementMessage, renderEngagementMail } from './engagement-mail';
import { morningBefore } from './timing';
import { UnsubscribeLinks } from './unsubscribe-token';
import { coordinationOf, engagementNames, enqueueMail, MailKind, queueDayReminder, staffOf } from './notifications.sql';

/** Who is told: the provider's staff, the nonprofit's staff, or the consortium's coordination. */
export type EngagementAudience = 'provider' | 'nonprofit' | 'coordination';

const kinds: Record<EngagementMessage['kind'], MailKind> = {
  requested: 'engagement-requested',
  overdue: 'engagement-overdue',
  overdueCoordinator: 'engagement-overdue-coordinator',
  accepted: 'engagement-accepted',
  declined: 'engagement-declined',
  expired: 'engagement-expired',
  scopeProposed: 'engagement-scope-proposed',
  paymentDue: 'engagement-payment-due',
};

/**
 * Turns provider matching's engagement events into messages in the mail queue, in the transaction
 * that records the event as processed: each person concerned gets one message per event. Provider
 * matching's events carry organisation ids only; the people, their addresses and the organisations'
 * names are community's, read here.
 */
@Injectable()
export class EngagementNotifications {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly unsubscribe: UnsubscribeLinks,
  ) {}

  async enqueue(
    manager: EntityManager,
    event: { id: string; consortiumid: string },
    engagement: { engagementId: string; nonprofitId: string; providerId: string },
    audience: EngagementAudience,
    message: EngagementMessage,
  ): Promise<number> {
    const consortiumId = event.consortiumid;
    const [names] = await query(manager, engagementNames, [consortiumId, engagement.nonprofitId, engagement.providerId]);
    // An engagement between organisations community does not know (a consortium since erased): nobody to tell.
    if (!names?.nonprofit || !names.provider) return 0;
    const recipients =
      audience === 'coordination'
        ? await query(manager, coordinationOf, [consortiumId])
        : await query(manager, staffOf, [consortiumId, audience === 'provider' ? engagement.providerId : engagement.nonprofitId]);
    const traceparent = currentTraceparent() ?? null;
    for (const recipient of recipients) {
      const language = officialLanguage.safeParse(recipient.language).data ?? names.consortiumLanguage;
      const mail = renderEngagementMail({
        message,
        language,
        consortiumId,
        consortiumName: language === 'fr' ? names.consortiumNameFr : names.consortiumNameEn,
        recipient: { name: recipient.displayName, organization: recipient.organization },
        nonprofit: names.nonprofit,
        provider: names.provider,
        portalUrl: this.config.PORTAL_URL,
        unsubscribeUrl: this.unsubscribe.url({ consortiumId, memberId: recipient.memberId, category: 'engagements' }),
      });
      // A payment reminder waits in the queue until its day; the other messages go at once.
      if (message.kind === 'paymentDue')
        await query(manager, queueDayReminder, [randomUUID(), consortiumId, event.id, recipient.memberId, 'engagement-payment-due', recipient.email, language, mail.subject, mail.text, mail.html, traceparent, morningBefore(message.dueOn), engagement.engagementId, message.milestone, null]);
      else await query(manager, enqueueMail, [randomUUID(), consortiumId, event.id, recipient.memberId, kinds[message.kind], recipient.email, language, mail.subject, mail.text, mail.html, null, null, traceparent, null]);
    }
    return recipients.length;
  }
}
