import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, ConsortiumCreatedV1, EventData } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';

/** Learns which consortia exist, so that their routes answer and others 404. */
@Controller()
export class ConsortiumCreatedV1Consumer {
  @EventPattern(ConsortiumCreatedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof ConsortiumCreatedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(`INSERT INTO consortia (consortium_id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.data.consortiumId, event.data.createdAt]);
  }
}
