import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** One respondent submitted their answers (the answers stay in the service). */
export const AssessmentSubmittedV1 = defineEvent(
  'assessments',
  'assessment',
  'submitted',
  1,
  z.object({
    assessmentId: z.uuid(),
    organizationId: z.uuid(),
    memberId: z.uuid(),
    submittedAt: timestamp,
    remainingRespondents: z.number().int().min(0),
  }),
  (data) => `assessment/${data.assessmentId}`,
);
