import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { gatheringKind, registrationResponse, timestamp } from '../../vocabulary';

/** A member registered for a gathering or changed their answer (going, maybe, not going). Not attendance. */
export const GatheringRegistrationChangedV1 = defineEvent(
  'community',
  'gathering',
  'registration-changed',
  1,
  z.object({
    gatheringId: z.uuid(),
    gatheringKind: gatheringKind,
    memberId: z.uuid(),
    organizationId: z.uuid(),
    response: registrationResponse,
    previousResponse: registrationResponse.nullable(),
    changedAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
