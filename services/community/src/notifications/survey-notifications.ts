import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { CloudEventEnvelope, EventData, officialLanguage, SurveyPublishedV1 } from '@ccndr/contracts';
import { currentTraceparent, JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { dropMail, DueMail, planSurveyInvitations, planSurveyInvitationsOnJoin, QueuedMail, surveyInvitationToSend, writeReminder } from './notifications.sql';
import { renderSurveyInvitation } from './survey-mail';
import { appliedLate } from './timing';
import { UnsubscribeLinks } from './unsubscribe-token';

/**
 * The feedback survey's invitation by e-mail, from community's own survey.published (the
 * community-notifications consumer): a row per member waits in the mail queue until due and is
 * written then, like a reminder, for those it still concerns: a gathering's survey goes to those
 * recorded present by then, the consortium's own to every active member; nobody who has answered.
 */
@Injectable()
export class SurveyNotifications {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly unsubscribe: UnsubscribeLinks,
  ) {}

  /** The survey's invitations, planned in the consumer's transaction (none for history replayed or an outage of more than a day). */
  async plan(manager: EntityManager, event: { id: string; consortiumid: string }, published: EventData<typeof SurveyPublishedV1>): Promise<void> {
    if (appliedLate(new Date(published.publishedAt))) return;
    await query(manager, planSurveyInvitations, [event.consortiumid, event.id, published.surveyId, currentTraceparent() ?? null]);
  }

  /** A member joined: asked to answer the consortium's own surveys still open (not for a join replayed or applied more than a day late). */
  async welcome(manager: EntityManager, event: { id: string; consortiumid: string }, memberId: string, joinedAt: Date): Promise<void> {
    if (appliedLate(joinedAt)) return;
    await query(manager, planSurveyInvitationsOnJoin, [event.consortiumid, event.id, memberId, currentTraceparent() ?? null]);
  }

  /** A due invitation, written now; or dropped when it concerns its recipient no longer (or never did: absent from the gathering). */
  async prepare(manager: EntityManager, due: DueMail): Promise<QueuedMail | 'dropped'> {
    const [invitation] = await query(manager, surveyInvitationToSend, [due.consortium_id, due.survey_id!, due.member_id]);
    if (!invitation) {
      await query(manager, dropMail, [due.id]);
      return 'dropped';
    }
    const language = officialLanguage.safeParse(invitation.language).data ?? invitation.consortiumLanguage;
    const mail = renderSurveyInvitation({
      language,
      consortiumId: due.consortium_id,
      consortiumName: language === 'fr' ? invitation.consortiumNameFr : invitation.consortiumNameEn,
      survey: { id: due.survey_id!, title: language === 'fr' ? invitation.titleFr : invitation.titleEn, closesAt: invitation.closesAt },
      gathering: invitation.gatheringTitle !== null && invitation.startsAt ? { title: invitation.gatheringTitle, startsAt: invitation.startsAt } : null,
      recipient: { name: invitation.displayName },
      portalUrl: this.config.PORTAL_URL,
      unsubscribeUrl: this.unsubscribe.url({ consortiumId: due.consortium_id, memberId: due.member_id, category: 'gatherings' }),
    });
    await query(manager, writeReminder, [due.id, invitation.email, language, mail.subject, mail.text, mail.html]);
    return { ...due, recipient: invitation.email, subject: mail.subject, text_body: mail.text, html_body: mail.html };
  }
}

/** A survey published: its invitations planned. */
@Controller()
export class SurveyPublishedV1Consumer {
  constructor(private readonly notifications: SurveyNotifications) {}

  @EventPattern(SurveyPublishedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof SurveyPublishedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.plan(ctx.manager, event, event.data);
  }
}
