import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { gatheringKind, timestamp } from '../../vocabulary';

/** A consortium meeting, workshop, consultation or working session was put on the calendar. */
export const GatheringScheduledV1 = defineEvent(
  'community',
  'gathering',
  'scheduled',
  1,
  z.object({
    gatheringId: z.uuid(),
    kind: gatheringKind,
    startsAt: timestamp,
    scheduledAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
