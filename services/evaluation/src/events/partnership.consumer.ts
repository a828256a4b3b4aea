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
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { recordActivity } from './facts';
import { collaborationRecords, partnershipOrganizations, partnerships, partnershipSteps } from './partnership.sql';

type PartnershipEvent = CloudEventEnvelope<{ partnershipId: string; organizationIds: string[] }>;

/**
 * Partnerships and what partners record of their collaboration (outcome 4). A partnership only
 * moves forward (proposed → in negotiation → confirmed → ended), so its status is the furthest
 * one seen: a redelivered or late event cannot move it back.
 */
@Controller()
export class PartnershipConsumer {
  @EventPattern(PartnershipProposedV1.type)
  proposed(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipProposedV1>>, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'proposed', event.data.proposedAt);
  }

  @EventPattern(PartnershipNegotiationStartedV1.type)
  negotiating(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipNegotiationStartedV1>>, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'in-negotiation', event.data.negotiationStartedAt);
  }

  @EventPattern(PartnershipConfirmedV1.type)
  confirmed(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipConfirmedV1>>, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'confirmed', event.data.confirmedAt);
  }

  @EventPattern(PartnershipEndedV1.type)
  ended(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipEndedV1>>, @Ctx() ctx: JetStreamContext): void {
    advance(event, ctx, 'ended', event.data.endedAt);
  }

  @EventPattern(PartnershipCollaborationRecordedV1.type)
  collaborationRecorded(@Payload() event: CloudEventEnvelope<EventData<typeof PartnershipCollaborationRecordedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { recordId, partnershipId, kind, occurredOn, organizationIds, recordedAt } = event.data;
    ctx.write(collaborationRecords, { consortiumId: event.consortiumid, recordId, partnershipId, kind, occurredOn });
    recordActivity(ctx, event.consortiumid, organizationIds, recordedAt);
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome4']);
  }
}

function advance(event: PartnershipEvent, ctx: JetStreamContext, status: string, at: string): void {
  ctx.write(partnerships, { consortiumId: event.consortiumid, partnershipId: event.data.partnershipId, status });
  ctx.write(partnershipSteps, { consortiumId: event.consortiumid, partnershipId: event.data.partnershipId, status, at });
  ctx.write(partnershipOrganizations, ...[...new Set(event.data.organizationIds)].map((organizationId) => ({ consortiumId: event.consortiumid, partnershipId: event.data.partnershipId, organizationId })));
  markStale(ctx, event.consortiumid, event.id, ['outcome4']);
}
