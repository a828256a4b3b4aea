import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, MemberJoinedV1, MemberUpdatedV1, OrganizationJoinedV1, OrganizationUpdatedV1 } from '@ccndr/contracts';
import { BatchWrite, JetStreamContext, latestBy } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordOrganization } from './facts';

/** The latest role wins, whatever the arrival order. */
const members: BatchWrite<{ consortiumId: string; memberId: string; role: string; at: string }> = {
  statement: `INSERT INTO members (consortium_id, member_id, role, updated_at) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
    ON CONFLICT (consortium_id, member_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at WHERE members.updated_at <= excluded.updated_at`,
  columns: ['consortiumId', 'memberId', 'role', 'at'],
  merge: { key: (r) => `${r.consortiumId}:${r.memberId}`, keep: latestBy('at', 'later') },
};

/**
 * Organisations (the category decides the active-organisation indicator, the province and country
 * the representation) and members (their role is the expertise they bring to gatherings).
 */
@Controller()
export class OrganizationConsumer {
  @EventPattern(OrganizationJoinedV1.type)
  joined(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationJoinedV1>>, @Ctx() ctx: JetStreamContext): void {
    recordOrganization(ctx, event.consortiumid, event.data, event.data.joinedAt);
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(OrganizationUpdatedV1.type)
  updated(@Payload() event: CloudEventEnvelope<EventData<typeof OrganizationUpdatedV1>>, @Ctx() ctx: JetStreamContext): void {
    recordOrganization(ctx, event.consortiumid, event.data, event.data.updatedAt);
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(MemberJoinedV1.type)
  memberJoined(@Payload() event: CloudEventEnvelope<EventData<typeof MemberJoinedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(members, { consortiumId: event.consortiumid, memberId: event.data.memberId, role: event.data.role, at: event.data.joinedAt });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(MemberUpdatedV1.type)
  memberUpdated(@Payload() event: CloudEventEnvelope<EventData<typeof MemberUpdatedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(members, { consortiumId: event.consortiumid, memberId: event.data.memberId, role: event.data.role, at: event.data.updatedAt });
    markStale(ctx, event.consortiumid, event.id);
  }
}
