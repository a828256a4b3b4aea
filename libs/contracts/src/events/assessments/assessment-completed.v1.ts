import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';

const stage = z.number().int().min(1).max(5);
const score = z.number().min(0).max(100);

/** Every respondent submitted: the organisation's maturity profile per dimension and overall. */
export const AssessmentCompletedV1 = defineEvent(
  'assessments',
  'assessment',
  'completed',
  1,
  z.object({
    assessmentId: z.uuid(),
    organizationId: z.uuid(),
    frameworkVersion: z.string().min(1),
    respondents: z.number().int().min(1),
    dimensions: z.array(z.object({ dimension: readinessDimensionKey, score, stage, spread: z.number().min(0).max(100).nullable() })).min(1),
    overall: z.object({ score, stage }),
    completedAt: timestamp,
  }),
  (data) => `assessment/${data.assessmentId}`,
);
