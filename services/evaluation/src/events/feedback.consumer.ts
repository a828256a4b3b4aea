import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CloudEventEnvelope, EventData, FeedbackSubmittedV1 } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { markStale } from '../indicators/stale-marks';
import { feedbackScores } from './feedback.sql';
import { rollups } from './rollups.sql';

/** Survey answers (no respondent, no free text; the respondent's organisation): averages per criterion for outcomes 1 and 4. */
@Controller()
export class FeedbackConsumer {
  @EventPattern(FeedbackSubmittedV1.type)
  submitted(@Payload() event: CloudEventEnvelope<EventData<typeof FeedbackSubmittedV1>>, @Ctx() ctx: JetStreamContext): void {
    const { responseId, organizationId, scores, submittedAt } = event.data;
    ctx.write(feedbackScores, ...scores.map((s) => ({ consortiumId: event.consortiumid, responseId, organizationId, questionKey: s.questionKey, criterion: s.criterion, score: s.score, submittedAt })));
    ctx.write(rollups, { consortiumId: event.consortiumid, organization: organizationId });
    markStale(ctx, event.consortiumid, event.id, ['outcome1', 'outcome4']);
  }
}
