import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** The viability checklist of a collaboration model was filled in or changed. */
export const CollaborationModelViabilityCheckedV1 = defineEvent(
  'community',
  'collaboration-model',
  'viability-checked',
  1,
  z.object({
    modelId: z.uuid(),
    scalability: z.boolean(),
    efficientUseOfResources: z.boolean(),
    sustainability: z.boolean(),
    checkedAt: timestamp,
  }),
  (data) => `collaboration-model/${data.modelId}`,
);
