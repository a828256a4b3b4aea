import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** The provider accepted the request. */
export const EngagementAcceptedV1 = defineEvent('provider-matching', 'engagement', 'accepted', 1, z.object({ ...engagementFields, acceptedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
