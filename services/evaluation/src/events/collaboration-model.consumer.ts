import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, CollaborationModelProposedV1, CollaborationModelReviewedV1, CollaborationModelViabilityCheckedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Collaboration models, their reviews and viability checks (outcome 3). */
@Controller()
export class CollaborationModelConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(CollaborationModelProposedV1.type)
  async proposed(@Payload() event: CloudEventEnvelope<EventData<typeof CollaborationModelProposedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { modelId, circleId, prototype, organizationId, proposedAt } = event.data;
    await ctx.manager.query(`INSERT INTO collaboration_models (consortium_id, model_id, circle_id, prototype, proposed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      event.consortiumid,
      modelId,
      circleId,
      prototype,
      proposedAt,
    ]);
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [organizationId], proposedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** A review revised later keeps its id: its latest scores count. */
  @EventPattern(CollaborationModelReviewedV1.type)
  async reviewed(@Payload() event: CloudEventEnvelope<EventData<typeof CollaborationModelReviewedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { modelId, reviewId, reviewerRole, scores, reviewedAt } = event.data;
    const entries = Object.entries(scores);
    await ctx.manager.query(
      `INSERT INTO model_review_scores (consortium_id, review_id, model_id, reviewer_role, criterion, score, reviewed_at)
       SELECT $1, $2, $3, $4, s.criterion, s.score, $7 FROM unnest($5::text[], $6::int[]) AS s(criterion, score)
       ON CONFLICT (consortium_id, review_id, criterion) DO UPDATE SET score = excluded.score, reviewed_at = excluded.reviewed_at
         WHERE model_review_scores.reviewed_at < excluded.reviewed_at`,
      [event.consortiumid, reviewId, modelId, reviewerRole, entries.map(([criterion]) => criterion), entries.map(([, score]) => score), reviewedAt],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(CollaborationModelViabilityCheckedV1.type)
  async viabilityChecked(@Payload() event: CloudEventEnvelope<EventData<typeof CollaborationModelViabilityCheckedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { modelId, scalability, efficientUseOfResources, sustainability, checkedAt } = event.data;
    await ctx.manager.query(
      `INSERT INTO model_viability (consortium_id, model_id, scalability, efficient_use_of_resources, sustainability, checked_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consortium_id, model_id) DO UPDATE
         SET scalability = excluded.scalability, efficient_use_of_resources = excluded.efficient_use_of_resources, sustainability = excluded.sustainability, checked_at = excluded.checked_at
         WHERE model_viability.checked_at < excluded.checked_at`,
      [event.consortiumid, modelId, scalability, efficientUseOfResources, sustainability, checkedAt],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }
}
