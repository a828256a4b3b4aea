import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, timestamp } from '../../vocabulary';
import { engagementFields, paymentMilestone } from './engagement-fields';

/** A payment milestone (kick-off or completion) was paid and recorded. */
export const EngagementMilestonePaidV1 = defineEvent('provider-matching', 'engagement', 'milestone-paid', 1, z.object({ ...engagementFields, milestone: paymentMilestone, amount: z.number().min(0), paidOn: calendarDate, recordedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
