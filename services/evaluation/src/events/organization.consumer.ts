import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, MemberJoinedV1, MemberUpdatedV1, OrganizationJoinedV1, OrganizationUpdatedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordOrganization } from './facts';
import { members } from './organization.sql';

/**
 * Organisations (the category decides the active-organisation indicator, the province and country
 * the representation) and members (their role is the expertise they bring to gatherings).
 */
@Controller()
export class OrganizationConsumer {
  @EventPattern(OrganizationJoinedV1.type)
  joined(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationJoinedV1>>, @Ctx() ctx: JetStreamContext): void {
    recordOrganization(ctx, event.consortiumid, event.data, event.data.joinedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Participants']);
  }

  @EventPattern(OrganizationUpdatedV1.type)
  updated(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationUpdatedV1>>, @Ctx() ctx: JetStreamContext): void {
    recordOrganization(ctx, event.consortiumid, event.data, event.data.updatedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Participants']);
  }

  @EventPattern(MemberJoinedV1.type)
  memberJoined(@Payload() event: CloudEventEnvelope<EventData<typeof MemberJoinedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(members, { consortiumId: event.consortiumid, memberId: event.data.memberId, role: event.data.role, at: event.data.joinedAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome2Participants']);
  }

  @EventPattern(MemberUpdatedV1.type)
  memberUpdated(@Payload() event: CloudEventEnvelope<EventData<typeof MemberUpdatedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(members, { consortiumId: event.consortiumid, memberId: event.data.memberId, role: event.data.role, at: event.data.updatedAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome2Participants']);
  }
}
