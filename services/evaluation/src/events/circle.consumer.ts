import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CircleCreatedV1, CircleMemberJoinedV1, CircleMemberLeftV1, CloudEventEnvelope, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';
import { circles, membershipChanges } from './circle.sql';
import { rollups } from './rollups.sql';

/** Working groups and who is active in them (co-design, outcome 2); joining makes the organisation active (outcome 1). */
@Controller()
export class CircleConsumer {
  @EventPattern(CircleCreatedV1.type)
  created(@Payload() event: CloudEventEnvelope<EventData<typeof CircleCreatedV1>>, @Ctx() ctx: JetStreamContext): void {
    ctx.write(circles, { consortiumId: event.consortiumid, circleId: event.data.circleId, prototype: event.data.prototype });
    markStale(ctx, event.consortiumid, event.id, ['outcome2WorkingGroups']);
  }

  @EventPattern(CircleMemberJoinedV1.type)
  joined(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberJoinedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { circleId, memberId, organizationId, joinedAt } = event.data;
    ctx.write(membershipChanges, { consortiumId: event.consortiumid, circleId, memberId, organizationId, at: joinedAt, joined: true });
    ctx.write(rollups, { consortiumId: event.consortiumid, circleId, memberId });
    recordActivity(ctx, event.consortiumid, [organizationId], joinedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2WorkingGroups']);
  }

  @EventPattern(CircleMemberLeftV1.type)
  left(@Payload() event: CloudEventEnvelope<EventData<typeof CircleMemberLeftV1>>, @Ctx() ctx: JetStreamContext): void {
    const { circleId, memberId, organizationId, leftAt } = event.data;
    ctx.write(membershipChanges, { consortiumId: event.consortiumid, circleId, memberId, organizationId, at: leftAt, joined: false });
    ctx.write(rollups, { consortiumId: event.consortiumid, circleId, memberId });
    markStale(ctx, event.consortiumid, event.id, ['outcome2WorkingGroups']);
  }
}
