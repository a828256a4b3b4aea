import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** The work began. */
export const EngagementStartedV1 = defineEvent('provider-matching', 'engagement', 'started', 1, z.object({ ...engagementFields, startedAt: timestamp }), (data) => `engagement/${data.engagementId}`);
