import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CircleCreatedV1, CircleMemberJoinedV1, CircleMemberLeftV1, CloudEventEnvelope, EventData } from '@ccndr/contracts';
import { BatchWrite, JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';

const circles: BatchWrite<{ consortiumId: string; circleId: string; prototype: number | null }> = {
  statement: `INSERT INTO circles (consortium_id, circle_id, prototype) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'circleId', 'prototype'],
};

/** Joins and leaves as they happened: membership at any time is the latest of them. */
const membershipChanges: BatchWrite<{ consortiumId: string; circleId: string; memberId: string; organizationId: string; at: string; joined: boolean }> = {
  statement: `INSERT INTO circle_membership_changes (consortium_id, circle_id, member_id, organization_id, at, joined)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::boolean[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'circleId', 'memberId', 'organizationId', 'at', 'joined'],
};

/** Working groups and who is active in them (co-design, outcome 2); joining makes the organisation active (outcome 1). */
@Controller()
export class CircleConsumer {
  @EventPattern(CircleCreatedV1.type)
  created(@Payload() event: CloudEventEnvelope<EventData<typeof CircleCreatedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(circles, { consortiumId: event.consortiumid, circleId: event.data.circleId, prototype: event.data.prototype });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(CircleMemberJoinedV1.type)
  joined(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberJoinedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { circleId, memberId, organizationId, joinedAt } = event.data;
    ctx.write(membershipChanges, { consortiumId: event.consortiumid, circleId, memberId, organizationId, at: joinedAt, joined: true });
    recordActivity(ctx, event.consortiumid, [organizationId], joinedAt);
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(CircleMemberLeftV1.type)
  left(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberLeftV1>>, @Ctx() ctx: JetStreamContext): void {
    const { circleId, memberId, organizationId, leftAt } = event.data;
    ctx.write(membershipChanges, { consortiumId: event.consortiumid, circleId, memberId, organizationId, at: leftAt, joined: false });
    markStale(ctx, event.consortiumid, event.id);
  }
}
