import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AssessmentCompletedV1, CloudEventEnvelope, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** A completed readiness assessment is counted and makes the organisation active. */
@Controller()
export class AssessmentCompletedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(AssessmentCompletedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof AssessmentCompletedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO completed_assessments (consortium_id, assessment_id, organization_id, completed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [event.consortiumid, event.data.assessmentId, event.data.organizationId, event.data.completedAt],
    );
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.organizationId], event.data.completedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
