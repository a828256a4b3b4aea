import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { gatheringAttendees, gatheringKind, timestamp } from '../../vocabulary';

/**
 * People were recorded as having attended a gathering (attendance, not registration).
 * Carries the gathering kind and each attendee's organisation so that a subscriber can
 * count it without having seen any earlier event.
 */
export const GatheringAttendanceRecordedV1 = defineEvent(
  'community',
  'gathering',
  'attendance-recorded',
  1,
  z.object({
    gatheringId: z.uuid(),
    gatheringKind: gatheringKind,
    attendees: gatheringAttendees,
    recordedAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
