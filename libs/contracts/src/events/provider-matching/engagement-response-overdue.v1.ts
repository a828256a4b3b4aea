import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** The provider’s promised response time passed without an answer: a reminder is due. */
export const EngagementResponseOverdueV1 = defineEvent('provider-matching', 'engagement', 'response-overdue', 1, z.object({ ...engagementFields, respondBy: timestamp, remindedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
