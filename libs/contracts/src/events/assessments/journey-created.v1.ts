import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';

const stage = z.number().int().min(1).max(5);

/** A readiness journey was generated from an assessment's gaps: ordered milestones, one step each. */
export const JourneyCreatedV1 = defineEvent(
  'assessments',
  'journey',
  'created',
  1,
  z.object({
    journeyId: z.uuid(),
    assessmentId: z.uuid(),
    organizationId: z.uuid(),
    milestones: z.array(z.object({ milestoneId: z.uuid(), position: z.number().int().min(1), dimension: readinessDimensionKey, fromStage: stage, toStage: stage })),
    createdAt: timestamp,
  }),
  (data) => `journey/${data.journeyId}`,
);
