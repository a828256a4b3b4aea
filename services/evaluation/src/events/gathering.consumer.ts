import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  EventData,
  GatheringAttendanceRecordedV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringRepresentationSnapshotV1,
  GatheringRescheduledV1,
  GatheringScheduledV1,
} from '@ccndr/contracts';
import { BatchWrite, JetStreamContext, latestBy } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';

type GatheringRow = { consortiumId: string; gatheringId: string; kind: string; startsAt: string; at: string };
const byGathering = (r: { consortiumId: string; gatheringId: string }) => `${r.consortiumId}:${r.gatheringId}`;

/** The latest scheduling wins; a cancelled gathering stays cancelled. */
const schedulings: BatchWrite<GatheringRow> = {
  statement: `INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at)
    SELECT c, g, k, s, false, a FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS r(c, g, k, s, a)
    ON CONFLICT (consortium_id, gathering_id) DO UPDATE SET kind = excluded.kind, starts_at = excluded.starts_at, changed_at = excluded.changed_at
      WHERE gatherings.changed_at < excluded.changed_at AND NOT gatherings.cancelled`,
  columns: ['consortiumId', 'gatheringId', 'kind', 'startsAt', 'at'],
  merge: { key: byGathering, keep: latestBy('at', 'earlier') },
};

/** A cancellation that arrives before the scheduling still wins: the row is kept, cancelled. */
const cancellations: BatchWrite<Omit<GatheringRow, 'startsAt'>> = {
  statement: `INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at)
    SELECT c, g, k, a, true, a FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS r(c, g, k, a)
    ON CONFLICT (consortium_id, gathering_id) DO UPDATE SET cancelled = true`,
  columns: ['consortiumId', 'gatheringId', 'kind', 'at'],
  // The first inserts the row if need be; the others would only cancel it again.
  merge: { key: byGathering, keep: (earlier) => earlier },
};

/** The latest answer of a member wins. */
const registrations: BatchWrite<{ consortiumId: string; gatheringId: string; memberId: string; response: string; changedAt: string }> = {
  statement: `INSERT INTO registrations (consortium_id, gathering_id, member_id, response, changed_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
    ON CONFLICT (consortium_id, gathering_id, member_id) DO UPDATE SET response = excluded.response, changed_at = excluded.changed_at
      WHERE registrations.changed_at < excluded.changed_at`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'response', 'changedAt'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}`, keep: latestBy('changedAt', 'earlier') },
};

const attendanceRecords: BatchWrite<{ consortiumId: string; gatheringId: string; memberId: string; organizationId: string; kind: string }> = {
  statement: `INSERT INTO attendance (consortium_id, gathering_id, member_id, organization_id, gathering_kind)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'organizationId', 'kind'],
};

/** The latest snapshot of a gathering wins. */
const snapshots: BatchWrite<{ consortiumId: string; gatheringId: string; attendees: number; selfIdentified: number | null; ageBands: string; identityGroups: string; takenAt: string }> = {
  statement: `INSERT INTO representation_snapshots (consortium_id, gathering_id, attendees, self_identified, age_bands, identity_groups, taken_at)
    SELECT c, g, n, s, a::jsonb, i::jsonb, t FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[], $7::timestamptz[]) AS r(c, g, n, s, a, i, t)
    ON CONFLICT (consortium_id, gathering_id) DO UPDATE
      SET attendees = excluded.attendees, self_identified = excluded.self_identified, age_bands = excluded.age_bands, identity_groups = excluded.identity_groups, taken_at = excluded.taken_at
      WHERE representation_snapshots.taken_at < excluded.taken_at`,
  columns: ['consortiumId', 'gatheringId', 'attendees', 'selfIdentified', 'ageBands', 'identityGroups', 'takenAt'],
  merge: { key: byGathering, keep: latestBy('takenAt', 'earlier') },
};

/** Gatherings, registrations, attendance and each gathering's representation snapshot. */
@Controller()
export class GatheringConsumer {
  @EventPattern(GatheringScheduledV1.type)
  scheduled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringScheduledV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, kind, startsAt, scheduledAt } = event.data;
    ctx.write(schedulings, { consortiumId: event.consortiumid, gatheringId, kind, startsAt, at: scheduledAt });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(GatheringRescheduledV1.type)
  rescheduled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRescheduledV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, kind, startsAt, rescheduledAt } = event.data;
    ctx.write(schedulings, { consortiumId: event.consortiumid, gatheringId, kind, startsAt, at: rescheduledAt });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(GatheringCancelledV1.type)
  cancelled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringCancelledV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, kind, cancelledAt } = event.data;
    ctx.write(cancellations, { consortiumId: event.consortiumid, gatheringId, kind, at: cancelledAt });
    markStale(ctx, event.consortiumid, event.id);
  }

  @EventPattern(GatheringRegistrationChangedV1.type)
  registration(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRegistrationChangedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, memberId, response, changedAt } = event.data;
    ctx.write(registrations, { consortiumId: event.consortiumid, gatheringId, memberId, response, changedAt });
    markStale(ctx, event.consortiumid, event.id);
  }

  /** Attendance counts towards meeting participants and makes each attendee's organisation active. */
  @EventPattern(GatheringAttendanceRecordedV1.type)
  attendance(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringAttendanceRecordedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, gatheringKind, attendees, recordedAt } = event.data;
    ctx.write(attendanceRecords, ...attendees.map((a) => ({ consortiumId: event.consortiumid, gatheringId, memberId: a.memberId, organizationId: a.organizationId, kind: gatheringKind })));
    recordActivity(ctx, event.consortiumid, attendees.map((a) => a.organizationId), recordedAt);
    markStale(ctx, event.consortiumid, event.id);
  }

  /** Already suppressed by community (counts under its threshold are null). */
  @EventPattern(GatheringRepresentationSnapshotV1.type)
  representation(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRepresentationSnapshotV1>>, @Ctx() ctx: JetStreamContext): void {
    const { gatheringId, attendees, selfIdentified, ageBands, identityGroups, takenAt } = event.data;
    ctx.write(snapshots, { consortiumId: event.consortiumid, gatheringId, attendees, selfIdentified, ageBands: JSON.stringify(ageBands), identityGroups: JSON.stringify(identityGroups), takenAt });
    markStale(ctx, event.consortiumid, event.id);
  }
}
