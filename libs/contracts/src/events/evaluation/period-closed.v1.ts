import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { periodFields, periodIndicators } from './period-fields';

/** A coordinator closed a period of the evaluation: its figures, frozen as they were computed then. */
export const PeriodClosedV1 = defineEvent(
  'evaluation',
  'period',
  'closed',
  1,
  z.object({ ...periodFields, closedAt: timestamp, indicators: periodIndicators }),
  (data) => `period/${data.periodId}`,
);
