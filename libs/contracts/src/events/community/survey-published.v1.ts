import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { feedbackCriterion, timestamp } from '../../vocabulary';

/** A feedback survey opened, for a gathering or for the consortium. Question wording stays in the service. */
export const SurveyPublishedV1 = defineEvent(
  'community',
  'survey',
  'published',
  1,
  z.object({
    surveyId: z.uuid(),
    gatheringId: z.uuid().nullable(),
    questions: z.array(z.object({ key: z.string().min(1), kind: z.enum(['scale', 'text']), criterion: feedbackCriterion.nullable() })).min(1),
    publishedAt: timestamp,
  }),
  (data) => `survey/${data.surveyId}`,
);
