import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** A member became an active member of a circle. */
export const CircleMemberJoinedV1 = defineEvent(
  'community',
  'circle',
  'member-joined',
  1,
  z.object({
    circleId: z.uuid(),
    memberId: z.uuid(),
    organizationId: z.uuid(),
    joinedAt: timestamp,
  }),
  (data) => `circle/${data.circleId}`,
);
