import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';

/** An organisation ticked a milestone of its journey (the note stays in the service). */
export const JourneyMilestoneCompletedV1 = defineEvent(
  'assessments',
  'journey',
  'milestone-completed',
  1,
  z.object({
    journeyId: z.uuid(),
    milestoneId: z.uuid(),
    organizationId: z.uuid(),
    dimension: readinessDimensionKey,
    progress: z.number().min(0).max(100),
    completedAt: timestamp,
  }),
  (data) => `journey/${data.journeyId}`,
);
