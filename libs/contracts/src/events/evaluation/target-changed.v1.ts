import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, timestamp } from '../../vocabulary';

/**
 * A coordinator set a consortium's own target for an indicator, or went back to the programme's
 * default (`target` null): the change is on the record.
 */
export const TargetChangedV1 = defineEvent(
  'evaluation',
  'target',
  'changed',
  1,
  z.object({
    indicatorKey: z.string().min(1),
    target: z.object({ comparison: z.enum(['more-than', 'at-least', 'between']), value: z.number().min(0), max: z.number().min(0).nullable(), dueOn: calendarDate.nullable().optional() }).nullable(),
    changedAt: timestamp,
  }),
  (data) => `target/${data.indicatorKey}`,
);
