import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, timestamp } from '../../vocabulary';
import { engagementFields, paymentMilestone } from './engagement-fields';

/**
 * The provider (or a coordinator) proposes the scope and the two payment milestones; nothing is
 * agreed until the nonprofit agrees (`engagement.scoped.v1`). A new proposal replaces the last one.
 */
export const EngagementScopeProposedV1 = defineEvent(
  'provider-matching',
  'engagement',
  'scope-proposed',
  1,
  z.object({ ...engagementFields, milestones: z.array(z.object({ milestone: paymentMilestone, amount: z.number().min(0), dueOn: calendarDate })), proposedAt: timestamp }),
  (data) => `engagement/${data.engagementId}`,
);
