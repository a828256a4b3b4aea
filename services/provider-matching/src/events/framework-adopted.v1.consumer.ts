import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, FrameworkAdoptedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';

/**
 * Keeps the dimensions of each consortium's framework; the latest adoption wins whatever the arrival
 * order (of two adoptions of the same instant, the greater version, so that every order agrees).
 */
@Controller()
export class FrameworkAdoptedV1Consumer {
  @EventPattern(FrameworkAdoptedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof FrameworkAdoptedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO consortium_frameworks (consortium_id, framework_version, dimensions, adopted_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (consortium_id) DO UPDATE SET framework_version = excluded.framework_version, dimensions = excluded.dimensions, adopted_at = excluded.adopted_at
         WHERE (consortium_frameworks.adopted_at, consortium_frameworks.framework_version) < (excluded.adopted_at, excluded.framework_version)`,
      [event.consortiumid, event.data.frameworkVersion, JSON.stringify(event.data.dimensions), event.data.adoptedAt],
    );
  }
}
