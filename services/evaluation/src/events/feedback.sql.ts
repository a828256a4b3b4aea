import { BatchWrite } from '@ccndr/messaging';

export const feedbackScores: BatchWrite<{ consortiumId: string; responseId: string; organizationId: string; questionKey: string; criterion: string | null; score: number; submittedAt: string }> = {
  statement: `INSERT INTO feedback_scores (consortium_id, response_id, organization_id, question_key, criterion, score, submitted_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::timestamptz[]) ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'responseId', 'organizationId', 'questionKey', 'criterion', 'score', 'submittedAt'],
};
