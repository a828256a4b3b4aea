import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { partnershipFields } from './partnership-fields';

/** Organisations proposed a partnership, possibly growing out of an engagement (its title and purpose stay in the service). */
export const PartnershipProposedV1 = defineEvent('provider-matching', 'partnership', 'proposed', 1, z.object({ ...partnershipFields, engagementId: z.uuid().nullable(), proposedAt: timestamp }), (data) => `partnership/${data.partnershipId}`);
