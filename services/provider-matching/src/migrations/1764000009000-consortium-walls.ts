import { MigrationInterface, QueryRunner } from 'typeorm';
import { lowerWalls, raiseWalls, Wall } from '@ccndr/persistence';

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

export class ConsortiumWalls1764000009000 implements MigrationInterface {
  name = 'ConsortiumWalls1764000009000';

  async up(db: QueryRunner): Promise<void> {
    await raiseWalls(db, walls);
  }

  async down(db: QueryRunner): Promise<void> {
    await lowerWalls(db, walls);
  }
}
