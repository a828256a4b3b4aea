import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { partnershipFields } from './partnership-fields';

/** The partners are negotiating the terms. */
export const PartnershipNegotiationStartedV1 = defineEvent('provider-matching', 'partnership', 'negotiation-started', 1, z.object({ ...partnershipFields, negotiationStartedAt: timestamp }), (data) => `partnership/${data.partnershipId}`);
