import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EngagementAcceptedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** An accepted engagement makes both the nonprofit and the provider active (outcome 1). */
@Controller()
export class EngagementConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(EngagementAcceptedV1.type)
  async accepted(@Payload() event: CloudEventEnvelope<EventData<typeof EngagementAcceptedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.nonprofitId, event.data.providerId], event.data.acceptedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }
}
