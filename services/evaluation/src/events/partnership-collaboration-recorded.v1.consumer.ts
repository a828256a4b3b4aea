import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, PartnershipCollaborationRecordedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** A joint initiative, shared resource or communication between partners: outcome 4's intensity. */
@Controller()
export class PartnershipCollaborationRecordedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(PartnershipCollaborationRecordedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipCollaborationRecordedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO collaboration_records (consortium_id, record_id, partnership_id, kind, occurred_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [event.consortiumid, event.data.recordId, event.data.partnershipId, event.data.kind, event.data.occurredOn],
    );
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, event.data.organizationIds, event.data.recordedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
