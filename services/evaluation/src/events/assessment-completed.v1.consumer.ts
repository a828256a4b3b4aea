import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AssessmentCompletedV1, CloudEventEnvelope, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Completing a readiness assessment makes the organisation active. */
@Controller()
export class AssessmentCompletedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(AssessmentCompletedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof AssessmentCompletedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.organizationId], event.data.completedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
