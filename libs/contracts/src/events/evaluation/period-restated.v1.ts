import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { periodFields, periodIndicators, restatementReason } from './period-fields';

/** A coordinator restated a closed period: its figures computed again, for a reason given as a code; the original stays. */
export const PeriodRestatedV1 = defineEvent(
  'evaluation',
  'period',
  'restated',
  1,
  z.object({ ...periodFields, restatementId: z.uuid(), reason: restatementReason, restatedAt: timestamp, indicators: periodIndicators }),
  (data) => `period/${data.periodId}/restatement/${data.restatementId}`,
);
