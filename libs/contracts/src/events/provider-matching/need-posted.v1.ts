import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, officialLanguage, readinessDimensionKey, timestamp } from '../../vocabulary';

/**
 * A nonprofit's need is open for matching: posted directly, or derived from its readiness gaps and
 * confirmed. The description stays in the service.
 */
export const NeedPostedV1 = defineEvent(
  'provider-matching',
  'need',
  'posted',
  1,
  z.object({
    needId: z.uuid(),
    organizationId: z.uuid(),
    origin: z.enum(['posted', 'readiness-gap']),
    assessmentId: z.uuid().nullable(),
    dimension: readinessDimensionKey,
    currentStage: z.number().int().min(1).max(5).nullable(),
    targetStage: z.number().int().min(1).max(5).nullable(),
    language: officialLanguage,
    budgetMax: z.number().min(0).nullable(),
    startsOn: calendarDate.nullable(),
    endsOn: calendarDate.nullable(),
    staffHoursPerWeek: z.number().min(0).max(80),
    postedAt: timestamp,
  }),
  (data) => `need/${data.needId}`,
);
