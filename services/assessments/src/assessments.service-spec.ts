import { ServiceSpec } from '@ccndr/service-kit';

/** Readiness journey (prototype 1): its domain arrives with the assessments work; the spine is in place. */
export const assessmentsService: ServiceSpec = {
  name: 'assessments',
  defaultPort: 3002,
  title: { en: 'Digital and data readiness journey', fr: 'Parcours de préparation numérique et aux données' },
  entities: [],
  migrations: [],
};
