import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { officialLanguage } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { renderDigest } from './digest-mail';
import { digestRecipient, DueMail, dropMail, gatheringsAhead, newInCircles, planDigest, requestsWaitingFor, QueuedMail, writeReminder } from './notifications.sql';
import { UnsubscribeLinks } from './unsubscribe-token';

/**
 * The weekly digest, opt-in: a row waits in the mail queue for each member who chose it, due
 * Monday 8 h (Toronto), planned when they choose it and again once one is taken; it is written
 * when due, from community's live tables, like a reminder: the gatherings ahead, what was shared
 * in their working groups, the requests waiting for their answer.
 */
@Injectable()
export class DigestNotifications {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly unsubscribe: UnsubscribeLinks,
  ) {}

  /** Next week's digest for the member, if they chose it and none waits (in the caller's transaction). */
  async plan(manager: EntityManager, consortiumId: string, memberId: string): Promise<void> {
    await query(manager, planDigest, [consortiumId, memberId]);
  }

  /** A due digest, written now; or dropped when there is nothing to tell (next week's planned either way). */
  async prepare(manager: EntityManager, due: DueMail): Promise<QueuedMail | 'dropped'> {
    const [recipient] = await query(manager, digestRecipient, [due.consortium_id, due.member_id]);
    const gatherings = await query(manager, gatheringsAhead, [due.consortium_id]);
    const shared = await query(manager, newInCircles, [due.consortium_id, due.member_id]);
    const requests = await query(manager, requestsWaitingFor, [due.consortium_id, due.member_id]);
    if (!recipient || (!gatherings.length && !shared.length && !requests.length)) {
      await query(manager, dropMail, [due.id]);
      await this.plan(manager, due.consortium_id, due.member_id);
      return 'dropped';
    }
    const language = officialLanguage.safeParse(recipient.language).data ?? recipient.consortiumLanguage;
    const mail = renderDigest({
      language,
      consortiumId: due.consortium_id,
      consortiumName: language === 'fr' ? recipient.consortiumNameFr : recipient.consortiumNameEn,
      recipient: { name: recipient.displayName },
      gatherings,
      shared,
      requests,
      portalUrl: this.config.PORTAL_URL,
      unsubscribeUrl: this.unsubscribe.url({ consortiumId: due.consortium_id, memberId: due.member_id, category: 'digest' }),
    });
    await query(manager, writeReminder, [due.id, recipient.email, language, mail.subject, mail.text, mail.html]);
    return { ...due, recipient: recipient.email, subject: mail.subject, text_body: mail.text, html_body: mail.html };
  }
}
