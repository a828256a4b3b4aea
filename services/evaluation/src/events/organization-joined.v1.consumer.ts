import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, OrganizationJoinedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

@Controller()
export class OrganizationJoinedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(OrganizationJoinedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationJoinedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordOrganization(ctx.manager, event.consortiumid, event.data.organizationId, event.data.category);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
