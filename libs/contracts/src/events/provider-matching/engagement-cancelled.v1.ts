import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { cancelReason, engagementFields } from './engagement-fields';

/** One side (or a coordinator) stopped the engagement before completion. */
export const EngagementCancelledV1 = defineEvent('provider-matching', 'engagement', 'cancelled', 1, z.object({ ...engagementFields, reason: cancelReason, cancelledBy: z.enum(['nonprofit', 'provider', 'coordinator']), cancelledAt: timestamp }), (data) => `engagement/${data.engagementId}`);
