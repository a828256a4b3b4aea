import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, FeedbackSubmittedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { IndicatorsService } from '../indicators/indicators.service';

/** Survey answers (no respondent, no free text): averages per criterion for outcomes 1 and 4. */
@Controller()
export class FeedbackConsumer {
  constructor(private readonly indicators: IndicatorsService) {}

  @EventPattern(FeedbackSubmittedV1.type)
  async submitted(@Payload() event: CloudEventEnvelope<EventData<typeof FeedbackSubmittedV1>>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { responseId, scores } = event.data;
    await ctx.manager.query(
      `INSERT INTO feedback_scores (consortium_id, response_id, question_key, criterion, score)
       SELECT $1, $2, s.question_key, s.criterion, s.score FROM unnest($3::text[], $4::text[], $5::int[]) AS s(question_key, criterion, score) ON CONFLICT DO NOTHING`,
      [event.consortiumid, responseId, scores.map((s) => s.questionKey), scores.map((s) => s.criterion), scores.map((s) => s.score)],
    );
    this.indicators.refreshAtCommit(ctx, event.consortiumid, event.id);
  }
}
