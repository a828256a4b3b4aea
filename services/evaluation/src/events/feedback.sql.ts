import { BatchWrite } from '@ccndr/messaging';

export const feedbackScores: BatchWrite<{ consortiumId: string; responseId: string; questionKey: string; criterion: string | null; score: number }> = {
  statement: `INSERT INTO feedback_scores (consortium_id, response_id, question_key, criterion, score)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'responseId', 'questionKey', 'criterion', 'score'],
};
