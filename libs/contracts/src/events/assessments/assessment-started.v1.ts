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
    /** Who answers (pseudonymous member ids, as attendance carries them): community invites them by e-mail. Absent from events before it was added. */
    respondentMemberIds: z.array(z.uuid()).min(1).optional(),
    /** The member who started it (invites the others; is not invited). Absent from events before it was added. */
    startedByMemberId: z.uuid().optional(),
    startedAt: timestamp,
  }),
  (data) => `assessment/${data.assessmentId}`,
);
