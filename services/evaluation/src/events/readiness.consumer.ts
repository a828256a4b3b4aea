import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AssessmentCompletedV1, CloudEventEnvelope, EventData, FrameworkAdoptedV1, JourneyCreatedV1, JourneyMilestoneCompletedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Readiness (prototype 1): completed assessments with their scores, journeys, the framework's dimension names. */
@Controller()
export class ReadinessConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  /** A completed assessment is counted, its scores kept, and it makes the organisation active. */
  @EventPattern(AssessmentCompletedV1.type)
  async completed(@Payload() event: CloudEventEnvelope<EventData<typeof AssessmentCompletedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { assessmentId, organizationId, dimensions, completedAt } = event.data;
    await ctx.manager.query(
      `INSERT INTO completed_assessments (consortium_id, assessment_id, organization_id, completed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [event.consortiumid, assessmentId, organizationId, completedAt],
    );
    await ctx.manager.query(
      `INSERT INTO assessment_scores (consortium_id, assessment_id, dimension, score)
       SELECT $1, $2, d.dimension, d.score FROM unnest($3::text[], $4::numeric[]) AS d(dimension, score) ON CONFLICT DO NOTHING`,
      [event.consortiumid, assessmentId, dimensions.map((d) => d.dimension), dimensions.map((d) => d.score)],
    );
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [organizationId], completedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(JourneyCreatedV1.type)
  async journeyCreated(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyCreatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { journeyId, organizationId, milestones, createdAt } = event.data;
    await ctx.manager.query(`INSERT INTO journeys (consortium_id, journey_id, organization_id, milestones, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      event.consortiumid,
      journeyId,
      organizationId,
      milestones.length,
      createdAt,
    ]);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(JourneyMilestoneCompletedV1.type)
  async milestoneCompleted(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyMilestoneCompletedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`INSERT INTO journey_milestones_completed (consortium_id, journey_id, milestone_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      event.consortiumid,
      event.data.journeyId,
      event.data.milestoneId,
    ]);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** The dimensions (and their names) of the consortium's framework; the latest adoption wins. */
  @EventPattern(FrameworkAdoptedV1.type)
  async frameworkAdopted(@Payload() event: CloudEventEnvelope<EventData<typeof FrameworkAdoptedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO consortium_frameworks (consortium_id, dimensions, adopted_at) VALUES ($1, $2, $3)
       ON CONFLICT (consortium_id) DO UPDATE SET dimensions = excluded.dimensions, adopted_at = excluded.adopted_at WHERE consortium_frameworks.adopted_at < excluded.adopted_at`,
      [event.consortiumid, JSON.stringify(event.data.dimensions), event.data.adoptedAt],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }
}
