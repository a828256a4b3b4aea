import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';
import { providerProfileFields } from './provider-profile';

/** A service-provider organisation published its profile: offerings mapped to readiness dimensions and stages. */
export const ProviderRegisteredV1 = defineEvent('provider-matching', 'provider', 'registered', 1, z.object({ ...providerProfileFields, registeredAt: timestamp }), (data) => `provider/${data.providerId}`);
