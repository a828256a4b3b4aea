import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { declineReason, engagementFields } from './engagement-fields';

/** The provider declined the request, with a reason the matching learns from. */
export const EngagementDeclinedV1 = defineEvent('provider-matching', 'engagement', 'declined', 1, z.object({ ...engagementFields, reason: declineReason, declinedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
