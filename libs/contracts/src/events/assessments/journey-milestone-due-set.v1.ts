import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, readinessDimensionKey, timestamp } from '../../vocabulary';

/** An organisation set (or cleared: null) the day a milestone of its journey is due; community reminds its members before it. */
export const JourneyMilestoneDueSetV1 = defineEvent(
  'assessments',
  'journey',
  'milestone-due-set',
  1,
  z.object({
    journeyId: z.uuid(),
    milestoneId: z.uuid(),
    organizationId: z.uuid(),
    dimension: readinessDimensionKey,
    /** The framework's wording of the step, in both languages (published framework text, nothing the organisation wrote). */
    step: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
    dueOn: calendarDate.nullable(),
    setAt: timestamp,
  }),
  (data) => `journey/${data.journeyId}`,
);
