import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, ConsortiumCreatedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** A consortium exists from its creation: its indicators start at zero. */
@Controller()
export class ConsortiumConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(ConsortiumCreatedV1.type)
  async created(@Payload() event: CloudEventEnvelope<EventData<typeof ConsortiumCreatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`INSERT INTO consortia (consortium_id, default_language, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      event.data.consortiumId,
      event.data.defaultLanguage,
      event.data.createdAt,
    ]);
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }
}
