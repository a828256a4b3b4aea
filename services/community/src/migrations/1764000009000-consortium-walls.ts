import { Wall, wallsMigration } from '@ccndr/persistence';

/** Row-level security on every tenant table: a second wall under the application's consortium filters. */
const walls: Wall[] = [
  { table: 'consortia', column: 'id' },
  { table: 'organizations' },
  { table: 'members' },
  { table: 'gatherings' },
  { table: 'attendance' },
  { table: 'registrations' },
  { table: 'circles' },
  { table: 'circle_memberships' },
  { table: 'knowledge_items' },
  { table: 'reactions' },
  { table: 'surveys' },
  { table: 'survey_responses' },
  { table: 'collaboration_models' },
  { table: 'model_experts' },
  { table: 'model_reviews' },
  { table: 'self_identifications' },
  { table: 'consent_log' },
];

export const ConsortiumWalls1764000009000 = wallsMigration('ConsortiumWalls1764000009000', walls);
