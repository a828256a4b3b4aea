import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CircleMemberJoinedV1, CloudEventEnvelope, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Taking part in a circle makes the member's organisation active. */
@Controller()
export class CircleMemberJoinedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(CircleMemberJoinedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberJoinedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.organizationId], event.data.joinedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
