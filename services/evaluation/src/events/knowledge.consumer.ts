import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, KnowledgeReactedV1, KnowledgeSharedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';
import { interactions } from './knowledge.sql';
import { monthOf, rollups } from './rollups.sql';

/** Knowledge sharing (outcome 2); a post or a shared resource makes the author's organisation active (outcome 1). */
@Controller()
export class KnowledgeConsumer {
  @EventPattern(KnowledgeSharedV1.type)
  shared(@Payload() event: CloudEventEnvelope<EventData<typeof KnowledgeSharedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { itemId, itemType, organizationId, crossOrganization, sharedAt } = event.data;
    ctx.write(interactions, { consortiumId: event.consortiumid, interactionId: itemId, kind: itemType, organizationId, crossOrganization, at: sharedAt });
    ctx.write(rollups, { consortiumId: event.consortiumid, month: monthOf(sharedAt) });
    recordActivity(ctx, event.consortiumid, [organizationId], sharedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Knowledge']);
  }

  /** A reaction's natural key is its event: the same reaction is one event, redelivered or not. */
  @EventPattern(KnowledgeReactedV1.type)
  reacted(@Payload() event: CloudEventEnvelope<EventData<typeof KnowledgeReactedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { organizationId, crossOrganization, reactedAt } = event.data;
    ctx.write(interactions, { consortiumId: event.consortiumid, interactionId: event.id, kind: 'reaction', organizationId, crossOrganization, at: reactedAt });
    ctx.write(rollups, { consortiumId: event.consortiumid, month: monthOf(reactedAt) });
    markStale(ctx, event.consortiumid, event.id, ['outcome2Knowledge']);
  }
}
