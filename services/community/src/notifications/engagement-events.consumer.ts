import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  EngagementAcceptedV1,
  EngagementCancelledV1,
  EngagementDeclinedV1,
  EngagementExpiredV1,
  EngagementMilestonePaidV1,
  EngagementRequestedV1,
  EngagementResponseOverdueV1,
  EngagementScopedV1,
  EngagementScopeProposedV1,
  EventData,
  EventDefinition,
} from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { EngagementNotifications } from './engagement-notifications';
import { appliedLate, morningBefore } from './timing';
import { requestAnswered, requestWaiting, withdrawPaymentReminders } from './notifications.sql';

type Event<T extends EventDefinition> = CloudEventEnvelope<EventData<T>>;

/*
 * Provider matching's engagement events, followed by community's second durable consumer
 * (community-engagement-notifications): the people each step concerns are told by e-mail.
 */

/** A nonprofit asked a provider: the provider's staff are told, with the date to answer by. */
@Controller()
export class EngagementRequestedV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementRequestedV1.type)
  async handle(@Payload() event: Event<typeof EngagementRequestedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.enqueue(ctx.manager, event, event.data, 'provider', { kind: 'requested', respondBy: new Date(event.data.respondBy) });
    await query(ctx.manager, requestWaiting, [event.consortiumid, event.data.engagementId, event.data.providerId, event.data.nonprofitId, new Date(event.data.respondBy)]);
  }
}

/** The answer is overdue: the provider is nudged, and the coordination told of a request stuck past its deadline. */
@Controller()
export class EngagementResponseOverdueV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementResponseOverdueV1.type)
  async handle(@Payload() event: Event<typeof EngagementResponseOverdueV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const respondBy = new Date(event.data.respondBy);
    await this.notifications.enqueue(ctx.manager, event, event.data, 'provider', { kind: 'overdue', respondBy });
    await this.notifications.enqueue(ctx.manager, event, event.data, 'coordination', { kind: 'overdueCoordinator', respondBy });
  }
}

@Controller()
export class EngagementAcceptedV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementAcceptedV1.type)
  async handle(@Payload() event: Event<typeof EngagementAcceptedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, requestAnswered, [event.consortiumid, event.data.engagementId]);
    await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'accepted' });
  }
}

@Controller()
export class EngagementDeclinedV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementDeclinedV1.type)
  async handle(@Payload() event: Event<typeof EngagementDeclinedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, requestAnswered, [event.consortiumid, event.data.engagementId]);
    await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'declined', reason: event.data.reason });
  }
}

@Controller()
export class EngagementExpiredV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementExpiredV1.type)
  async handle(@Payload() event: Event<typeof EngagementExpiredV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, requestAnswered, [event.consortiumid, event.data.engagementId]);
    await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'expired', respondBy: new Date(event.data.respondBy) });
  }
}

/** The provider proposed the scope and its payments: the nonprofit is asked to agree. */
@Controller()
export class EngagementScopeProposedV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementScopeProposedV1.type)
  async handle(@Payload() event: Event<typeof EngagementScopeProposedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'scopeProposed', milestones: event.data.milestones });
  }
}

/** The nonprofit agreed the scope: its staff are reminded of each payment milestone on the day it is due. */
@Controller()
export class EngagementScopedV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementScopedV1.type)
  async handle(@Payload() event: Event<typeof EngagementScopedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    for (const { milestone, amount, dueOn } of event.data.milestones) {
      // A day already past is reminded at once, unless the scope is history replayed (paid since, maybe).
      if (morningBefore(dueOn) <= new Date() && appliedLate(new Date(event.data.scopedAt))) continue;
      await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'paymentDue', milestone, amount, dueOn });
    }
  }
}

/** A milestone paid: its reminder, if not sent yet, is withdrawn. */
@Controller()
export class EngagementMilestonePaidV1Consumer {
  @EventPattern(EngagementMilestonePaidV1.type)
  async handle(@Payload() event: Event<typeof EngagementMilestonePaidV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, withdrawPaymentReminders, [event.consortiumid, event.data.engagementId, event.data.milestone]);
  }
}

/** An engagement cancelled: none of its payment reminders is sent, and it waits for no answer. */
@Controller()
export class EngagementCancelledV1Consumer {
  @EventPattern(EngagementCancelledV1.type)
  async handle(@Payload() event: Event<typeof EngagementCancelledV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, withdrawPaymentReminders, [event.consortiumid, event.data.engagementId, null]);
    await query(ctx.manager, requestAnswered, [event.consortiumid, event.data.engagementId]);
  }
}
