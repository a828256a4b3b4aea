import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { CloudEventEnvelope, EventData, ReadinessGapsIdentifiedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { MatchingService } from '../matching/matching.service';
import { saveGapNeed } from '../needs/needs.sql';

/**
 * Each readiness gap becomes a draft need that the nonprofit confirms (adding description, budget,
 * time frame and the staff time it commits). A live need for the same dimension is refreshed, unless
 * it already reflects gaps identified later; a need closed after later gaps is not opened again (the
 * gaps of an older assessment applied late change nothing). Each draft gets its suggestions at once:
 * most nonprofits cannot name a project until they see who could help.
 */
@Controller()
export class ReadinessGapsIdentifiedV1Consumer {
  constructor(private readonly matching: MatchingService) {}

  @EventPattern(ReadinessGapsIdentifiedV1.type)
  async handle(@Payload() event: CloudEventEnvelope<EventData<typeof ReadinessGapsIdentifiedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    for (const gap of event.data.gaps) {
      const [need] = await query(ctx.manager, saveGapNeed, [
        randomUUID(),
        event.consortiumid,
        event.data.organizationId,
        event.data.assessmentId,
        gap.dimension,
        gap.currentStage,
        gap.targetStage,
        gap.priority,
        event.data.identifiedAt,
      ]);
      // Not refreshed (or a need closed since newer gaps): its suggestions stand as the newer gaps left them.
      if (need) await this.matching.suggest(ctx.manager, event.consortiumid, need.id, new Date(event.data.identifiedAt));
    }
  }
}
