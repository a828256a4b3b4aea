import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, OrganizationUpdatedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** A change of category moves the organisation between the active-organisation indicators. */
@Controller()
export class OrganizationUpdatedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(OrganizationUpdatedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationUpdatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordOrganization(ctx.manager, event.consortiumid, event.data.organizationId, event.data.category);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
