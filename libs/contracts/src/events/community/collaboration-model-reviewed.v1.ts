import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { scaleScore, timestamp } from '../../vocabulary';

/**
 * A stakeholder (feasibility, effectiveness, scalability) or a designated expert (impact,
 * viability, relevance) rated a collaboration model from 1 to 5. Comments stay in the service.
 */
export const CollaborationModelReviewedV1 = defineEvent(
  'community',
  'collaboration-model',
  'reviewed',
  1,
  z.object({
    modelId: z.uuid(),
    reviewId: z.uuid(),
    reviewerRole: z.enum(['stakeholder', 'expert']),
    organizationId: z.uuid(),
    scores: z.union([
      z.object({ feasibility: scaleScore, effectiveness: scaleScore, scalability: scaleScore }),
      z.object({ impact: scaleScore, viability: scaleScore, relevance: scaleScore }),
    ]),
    reviewedAt: timestamp,
  }),
  (data) => `collaboration-model/${data.modelId}`,
);
