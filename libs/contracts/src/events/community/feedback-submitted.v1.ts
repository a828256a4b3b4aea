import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { feedbackCriterion, scaleScore, timestamp } from '../../vocabulary';

/**
 * Someone answered a survey. Only the 1–5 scores leave the service, with the respondent's
 * organisation; who answered and any free text stay in it.
 */
export const FeedbackSubmittedV1 = defineEvent(
  'community',
  'feedback',
  'submitted',
  1,
  z.object({
    responseId: z.uuid(),
    surveyId: z.uuid(),
    gatheringId: z.uuid().nullable(),
    organizationId: z.uuid(),
    scores: z.array(z.object({ questionKey: z.string().min(1), criterion: feedbackCriterion.nullable(), score: scaleScore })),
    submittedAt: timestamp,
  }),
  (data) => `survey/${data.surveyId}`,
);
