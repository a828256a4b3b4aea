import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  EventData,
  GatheringAttendanceRecordedV1,
  GatheringAttendanceWithdrawnV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringReminderSentV1,
  GatheringRepresentationSnapshotV1,
  GatheringRescheduledV1,
  GatheringScheduledV1,
} from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { attendanceChanges, cancellations, registrations, reminders, schedulings, snapshots } from './gathering.sql';
import { rollups } from './rollups.sql';

/** Gatherings, registrations, reminders, attendance and each gathering's representation snapshot. */
@Controller()
export class GatheringConsumer {
  @EventPattern(GatheringScheduledV1.type)
  scheduled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringScheduledV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, kind, startsAt, scheduledAt } = event.data;
    ctx.write(schedulings, { consortiumId: event.consortiumid, gatheringId, kind, startsAt, at: scheduledAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Attendance']);
  }

  @EventPattern(GatheringRescheduledV1.type)
  rescheduled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRescheduledV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, kind, startsAt, rescheduledAt } = event.data;
    ctx.write(schedulings, { consortiumId: event.consortiumid, gatheringId, kind, startsAt, at: rescheduledAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Attendance']);
  }

  @EventPattern(GatheringCancelledV1.type)
  cancelled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringCancelledV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, kind, cancelledAt } = event.data;
    ctx.write(cancellations, { consortiumId: event.consortiumid, gatheringId, kind, at: cancelledAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome2Attendance']);
  }

  @EventPattern(GatheringRegistrationChangedV1.type)
  registration(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRegistrationChangedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, memberId, response, changedAt } = event.data;
    ctx.write(registrations, { consortiumId: event.consortiumid, gatheringId, memberId, response, changedAt });
    ctx.write(rollups, { consortiumId: event.consortiumid, gatheringId });
    markStale(ctx, event.consortiumid, event.id, ['outcome2Attendance']);
  }

  /** Reminded or not: attendance of those registered is compared between the two (outcome 2). */
  @EventPattern(GatheringReminderSentV1.type)
  reminderSent(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringReminderSentV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, memberId, sentAt } = event.data;
    ctx.write(reminders, { consortiumId: event.consortiumid, gatheringId, memberId, sentAt });
    ctx.write(rollups, { consortiumId: event.consortiumid, gatheringId });
    markStale(ctx, event.consortiumid, event.id, ['outcome2Attendance']);
  }

  /**
   * Attendance counts towards meeting participants and makes each attendee's organisation active
   * (outcome 1 reads present attendance with the other activities, so a withdrawal undoes it).
   */
  @EventPattern(GatheringAttendanceRecordedV1.type)
  attendance(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringAttendanceRecordedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, gatheringKind, attendees, recordedAt } = event.data;
    ctx.write(attendanceChanges, ...attendees.map((a) => ({ consortiumId: event.consortiumid, gatheringId, memberId: a.memberId, organizationId: a.organizationId, kind: gatheringKind, present: true, at: recordedAt })));
    ctx.write(rollups, { consortiumId: event.consortiumid, gatheringId }, ...attendees.map((a) => ({ consortiumId: event.consortiumid, memberId: a.memberId })));
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Attendance', 'outcome2Participants']);
  }

  /** A withdrawn person no longer counts in any indicator of attendance. */
  @EventPattern(GatheringAttendanceWithdrawnV1.type)
  withdrawal(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringAttendanceWithdrawnV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, gatheringKind, attendees, withdrawnAt } = event.data;
    ctx.write(attendanceChanges, ...attendees.map((a) => ({ consortiumId: event.consortiumid, gatheringId, memberId: a.memberId, organizationId: a.organizationId, kind: gatheringKind, present: false, at: withdrawnAt })));
    ctx.write(rollups, { consortiumId: event.consortiumid, gatheringId }, ...attendees.map((a) => ({ consortiumId: event.consortiumid, memberId: a.memberId })));
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome2Attendance', 'outcome2Participants']);
  }

  /** Already suppressed by community (counts under its threshold are null). */
  @EventPattern(GatheringRepresentationSnapshotV1.type)
  representation(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRepresentationSnapshotV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, attendees, selfIdentified, ageBands, identityGroups, takenAt } = event.data;
    ctx.write(snapshots, { consortiumId: event.consortiumid, gatheringId, attendees, selfIdentified, ageBands: JSON.stringify(ageBands), identityGroups: JSON.stringify(identityGroups), takenAt });
    markStale(ctx, event.consortiumid, event.id, ['outcome2SelfIdentification']);
  }
}
