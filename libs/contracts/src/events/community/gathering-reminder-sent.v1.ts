import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { reminderOffsetMinutes, timestamp } from '../../vocabulary';

/**
 * A reminder of a gathering was sent to a member: the mail server accepted it. Once per reminder,
 * published with the record that it was sent. No address and no text: who was reminded by their
 * pseudonymous member id, as registrations and attendance name them.
 */
export const GatheringReminderSentV1 = defineEvent(
  'community',
  'gathering',
  'reminder-sent',
  1,
  z.object({
    gatheringId: z.uuid(),
    memberId: z.uuid(),
    /** How long before the gathering's start the reminder was due. */
    offsetMinutes: reminderOffsetMinutes,
    sentAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
