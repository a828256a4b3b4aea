import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { providerProfileFields } from './provider-profile';

/** A provider changed its profile; carries the whole profile as it now is. */
export const ProviderUpdatedV1 = defineEvent('provider-matching', 'provider', 'updated', 1, z.object({ ...providerProfileFields, updatedAt: timestamp }), (data) => `provider/${data.providerId}`);
