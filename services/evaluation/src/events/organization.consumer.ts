import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, OrganizationJoinedV1, OrganizationUpdatedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Organisations: the category decides the active-organisation indicator, the province and country the representation. */
@Controller()
export class OrganizationConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(OrganizationJoinedV1.type)
  async joined(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationJoinedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordOrganization(ctx.manager, event.consortiumid, event.data, event.data.joinedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }

  @EventPattern(OrganizationUpdatedV1.type)
  async updated(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationUpdatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordOrganization(ctx.manager, event.consortiumid, event.data, event.data.updatedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
