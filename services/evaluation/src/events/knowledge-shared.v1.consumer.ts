import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, KnowledgeSharedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** A post or a shared resource makes the author's organisation active. */
@Controller()
export class KnowledgeSharedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(KnowledgeSharedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof KnowledgeSharedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.organizationId], event.data.sharedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
