import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, PeriodClosedV1, PeriodRestatedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { closedPeriods, periodRestatements } from './period.sql';

/**
 * Evaluation's own closed periods and restatements, stored from their events: the service wrote
 * them when it published them; a rebuild from the stream restores them as they were.
 */
@Controller()
export class PeriodConsumer {
  @EventPattern(PeriodClosedV1.type)
  closed(@Payload() event: CloudEventEnvelope<EventData<typeof PeriodClosedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { periodId, from, to, closedAt, indicators } = event.data;
    ctx.write(closedPeriods, { consortiumId: event.consortiumid, periodId, from, to, closedAt, indicators: JSON.stringify(indicators) });
  }

  @EventPattern(PeriodRestatedV1.type)
  restated(@Payload() event: CloudEventEnvelope<EventData<typeof PeriodRestatedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { restatementId, periodId, reason, restatedAt, indicators } = event.data;
    ctx.write(periodRestatements, { consortiumId: event.consortiumid, restatementId, periodId, reason, restatedAt, indicators: JSON.stringify(indicators) });
  }
}
