import { communityDirectoryConsumer, communityDirectoryMigrations } from '@ccndr/community-directory';
import { contextEventsSubject } from '@ccndr/contracts';
import { ServiceSpec } from '@ccndr/service-kit';
import { Providers1764000003000 } from './migrations/1764000003000-providers';
import { Needs1764000004000 } from './migrations/1764000004000-needs';
import { EngagementsAndPartnerships1764000005000 } from './migrations/1764000005000-engagements-and-partnerships';
import { ConsortiumFrameworks1764000006000 } from './migrations/1764000006000-consortium-frameworks';
import { ConsortiumWalls1764000009000 } from './migrations/1764000009000-consortium-walls';
import { NeedIdentificationTimes1764000010000 } from './migrations/1764000010000-need-identification-times';
import { EngagementAgreements1764000011000 } from './migrations/1764000011000-engagement-agreements';
import { FrameworkStageNames1764000012000 } from './migrations/1764000012000-framework-stage-names';

/** Provider matching (prototype 3). Knows the community from its events (the community directory). */
export const providerMatchingService: ServiceSpec = {
  name: 'provider-matching',
  defaultPort: 3003,
  title: { en: 'Service provider matching', fr: 'Jumelage avec des fournisseurs de services' },
  entities: [],
  migrations: [...communityDirectoryMigrations, Providers1764000003000, Needs1764000004000, EngagementsAndPartnerships1764000005000, ConsortiumFrameworks1764000006000, ConsortiumWalls1764000009000, NeedIdentificationTimes1764000010000, EngagementAgreements1764000011000, FrameworkStageNames1764000012000],
  consumers: (topology) => [
    communityDirectoryConsumer('provider-matching', topology),
    // Readiness gaps become draft needs, framework adoptions tell which dimensions exist (a second consumer: NATS 2.9 allows one filter subject each).
    { durable: 'provider-matching-readiness', filterSubject: contextEventsSubject('assessments', topology.namespace) },
  ],
};
