import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { gatheringAttendees, gatheringKind, timestamp } from '../../vocabulary';

/**
 * People recorded as present at a gathering are no longer counted as present (the record was a
 * mistake). Carries what the recorded event carries, so that a subscriber can take each attendee
 * off its counts without having seen any earlier event; `withdrawnAt` orders it against recordings
 * of the same person (the later one stands, whatever order they arrive in).
 */
export const GatheringAttendanceWithdrawnV1 = defineEvent(
  'community',
  'gathering',
  'attendance-withdrawn',
  1,
  z.object({
    gatheringId: z.uuid(),
    gatheringKind: gatheringKind,
    attendees: gatheringAttendees,
    withdrawnAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
