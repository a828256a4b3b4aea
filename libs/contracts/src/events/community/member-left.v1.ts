import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** A person left the consortium. Their past attendance still counts. */
export const MemberLeftV1 = defineEvent(
  'community',
  'member',
  'left',
  1,
  z.object({
    memberId: z.uuid(),
    organizationId: z.uuid(),
    leftAt: timestamp,
  }),
  (data) => `member/${data.memberId}`,
);
