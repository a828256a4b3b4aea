import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, FrameworkAdoptedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { saveAdoptedFramework } from '../framework/framework-dimensions.sql';

/**
 * Keeps the dimensions of each consortium's framework; the latest adoption wins whatever the arrival
 * order (of two adoptions of the same instant, the greater version, so that every order agrees).
 */
@Controller()
export class FrameworkAdoptedV1Consumer {
  @EventPattern(FrameworkAdoptedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof FrameworkAdoptedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await query(ctx.manager, saveAdoptedFramework, [event.consortiumid, event.data.frameworkVersion, JSON.stringify(event.data.dimensions), event.data.adoptedAt, JSON.stringify(event.data.stages ?? [])]);
  }
}
