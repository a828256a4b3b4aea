import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, MemberJoinedV1, MemberUpdatedV1, OrganizationJoinedV1, OrganizationUpdatedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/**
 * Organisations (the category decides the active-organisation indicator, the province and country
 * the representation) and members (their role is the expertise they bring to gatherings).
 */
@Controller()
export class OrganizationConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(OrganizationJoinedV1.type)
  async joined(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationJoinedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordOrganization(ctx.manager, event.consortiumid, event.data, event.data.joinedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(OrganizationUpdatedV1.type)
  async updated(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationUpdatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.indicators.recordOrganization(ctx.manager, event.consortiumid, event.data, event.data.updatedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(MemberJoinedV1.type)
  async memberJoined(@Payload() event: CloudEventEnvelope<EventData<typeof MemberJoinedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.recordMember(ctx, event.consortiumid, event.data.memberId, event.data.role, event.data.joinedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(MemberUpdatedV1.type)
  async memberUpdated(@Payload() event: CloudEventEnvelope<EventData<typeof MemberUpdatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.recordMember(ctx, event.consortiumid, event.data.memberId, event.data.role, event.data.updatedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** The latest role wins, whatever the arrival order. */
  private async recordMember(ctx: JetStreamContext, consortiumId: string, memberId: string, role: string, at: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO members (consortium_id, member_id, role, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (consortium_id, member_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at WHERE members.updated_at <= excluded.updated_at`,
      [consortiumId, memberId, role, at],
    );
  }
}
