import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { partnershipFields } from './partnership-fields';

/** The partnership ended (or a proposal was abandoned). */
export const PartnershipEndedV1 = defineEvent('provider-matching', 'partnership', 'ended', 1, z.object({ ...partnershipFields, previousStatus: z.enum(['proposed', 'in-negotiation', 'confirmed']), endedAt: timestamp }), (data) => `partnership/${data.partnershipId}`);
