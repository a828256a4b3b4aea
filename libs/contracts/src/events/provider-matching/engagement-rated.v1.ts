import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields, engagementSide } from './engagement-fields';

/** One side rated a completed engagement from 1 to 5 (comments stay in the service). */
export const EngagementRatedV1 = defineEvent('provider-matching', 'engagement', 'rated', 1, z.object({ ...engagementFields, side: engagementSide, score: z.number().int().min(1).max(5), ratedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
