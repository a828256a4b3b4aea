import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { gatheringKind, timestamp } from '../../vocabulary';

/** A gathering moved to another time. */
export const GatheringRescheduledV1 = defineEvent(
  'community',
  'gathering',
  'rescheduled',
  1,
  z.object({
    gatheringId: z.uuid(),
    kind: gatheringKind,
    startsAt: timestamp,
    previousStartsAt: timestamp,
    rescheduledAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
