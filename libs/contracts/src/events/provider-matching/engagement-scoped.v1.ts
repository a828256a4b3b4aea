import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, timestamp } from '../../vocabulary';
import { engagementFields, paymentMilestone } from './engagement-fields';

/** The nonprofit agreed the scope and the two payment milestones the provider proposed (the scope text stays in the service). */
export const EngagementScopedV1 = defineEvent('provider-matching', 'engagement', 'scoped', 1, z.object({ ...engagementFields, milestones: z.array(z.object({ milestone: paymentMilestone, amount: z.number().min(0), dueOn: calendarDate })), scopedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
