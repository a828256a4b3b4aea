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
  }),
);
