import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, KnowledgeReactedV1, KnowledgeSharedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Knowledge sharing (outcome 2); a post or a shared resource makes the author's organisation active (outcome 1). */
@Controller()
export class KnowledgeConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(KnowledgeSharedV1.type)
  async shared(@Payload() event: CloudEventEnvelope<EventData<typeof KnowledgeSharedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.interaction(ctx, event.consortiumid, event.data.itemId, event.data.itemType, event.data, event.data.sharedAt);
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.organizationId], event.data.sharedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** A reaction's natural key is its event: the same reaction is one event, redelivered or not. */
  @EventPattern(KnowledgeReactedV1.type)
  async reacted(@Payload() event: CloudEventEnvelope<EventData<typeof KnowledgeReactedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.interaction(ctx, event.consortiumid, event.id, 'reaction', event.data, event.data.reactedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  private async interaction(ctx: JetStreamContext, consortiumId: string, id: string, kind: string, data: { organizationId: string; crossOrganization: boolean }, at: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO knowledge_interactions (consortium_id, interaction_id, kind, organization_id, cross_organization, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [consortiumId, id, kind, data.organizationId, data.crossOrganization, at],
    );
  }
}
