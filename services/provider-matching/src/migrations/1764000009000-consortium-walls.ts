import { Wall, wallsMigration } from '@ccndr/persistence';

/** Row-level security on every tenant table: a second wall under the application's consortium filters. */
const walls: Wall[] = [
  { table: 'providers' },
  { table: 'offerings' },
  { table: 'needs' },
  { table: 'suggestions' },
  { table: 'engagements' },
  { table: 'payment_milestones', parent: { table: 'engagements', foreignKey: 'engagement_id' } },
  { table: 'engagement_ratings', parent: { table: 'engagements', foreignKey: 'engagement_id' } },
  { table: 'partnerships' },
  { table: 'collaboration_records', parent: { table: 'partnerships', foreignKey: 'partnership_id' } },
  { table: 'consortium_frameworks' },
];

export const ConsortiumWalls1764000009000 = wallsMigration('ConsortiumWalls1764000009000', walls);
