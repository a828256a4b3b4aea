import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  EventData,
  PartnershipCollaborationRecordedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

type PartnershipEvent = CloudEventEnvelope<{ partnershipId: string; organizationIds: string[] }>;

/**
 * Partnerships and what partners record of their collaboration (outcome 4). A partnership only
 * moves forward (proposed → in negotiation → confirmed → ended), so its status is the furthest
 * one seen: a redelivered or late event cannot move it back.
 */
@Controller()
export class PartnershipConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(PartnershipProposedV1.type)
  proposed(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext) {
    return this.advance(event, ctx, 'proposed');
  }

  @EventPattern(PartnershipNegotiationStartedV1.type)
  negotiating(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext) {
    return this.advance(event, ctx, 'in-negotiation');
  }

  @EventPattern(PartnershipConfirmedV1.type)
  confirmed(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext) {
    return this.advance(event, ctx, 'confirmed');
  }

  @EventPattern(PartnershipEndedV1.type)
  ended(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext) {
    return this.advance(event, ctx, 'ended');
  }

  @EventPattern(PartnershipCollaborationRecordedV1.type)
  async collaborationRecorded(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipCollaborationRecordedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO collaboration_records (consortium_id, record_id, partnership_id, kind, occurred_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [event.consortiumid, event.data.recordId, event.data.partnershipId, event.data.kind, event.data.occurredOn],
    );
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, event.data.organizationIds, event.data.recordedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  private async advance(event: PartnershipEvent, ctx: JetStreamContext, status: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO partnerships (consortium_id, partnership_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (consortium_id, partnership_id) DO UPDATE SET status = excluded.status
         WHERE array_position(ARRAY['proposed', 'in-negotiation', 'confirmed', 'ended'], excluded.status)
             > array_position(ARRAY['proposed', 'in-negotiation', 'confirmed', 'ended'], partnerships.status)`,
      [event.consortiumid, event.data.partnershipId, status],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }
}
