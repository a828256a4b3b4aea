import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';

const stage = z.number().int().min(1).max(5);

/**
 * The gaps between an organisation's current and target stage per dimension, most pressing first
 * (priority 1), for provider matching to turn into needs.
 */
export const ReadinessGapsIdentifiedV1 = defineEvent(
  'assessments',
  'readiness',
  'gaps-identified',
  1,
  z.object({
    assessmentId: z.uuid(),
    organizationId: z.uuid(),
    frameworkVersion: z.string().min(1),
    gaps: z.array(z.object({ dimension: readinessDimensionKey, currentStage: stage, targetStage: stage, priority: z.number().int().min(1) })),
    identifiedAt: timestamp,
  }),
  (data) => `assessment/${data.assessmentId}`,
);
