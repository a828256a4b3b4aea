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
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Gatherings, registrations, attendance and each gathering's representation snapshot. */
@Controller()
export class GatheringConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(GatheringScheduledV1.type)
  async scheduled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringScheduledV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsertGathering(ctx, event.consortiumid, event.data.gatheringId, event.data.kind, event.data.startsAt, event.data.scheduledAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(GatheringRescheduledV1.type)
  async rescheduled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRescheduledV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsertGathering(ctx, event.consortiumid, event.data.gatheringId, event.data.kind, event.data.startsAt, event.data.rescheduledAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(GatheringCancelledV1.type)
  async cancelled(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringCancelledV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    // A cancellation that arrives before the scheduling still wins: the row is kept, cancelled.
    await ctx.manager.query(
      `INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at) VALUES ($1, $2, $3, $4, true, $4)
       ON CONFLICT (consortium_id, gathering_id) DO UPDATE SET cancelled = true`,
      [event.consortiumid, event.data.gatheringId, event.data.kind, event.data.cancelledAt],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  @EventPattern(GatheringRegistrationChangedV1.type)
  async registration(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRegistrationChangedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO registrations (consortium_id, gathering_id, member_id, response, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consortium_id, gathering_id, member_id) DO UPDATE SET response = excluded.response, changed_at = excluded.changed_at
         WHERE registrations.changed_at < excluded.changed_at`,
      [event.consortiumid, event.data.gatheringId, event.data.memberId, event.data.response, event.data.changedAt],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** Attendance counts towards meeting participants and makes each attendee's organisation active. */
  @EventPattern(GatheringAttendanceRecordedV1.type)
  async attendance(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringAttendanceRecordedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { gatheringId, gatheringKind, attendees, recordedAt } = event.data;
    await ctx.manager.query(
      `INSERT INTO attendance (consortium_id, gathering_id, member_id, organization_id, gathering_kind)
       SELECT $1, $2, a.member_id, a.organization_id, $5 FROM unnest($3::uuid[], $4::uuid[]) AS a(member_id, organization_id) ON CONFLICT DO NOTHING`,
      [event.consortiumid, gatheringId, attendees.map((a) => a.memberId), attendees.map((a) => a.organizationId), gatheringKind],
    );
    await this.indicators.recordActivity(ctx.manager, event.consortiumid, attendees.map((a) => a.organizationId), recordedAt);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** Already suppressed by community (counts under its threshold are null); the latest snapshot of a gathering wins. */
  @EventPattern(GatheringRepresentationSnapshotV1.type)
  async representation(@Payload() event: CloudEventEnvelope<EventData<typeof GatheringRepresentationSnapshotV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { gatheringId, attendees, selfIdentified, ageBands, identityGroups, takenAt } = event.data;
    await ctx.manager.query(
      `INSERT INTO representation_snapshots (consortium_id, gathering_id, attendees, self_identified, age_bands, identity_groups, taken_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (consortium_id, gathering_id) DO UPDATE
         SET attendees = excluded.attendees, self_identified = excluded.self_identified, age_bands = excluded.age_bands, identity_groups = excluded.identity_groups, taken_at = excluded.taken_at
         WHERE representation_snapshots.taken_at < excluded.taken_at`,
      [event.consortiumid, gatheringId, attendees, selfIdentified, JSON.stringify(ageBands), JSON.stringify(identityGroups), takenAt],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }

  /** The latest scheduling wins; a cancelled gathering stays cancelled. */
  private async upsertGathering(ctx: JetStreamContext, consortiumId: string, gatheringId: string, kind: string, startsAt: string, at: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at) VALUES ($1, $2, $3, $4, false, $5)
       ON CONFLICT (consortium_id, gathering_id) DO UPDATE SET kind = excluded.kind, starts_at = excluded.starts_at, changed_at = excluded.changed_at
         WHERE gatherings.changed_at < excluded.changed_at AND NOT gatherings.cancelled`,
      [consortiumId, gatheringId, kind, startsAt, at],
    );
  }
}
