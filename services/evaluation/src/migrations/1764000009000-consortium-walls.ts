import { Wall, wallsMigration } from '@ccndr/persistence';

/** Row-level security on every tenant table: a second wall under the application's consortium filters. */
const walls: Wall[] = [
  { table: 'consortia' },
  { table: 'organizations' },
  { table: 'organization_activity' },
  { table: 'attendance' },
  { table: 'indicators' },
  { table: 'completed_assessments' },
  { table: 'partnerships' },
  { table: 'collaboration_records' },
  { table: 'members' },
  { table: 'gatherings' },
  { table: 'registrations' },
  { table: 'feedback_scores' },
  { table: 'circles' },
  { table: 'circle_membership_changes' },
  { table: 'knowledge_interactions' },
  { table: 'collaboration_models' },
  { table: 'model_review_scores' },
  { table: 'model_viability' },
  { table: 'representation_snapshots' },
  { table: 'assessment_scores' },
  { table: 'journeys' },
  { table: 'journey_milestones_completed' },
  { table: 'consortium_frameworks' },
  { table: 'targets' },
];

export const ConsortiumWalls1764000009000 = wallsMigration('ConsortiumWalls1764000009000', walls);
