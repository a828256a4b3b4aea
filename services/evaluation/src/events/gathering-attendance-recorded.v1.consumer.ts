import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, GatheringAttendanceRecordedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Attendance counts towards meeting participants and makes each attendee's organisation active. */
@Controller()
export class GatheringAttendanceRecordedV1Consumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(GatheringAttendanceRecordedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringAttendanceRecordedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { gatheringId, gatheringKind, attendees, recordedAt } = event.data;
    await ctx.manager.query(
      `INSERT INTO attendance (consortium_id, gathering_id, member_id, gathering_kind)
       SELECT $1, $2, unnest($3::uuid[]), $4 ON CONFLICT DO NOTHING`,
      [event.consortiumid, gatheringId, attendees.map((a) => a.memberId), gatheringKind],
    );
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, attendees.map((a) => a.organizationId), recordedAt);
    await this.indicators.refresh(ctx.manager, event.consortiumid, event.id);
  }
}
