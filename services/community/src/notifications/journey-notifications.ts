import { randomUUID } from 'node:crypto';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { AssessmentStartedV1, CloudEventEnvelope, EventData, officialLanguage } from '@ccndr/contracts';
import { currentTraceparent, JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { renderAssessmentInvitation } from './assessment-mail';
import { appliedLate } from './late-events';
import { consortiumNames, enqueueMail, respondentsAmong } from './notifications.sql';
import { UnsubscribeLinks } from './unsubscribe-token';

/**
 * The readiness journey's messages, from assessments' events (community's third durable consumer,
 * community-journey-notifications): the event names respondents by member id only; their
 * addresses, names and language are community's, read here.
 */
@Injectable()
export class JourneyNotifications {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly unsubscribe: UnsubscribeLinks,
  ) {}

  /** Each respondent of a team assessment but the one who started it is asked to answer, once. Returns how many. */
  async inviteRespondents(manager: EntityManager, event: { id: string; consortiumid: string }, started: EventData<typeof AssessmentStartedV1>): Promise<number> {
    const consortiumId = event.consortiumid;
    // Events from before the ids were carried, assessments answered alone, and history replayed invite nobody.
    const invited = (started.respondentMemberIds ?? []).filter((id) => id !== started.startedByMemberId);
    if (started.mode !== 'team' || !invited.length || appliedLate(new Date(started.startedAt))) return 0;
    const [names] = await query(manager, consortiumNames, [consortiumId]);
    if (!names) return 0;
    const recipients = await query(manager, respondentsAmong, [consortiumId, started.organizationId, invited]);
    for (const recipient of recipients) {
      const language = officialLanguage.safeParse(recipient.language).data ?? names.consortiumLanguage;
      const mail = renderAssessmentInvitation({
        language,
        consortiumId,
        consortiumName: language === 'fr' ? names.consortiumNameFr : names.consortiumNameEn,
        assessmentId: started.assessmentId,
        organization: recipient.organization,
        respondents: started.respondents,
        recipient: { name: recipient.displayName },
        portalUrl: this.config.PORTAL_URL,
        unsubscribeUrl: this.unsubscribe.url({ consortiumId, memberId: recipient.memberId, category: 'journey' }),
      });
      await query(manager, enqueueMail, [randomUUID(), consortiumId, event.id, recipient.memberId, 'assessment-invitation', recipient.email, language, mail.subject, mail.text, mail.html, null, null, currentTraceparent() ?? null, null]);
    }
    return recipients.length;
  }
}

/** An organisation started a team assessment: the colleagues asked to answer are told by e-mail. */
@Controller()
export class AssessmentStartedV1Consumer {
  constructor(private readonly notifications: JourneyNotifications) {}

  @EventPattern(AssessmentStartedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof AssessmentStartedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.inviteRespondents(ctx.manager, event, event.data);
  }
}
