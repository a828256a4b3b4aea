import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { prototypeNumber, timestamp } from '../../vocabulary';

/** A working group proposed a collaboration model (outcome 3). Title and description stay in the service. */
export const CollaborationModelProposedV1 = defineEvent(
  'community',
  'collaboration-model',
  'proposed',
  1,
  z.object({
    modelId: z.uuid(),
    circleId: z.uuid(),
    prototype: prototypeNumber.nullable(),
    organizationId: z.uuid(),
    proposedAt: timestamp,
  }),
  (data) => `collaboration-model/${data.modelId}`,
);
