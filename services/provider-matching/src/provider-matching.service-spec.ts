import { ServiceSpec } from '@ccndr/service-kit';

/** Provider matching (prototype 3): its domain arrives with the matching work; the spine is in place. */
export const providerMatchingService: ServiceSpec = {
  name: 'provider-matching',
  defaultPort: 3003,
  title: { en: 'Service provider matching', fr: 'Jumelage avec des fournisseurs de services' },
  entities: [],
  migrations: [],
};
