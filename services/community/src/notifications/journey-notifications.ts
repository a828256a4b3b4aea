import { randomUUID } from 'node:crypto';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { AssessmentStartedV1, CloudEventEnvelope, EventData, JourneyMilestoneCompletedV1, JourneyMilestoneDueSetV1, officialLanguage } from '@ccndr/contracts';
import { currentTraceparent, JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { renderAssessmentInvitation, renderMilestoneReminder } from './assessment-mail';
import { appliedLate, morningBefore } from './timing';
import { consortiumNames, enqueueMail, journeyRecipients, queueDayReminder, withdrawJourneyReminders } from './notifications.sql';
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
    const recipients = await query(manager, journeyRecipients, [consortiumId, started.organizationId, invited]);
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

  /**
   * A milestone's due day set: the organisation's members are reminded at 9 h the day before
   * (at once if that is past, unless the event is history replayed); a day changed or cleared
   * replaces or withdraws the reminder not sent yet.
   */
  async planMilestoneReminder(manager: EntityManager, event: { id: string; consortiumid: string }, due: EventData<typeof JourneyMilestoneDueSetV1>): Promise<number> {
    const consortiumId = event.consortiumid;
    await query(manager, withdrawJourneyReminders, [consortiumId, due.milestoneId]);
    if (!due.dueOn) return 0;
    const dueAt = morningBefore(due.dueOn, 1);
    if (dueAt <= new Date() && appliedLate(new Date(due.setAt))) return 0;
    const [names] = await query(manager, consortiumNames, [consortiumId]);
    if (!names) return 0;
    const recipients = await query(manager, journeyRecipients, [consortiumId, due.organizationId, null]);
    for (const recipient of recipients) {
      const language = officialLanguage.safeParse(recipient.language).data ?? names.consortiumLanguage;
      const mail = renderMilestoneReminder({
        language,
        consortiumId,
        consortiumName: language === 'fr' ? names.consortiumNameFr : names.consortiumNameEn,
        organization: recipient.organization,
        recipient: { name: recipient.displayName },
        step: due.step[language],
        dueOn: due.dueOn,
        portalUrl: this.config.PORTAL_URL,
        unsubscribeUrl: this.unsubscribe.url({ consortiumId, memberId: recipient.memberId, category: 'journey' }),
      });
      await query(manager, queueDayReminder, [randomUUID(), consortiumId, event.id, recipient.memberId, 'journey-milestone-due', recipient.email, language, mail.subject, mail.text, mail.html, currentTraceparent() ?? null, dueAt, null, null, due.milestoneId]);
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

/** A journey milestone's due day set, changed or cleared: its reminder planned again. */
@Controller()
export class JourneyMilestoneDueSetV1Consumer {
  constructor(private readonly notifications: JourneyNotifications) {}

  @EventPattern(JourneyMilestoneDueSetV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyMilestoneDueSetV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.planMilestoneReminder(ctx.manager, event, event.data);
  }
}

/** A journey milestone reached: its reminder, if not sent yet, is withdrawn. */
@Controller()
export class JourneyMilestoneCompletedV1Consumer {
  @EventPattern(JourneyMilestoneCompletedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyMilestoneCompletedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, withdrawJourneyReminders, [event.consortiumid, event.data.milestoneId]);
  }
}
