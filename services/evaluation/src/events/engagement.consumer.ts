import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EngagementAcceptedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';

/** An accepted engagement makes both the nonprofit and the provider active (outcome 1). */
@Controller()
export class EngagementConsumer {
  @EventPattern(EngagementAcceptedV1.type)
  accepted(@Payload() event: CloudEventEnvelope<EventData<typeof EngagementAcceptedV1>>, @Ctx() ctx: JetStreamContext): void {
    recordActivity(ctx, event.consortiumid, [event.data.nonprofitId, event.data.providerId], event.data.acceptedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1']);
  }
}
