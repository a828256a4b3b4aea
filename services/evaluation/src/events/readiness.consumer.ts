import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AssessmentCompletedV1, CloudEventEnvelope, EventData, FrameworkAdoptedV1, JourneyCreatedV1, JourneyMilestoneCompletedV1 } from '@ccndr/contracts';
import { BatchWrite, JetStreamContext, latestBy } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';

const completedAssessments: BatchWrite<{ consortiumId: string; assessmentId: string; organizationId: string; completedAt: string }> = {
  statement: `INSERT INTO completed_assessments (consortium_id, assessment_id, organization_id, completed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'assessmentId', 'organizationId', 'completedAt'],
};

const assessmentScores: BatchWrite<{ consortiumId: string; assessmentId: string; dimension: string; score: number }> = {
  statement: `INSERT INTO assessment_scores (consortium_id, assessment_id, dimension, score)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'assessmentId', 'dimension', 'score'],
};

const journeys: BatchWrite<{ consortiumId: string; journeyId: string; organizationId: string; milestones: number; createdAt: string }> = {
  statement: `INSERT INTO journeys (consortium_id, journey_id, organization_id, milestones, created_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'journeyId', 'organizationId', 'milestones', 'createdAt'],
};

const milestonesCompleted: BatchWrite<{ consortiumId: string; journeyId: string; milestoneId: string }> = {
  statement: `INSERT INTO journey_milestones_completed (consortium_id, journey_id, milestone_id) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'journeyId', 'milestoneId'],
};

/** The dimensions (and their names) of the consortium's framework; the latest adoption wins. */
const frameworks: BatchWrite<{ consortiumId: string; dimensions: string; adoptedAt: string }> = {
  statement: `INSERT INTO consortium_frameworks (consortium_id, dimensions, adopted_at) SELECT c, d::jsonb, a FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS f(c, d, a)
    ON CONFLICT (consortium_id) DO UPDATE SET dimensions = excluded.dimensions, adopted_at = excluded.adopted_at WHERE consortium_frameworks.adopted_at < excluded.adopted_at`,
  columns: ['consortiumId', 'dimensions', 'adoptedAt'],
  merge: { key: (r) => r.consortiumId, keep: latestBy('adoptedAt', 'earlier') },
};

/** Readiness (prototype 1): completed assessments with their scores, journeys, the framework's dimension names. */
@Controller()
export class ReadinessConsumer {
  /** A completed assessment is counted, its scores kept, and it makes the organisation active. */
  @EventPattern(AssessmentCompletedV1.type)
  completed(@Payload() event: CloudEventEnvelope<EventData<typeof AssessmentCompletedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { assessmentId, organizationId, dimensions, completedAt } = event.data;
    const consortiumId = event.consortiumid;
    ctx.write(completedAssessments, { consortiumId, assessmentId, organizationId, completedAt });
    ctx.write(assessmentScores, ...dimensions.map((d) => ({ consortiumId, assessmentId, dimension: d.dimension, score: d.score })));
    recordActivity(ctx, consortiumId, [organizationId], completedAt);
    markStale(ctx, consortiumId, event.id);
  }

  @EventPattern(JourneyCreatedV1.type)
  journeyCreated(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyCreatedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { journeyId, organizationId, milestones, createdAt } = event.data;
    ctx.write(journeys, { consortiumId: event.consortiumid, journeyId, organizationId, milestones: milestones.length, createdAt });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(JourneyMilestoneCompletedV1.type)
  milestoneCompleted(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyMilestoneCompletedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(milestonesCompleted, { consortiumId: event.consortiumid, journeyId: event.data.journeyId, milestoneId: event.data.milestoneId });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(FrameworkAdoptedV1.type)
  frameworkAdopted(@Payload() event: CloudEventEnvelope<EventData<typeof FrameworkAdoptedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(frameworks, { consortiumId: event.consortiumid, dimensions: JSON.stringify(event.data.dimensions), adoptedAt: event.data.adoptedAt });
    markStale(ctx, event.consortiumid, event.id);
  }
}
