import { communityDirectoryConsumer, CommunityDirectory1764000001500 } from '@ccndr/community-directory';
import { ServiceSpec } from '@ccndr/service-kit';
import { Assessments1764000003000 } from './migrations/1764000003000-assessments';
import { JourneysAndTargets1764000004000 } from './migrations/1764000004000-journeys-and-targets';
import { FrameworkVersions1764000005000 } from './migrations/1764000005000-framework-versions';

/** Readiness journey (prototype 1). Knows the community from its events (the community directory). */
export const assessmentsService: ServiceSpec = {
  name: 'assessments',
  defaultPort: 3002,
  title: { en: 'Digital and data readiness journey', fr: 'Parcours de préparation numérique et aux données' },
  entities: [],
  migrations: [CommunityDirectory1764000001500, Assessments1764000003000, JourneysAndTargets1764000004000, FrameworkVersions1764000005000],
  consumers: (topology) => [communityDirectoryConsumer('assessments', topology)],
};
