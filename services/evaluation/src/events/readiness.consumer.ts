import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AssessmentCompletedV1, CloudEventEnvelope, EventData, FrameworkAdoptedV1, JourneyCreatedV1, JourneyMilestoneCompletedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';
import { assessmentScores, completedAssessments, frameworks, journeys, milestonesCompleted } from './readiness.sql';

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
    markStale(ctx, consortiumId, event.id, ['outcome1', 'readiness']);
  }

  @EventPattern(JourneyCreatedV1.type)
  journeyCreated(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyCreatedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { journeyId, organizationId, milestones, createdAt } = event.data;
    ctx.write(journeys, { consortiumId: event.consortiumid, journeyId, organizationId, milestones: milestones.length, createdAt });
    markStale(ctx, event.consortiumid, event.id, ['readiness']);
  }

  @EventPattern(JourneyMilestoneCompletedV1.type)
  milestoneCompleted(@Payload() event: CloudEventEnvelope<EventData<typeof JourneyMilestoneCompletedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(milestonesCompleted, { consortiumId: event.consortiumid, journeyId: event.data.journeyId, milestoneId: event.data.milestoneId, completedAt: event.data.completedAt });
    markStale(ctx, event.consortiumid, event.id, ['readiness']);
  }

  @EventPattern(FrameworkAdoptedV1.type)
  frameworkAdopted(@Payload() event: CloudEventEnvelope<EventData<typeof FrameworkAdoptedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(frameworks, { consortiumId: event.consortiumid, dimensions: JSON.stringify(event.data.dimensions), adoptedAt: event.data.adoptedAt });
    markStale(ctx, event.consortiumid, event.id, ['readiness']);
  }
}
