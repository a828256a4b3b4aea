import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** An organisation started a readiness self-assessment, alone or as a team. */
export const AssessmentStartedV1 = defineEvent(
  'assessments',
  'assessment',
  'started',
  1,
  z.object({
    assessmentId: z.uuid(),
    organizationId: z.uuid(),
    frameworkVersion: z.string().min(1),
    mode: z.enum(['individual', 'team']),
    respondents: z.number().int().min(1),
    startedAt: timestamp,
  }),
  (data) => `assessment/${data.assessmentId}`,
);
