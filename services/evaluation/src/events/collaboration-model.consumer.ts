import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, CollaborationModelProposedV1, CollaborationModelReviewedV1, CollaborationModelViabilityCheckedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';
import { models, reviewScores, viability } from './collaboration-model.sql';

/** Collaboration models, their reviews and viability checks (outcome 3). */
@Controller()
export class CollaborationModelConsumer {
  @EventPattern(CollaborationModelProposedV1.type)
  proposed(@Payload() event: CloudEventEnvelope<EventData<typeof CollaborationModelProposedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { modelId, circleId, prototype, organizationId, proposedAt } = event.data;
    ctx.write(models, { consortiumId: event.consortiumid, modelId, circleId, prototype, proposedAt });
    recordActivity(ctx, event.consortiumid, [organizationId], proposedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome3']);
  }

  @EventPattern(CollaborationModelReviewedV1.type)
  reviewed(@Payload() event: CloudEventEnvelope<EventData<typeof CollaborationModelReviewedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { modelId, reviewId, reviewerRole, scores, reviewedAt } = event.data;
    ctx.write(reviewScores, ...Object.entries(scores).map(([criterion, score]) => ({ consortiumId: event.consortiumid, reviewId, modelId, reviewerRole, criterion, score, reviewedAt })));
    markStale(ctx, event.consortiumid, event.id, ['outcome3']);
  }

  @EventPattern(CollaborationModelViabilityCheckedV1.type)
  viabilityChecked(@Payload() event: CloudEventEnvelope<EventData<typeof CollaborationModelViabilityCheckedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { modelId, scalability, efficientUseOfResources, sustainability, checkedAt } = event.data;
    ctx.write(viability, { consortiumId: event.consortiumid, modelId, scalability, efficientUseOfResources, sustainability, checkedAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome3']);
  }
}
