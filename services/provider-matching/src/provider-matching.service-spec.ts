import { communityDirectoryConsumer, CommunityDirectory1764000001500 } from '@ccndr/community-directory';
import { ServiceSpec } from '@ccndr/service-kit';
import { Providers1764000003000 } from './migrations/1764000003000-providers';

/** Provider matching (prototype 3). Knows the community from its events (the community directory). */
export const providerMatchingService: ServiceSpec = {
  name: 'provider-matching',
  defaultPort: 3003,
  title: { en: 'Service provider matching', fr: 'Jumelage avec des fournisseurs de services' },
  entities: [],
  migrations: [CommunityDirectory1764000001500, Providers1764000003000],
  consumers: (topology) => [communityDirectoryConsumer('provider-matching', topology)],
};
