import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** A request stayed unanswered twice the promised response time; it no longer counts against the nonprofit’s pending limit. */
export const EngagementExpiredV1 = defineEvent('provider-matching', 'engagement', 'expired', 1, z.object({ ...engagementFields, respondBy: timestamp, expiredAt: timestamp }), (data) => `engagement/${data.engagementId}`);
