import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { gatheringKind, timestamp } from '../../vocabulary';

/** A gathering will not take place. */
export const GatheringCancelledV1 = defineEvent(
  'community',
  'gathering',
  'cancelled',
  1,
  z.object({
    gatheringId: z.uuid(),
    kind: gatheringKind,
    cancelledAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
