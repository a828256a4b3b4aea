import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { partnershipFields } from './partnership-fields';

/** The partners confirmed the partnership. */
export const PartnershipConfirmedV1 = defineEvent('provider-matching', 'partnership', 'confirmed', 1, z.object({ ...partnershipFields, confirmedAt: timestamp }), (data) => `partnership/${data.partnershipId}`);
