import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** The provider says its work is done; the engagement completes when the nonprofit confirms (`engagement.completed.v1`). */
export const EngagementDeliveredV1 = defineEvent('provider-matching', 'engagement', 'delivered', 1, z.object({ ...engagementFields, deliveredAt: timestamp }), (data) => `engagement/${data.engagementId}`);
