import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CloudEventEnvelope,
  EventData,
  PartnershipCollaborationRecordedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { BatchWrite, JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';

type PartnershipEvent = CloudEventEnvelope<{ partnershipId: string; organizationIds: string[] }>;

/** A partnership's statuses in the order it goes through them. */
const statusOrder = ['proposed', 'in-negotiation', 'confirmed', 'ended'];
const statusRank = (status: string) => statusOrder.indexOf(status);
const statusArray = `ARRAY[${statusOrder.map((status) => `'${status}'`).join(', ')}]`;

/** A partnership's furthest status. */
const partnerships: BatchWrite<{ consortiumId: string; partnershipId: string; status: string }> = {
  statement: `INSERT INTO partnerships (consortium_id, partnership_id, status) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
    ON CONFLICT (consortium_id, partnership_id) DO UPDATE SET status = excluded.status
      WHERE array_position(${statusArray}, excluded.status) > array_position(${statusArray}, partnerships.status)`,
  columns: ['consortiumId', 'partnershipId', 'status'],
  merge: { key: (r) => `${r.consortiumId}:${r.partnershipId}`, keep: (earlier, later) => (statusRank(later.status) > statusRank(earlier.status) ? later : earlier) },
};

const collaborationRecords: BatchWrite<{ consortiumId: string; recordId: string; partnershipId: string; kind: string; occurredOn: string }> = {
  statement: `INSERT INTO collaboration_records (consortium_id, record_id, partnership_id, kind, occurred_on)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'recordId', 'partnershipId', 'kind', 'occurredOn'],
};

/**
 * Partnerships and what partners record of their collaboration (outcome 4). A partnership only
 * moves forward (proposed → in negotiation → confirmed → ended), so its status is the furthest
 * one seen: a redelivered or late event cannot move it back.
 */
@Controller()
export class PartnershipConsumer {
  @EventPattern(PartnershipProposedV1.type)
  proposed(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'proposed');
  }

  @EventPattern(PartnershipNegotiationStartedV1.type)
  negotiating(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'in-negotiation');
  }

  @EventPattern(PartnershipConfirmedV1.type)
  confirmed(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'confirmed');
  }

  @EventPattern(PartnershipEndedV1.type)
  ended(@Payload() event: PartnershipEvent, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'ended');
  }

  @EventPattern(PartnershipCollaborationRecordedV1.type)
  collaborationRecorded(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipCollaborationRecordedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { recordId, partnershipId, kind, occurredOn, organizationIds, recordedAt } = event.data;
    ctx.write(collaborationRecords, { consortiumId: event.consortiumid, recordId, partnershipId, kind, occurredOn });
    recordActivity(ctx, event.consortiumid, organizationIds, recordedAt);
    markStale(ctx, event.consortiumid, event.id);
  }
}

function advance(event: PartnershipEvent, ctx: JetStreamContext, status: string): void {
  ctx.write(partnerships, { consortiumId: event.consortiumid, partnershipId: event.data.partnershipId, status });
  markStale(ctx, event.consortiumid, event.id);
}
