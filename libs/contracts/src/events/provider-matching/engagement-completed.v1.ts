import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** The nonprofit confirmed the work the provider delivered: the need closes and both sides may rate it. */
export const EngagementCompletedV1 = defineEvent('provider-matching', 'engagement', 'completed', 1, z.object({ ...engagementFields, completedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
