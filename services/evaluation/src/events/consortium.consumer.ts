import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, ConsortiumCreatedV1, EventData } from '@ccndr/contracts';
import { BatchWrite, JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';

const consortia: BatchWrite<{ consortiumId: string; defaultLanguage: string; createdAt: string }> = {
  statement: `INSERT INTO consortia (consortium_id, default_language, created_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'defaultLanguage', 'createdAt'],
};

/** A consortium exists from its creation: its indicators start at zero. */
@Controller()
export class ConsortiumConsumer {
  @EventPattern(ConsortiumCreatedV1.type)
  created(@Payload() event: CloudEventEnvelope<EventData<typeof ConsortiumCreatedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { consortiumId, defaultLanguage, createdAt } = event.data;
    ctx.write(consortia, { consortiumId, defaultLanguage, createdAt });
    markStale(ctx, event.consortiumid, event.id);
  }
}
