import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CircleCreatedV1, CircleMemberJoinedV1, CircleMemberLeftV1, CloudEventEnvelope, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Working groups and who is active in them (co-design, outcome 2); joining makes the organisation active (outcome 1). */
@Controller()
export class CircleConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(CircleCreatedV1.type)
  async created(@Payload() event: CloudEventEnvelope<EventData<typeof CircleCreatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`INSERT INTO circles (consortium_id, circle_id, prototype) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [event.consortiumid, event.data.circleId, event.data.prototype]);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(CircleMemberJoinedV1.type)
  async joined(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberJoinedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.change(ctx, event.consortiumid, event.data, event.data.joinedAt, true);
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, [event.data.organizationId], event.data.joinedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(CircleMemberLeftV1.type)
  async left(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberLeftV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.change(ctx, event.consortiumid, event.data, event.data.leftAt, false);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  private async change(ctx: JetStreamContext, consortiumId: string, data: { circleId: string; memberId: string; organizationId: string }, at: string, joined: boolean): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO circle_membership_changes (consortium_id, circle_id, member_id, organization_id, at, joined) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [consortiumId, data.circleId, data.memberId, data.organizationId, at, joined],
    );
  }
}
