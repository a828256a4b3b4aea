import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { memberRole, timestamp } from '../../vocabulary';

/** A person joined the consortium on behalf of an organisation. No name or e-mail leaves the service. */
export const MemberJoinedV1 = defineEvent(
  'community',
  'member',
  'joined',
  1,
  z.object({
    memberId: z.uuid(),
    organizationId: z.uuid(),
    role: memberRole,
    joinedAt: timestamp,
    /** Keyed pseudonym of the member's sign-in subject, when linked (see @ccndr/auth signInKey). Optional: added within version 1. */
    signInKey: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
  }),
  (data) => `member/${data.memberId}`,
);
