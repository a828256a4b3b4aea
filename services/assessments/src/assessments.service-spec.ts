import { communityDirectoryConsumer, communityDirectoryMigrations } from '@ccndr/community-directory';
import { ServiceSpec } from '@ccndr/service-kit';
import { Assessments1764000003000 } from './migrations/1764000003000-assessments';
import { JourneysAndTargets1764000004000 } from './migrations/1764000004000-journeys-and-targets';
import { FrameworkVersions1764000005000 } from './migrations/1764000005000-framework-versions';
import { ConsortiumWalls1764000009000 } from './migrations/1764000009000-consortium-walls';
import { MilestoneDueDates1764000016220 } from './migrations/1764000016220-milestone-due-dates';

/** Readiness journey (prototype 1). Knows the community from its events (the community directory). */
export const assessmentsService: ServiceSpec = {
  name: 'assessments',
  defaultPort: 3002,
  title: { en: 'Digital and data readiness journey', fr: 'Parcours de préparation numérique et aux données' },
  entities: [],
  migrations: [...communityDirectoryMigrations, Assessments1764000003000, JourneysAndTargets1764000004000, FrameworkVersions1764000005000, ConsortiumWalls1764000009000, MilestoneDueDates1764000016220],
  consumers: (topology) => [communityDirectoryConsumer('assessments', topology)],
};
