import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** A member stopped being active in a circle (also when they leave the consortium). */
export const CircleMemberLeftV1 = defineEvent(
  'community',
  'circle',
  'member-left',
  1,
  z.object({
    circleId: z.uuid(),
    memberId: z.uuid(),
    organizationId: z.uuid(),
    leftAt: timestamp,
  }),
  (data) => `circle/${data.circleId}`,
);
