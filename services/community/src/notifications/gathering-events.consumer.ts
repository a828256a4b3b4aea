import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, EventDefinition, GatheringCancelledV1, GatheringRescheduledV1, GatheringScheduledV1, MemberJoinedV1, MemberLeftV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { GatheringNotifications } from './gathering-notifications';
import { withdrawMailOf } from './notifications.sql';
import { SurveyNotifications } from './survey-notifications';

type Event<T extends EventDefinition> = CloudEventEnvelope<EventData<T>>;

/** A gathering put on the calendar: an invitation to each member concerned, and its reminders planned. */
@Controller()
export class GatheringScheduledV1Consumer {
  constructor(private readonly notifications: GatheringNotifications) {}

  @EventPattern(GatheringScheduledV1.type)
  async handle(@Payload() event: Event<typeof GatheringScheduledV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.enqueue(ctx.manager, event, event.data.gatheringId, 'invitation', new Date(event.data.scheduledAt), new Date(event.data.startsAt));
  }
}

/** A gathering moved: an update of the calendar entry (same UID, higher SEQUENCE); its reminders planned again. */
@Controller()
export class GatheringRescheduledV1Consumer {
  constructor(private readonly notifications: GatheringNotifications) {}

  @EventPattern(GatheringRescheduledV1.type)
  async handle(@Payload() event: Event<typeof GatheringRescheduledV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.enqueue(ctx.manager, event, event.data.gatheringId, 'update', new Date(event.data.rescheduledAt), new Date(event.data.startsAt));
  }
}

/** A gathering cancelled: a cancellation of the calendar entry (METHOD:CANCEL); its reminders withdrawn. */
@Controller()
export class GatheringCancelledV1Consumer {
  constructor(private readonly notifications: GatheringNotifications) {}

  @EventPattern(GatheringCancelledV1.type)
  async handle(@Payload() event: Event<typeof GatheringCancelledV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.enqueue(ctx.manager, event, event.data.gatheringId, 'cancellation', new Date(event.data.cancelledAt));
  }
}

/**
 * A member joined: invited to the gatherings to come that were scheduled before, and covered by
 * their reminders; asked to answer the consortium's own surveys still open.
 */
@Controller()
export class MemberJoinedV1Consumer {
  constructor(
    private readonly notifications: GatheringNotifications,
    private readonly surveys: SurveyNotifications,
  ) {}

  @EventPattern(MemberJoinedV1.type)
  async handle(@Payload() event: Event<typeof MemberJoinedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const joinedAt = new Date(event.data.joinedAt);
    await this.notifications.welcome(ctx.manager, event, event.data.memberId, joinedAt);
    await this.surveys.welcome(ctx.manager, event, event.data.memberId, joinedAt);
  }
}

/** A member left: nothing more is sent to them, not even what was queued before. */
@Controller()
export class MemberLeftV1Consumer {
  @EventPattern(MemberLeftV1.type)
  async handle(@Payload() event: Event<typeof MemberLeftV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, withdrawMailOf, [event.consortiumid, event.data.memberId]);
  }
}
