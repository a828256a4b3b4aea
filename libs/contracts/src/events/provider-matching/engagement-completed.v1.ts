import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** The work is done; both sides may now rate it. */
export const EngagementCompletedV1 = defineEvent('provider-matching', 'engagement', 'completed', 1, z.object({ ...engagementFields, completedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
