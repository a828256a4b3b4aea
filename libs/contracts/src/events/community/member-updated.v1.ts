import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { memberRole, timestamp } from '../../vocabulary';

/** A member's role or organisation changed. Names, e-mails and expertise stay in the service. */
export const MemberUpdatedV1 = defineEvent(
  'community',
  'member',
  'updated',
  1,
  z.object({
    memberId: z.uuid(),
    organizationId: z.uuid(),
    role: memberRole,
    updatedAt: timestamp,
    /** Keyed pseudonym of the member's sign-in subject, when linked (see @ccndr/auth signInKey). Optional: added within version 1. */
    signInKey: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
  }),
  (data) => `member/${data.memberId}`,
);
