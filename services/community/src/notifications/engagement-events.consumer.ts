import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  EngagementAcceptedV1,
  EngagementDeclinedV1,
  EngagementExpiredV1,
  EngagementRequestedV1,
  EngagementResponseOverdueV1,
  EngagementScopeProposedV1,
  EventData,
  EventDefinition,
} from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { EngagementNotifications } from './engagement-notifications';

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
    await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'accepted' });
  }
}

@Controller()
export class EngagementDeclinedV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementDeclinedV1.type)
  async handle(@Payload() event: Event<typeof EngagementDeclinedV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.notifications.enqueue(ctx.manager, event, event.data, 'nonprofit', { kind: 'declined', reason: event.data.reason });
  }
}

@Controller()
export class EngagementExpiredV1Consumer {
  constructor(private readonly notifications: EngagementNotifications) {}

  @EventPattern(EngagementExpiredV1.type)
  async handle(@Payload() event: Event<typeof EngagementExpiredV1>, @Ctx() ctx: JetStreamContext): Promise<void> {
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
