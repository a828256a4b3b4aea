import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, ConsortiumCreatedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { sectionNames } from '../indicators/sections';
import { markStale } from '../indicators/stale-marks';
import { consortia } from './consortium.sql';

/** A consortium exists from its creation: its indicators start at zero; its name heads its report. */
@Controller()
export class ConsortiumConsumer {
  @EventPattern(ConsortiumCreatedV1.type)
  created(@Payload() event: CloudEventEnvelope<EventData<typeof ConsortiumCreatedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { consortiumId, defaultLanguage, createdAt, name } = event.data;
    ctx.write(consortia, { consortiumId, defaultLanguage, createdAt, nameFr: name?.fr ?? null, nameEn: name?.en ?? null });
    markStale(ctx, event.consortiumid, event.id, sectionNames);
  }
}
