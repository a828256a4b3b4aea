import { Wall, wallsMigration } from '@ccndr/persistence';

/**
 * Row-level security on every tenant table: a second wall under the application's consortium filters.
 * Framework versions are the platform's, shared by every consortium.
 */
const walls: Wall[] = [
  { table: 'assessments' },
  { table: 'respondents', parent: { table: 'assessments', foreignKey: 'assessment_id' } },
  { table: 'targets' },
  { table: 'journeys' },
  { table: 'milestones', parent: { table: 'journeys', foreignKey: 'journey_id' } },
  { table: 'consortium_frameworks' },
];

export const ConsortiumWalls1764000009000 = wallsMigration('ConsortiumWalls1764000009000', walls);
