import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, FeedbackSubmittedV1 } from '@ccndr/contracts';
import { BatchWrite, JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';

const feedbackScores: BatchWrite<{ consortiumId: string; responseId: string; questionKey: string; criterion: string | null; score: number }> = {
  statement: `INSERT INTO feedback_scores (consortium_id, response_id, question_key, criterion, score)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'responseId', 'questionKey', 'criterion', 'score'],
};

/** Survey answers (no respondent, no free text): averages per criterion for outcomes 1 and 4. */
@Controller()
export class FeedbackConsumer {
  @EventPattern(FeedbackSubmittedV1.type)
  submitted(@Payload() event: CloudEventEnvelope<EventData<typeof FeedbackSubmittedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { responseId, scores } = event.data;
    ctx.write(feedbackScores, ...scores.map((s) => ({ consortiumId: event.consortiumid, responseId, questionKey: s.questionKey, criterion: s.criterion, score: s.score })));
    markStale(ctx, event.consortiumid, event.id);
  }
}
