import { contextEventsSubject } from '@ccndr/contracts';
import { ServiceSpec } from '@ccndr/service-kit';
import { AssessmentsFoundation1764000002000 } from './migrations/1764000002000-assessments-foundation';
import { Assessments1764000003000 } from './migrations/1764000003000-assessments';
import { JourneysAndTargets1764000004000 } from './migrations/1764000004000-journeys-and-targets';
import { FrameworkVersions1764000005000 } from './migrations/1764000005000-framework-versions';

/** Readiness journey (prototype 1). Learns the community's consortia from its events. */
export const assessmentsService: ServiceSpec = {
  name: 'assessments',
  defaultPort: 3002,
  title: { en: 'Digital and data readiness journey', fr: 'Parcours de préparation numérique et aux données' },
  entities: [],
  migrations: [AssessmentsFoundation1764000002000, Assessments1764000003000, JourneysAndTargets1764000004000, FrameworkVersions1764000005000],
  consumers: (topology) => [{ durable: 'assessments', filterSubject: contextEventsSubject('community', topology.namespace) }],
};
