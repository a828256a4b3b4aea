import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';
import { engagementFields } from './engagement-fields';

/** A nonprofit asked a provider for an introduction; the provider answers by respondBy, its promised response time. */
export const EngagementRequestedV1 = defineEvent('provider-matching', 'engagement', 'requested', 1, z.object({ ...engagementFields, dimension: readinessDimensionKey, requestedAt: timestamp, respondBy: timestamp }), (data) => `engagement/${data.engagementId}`);
