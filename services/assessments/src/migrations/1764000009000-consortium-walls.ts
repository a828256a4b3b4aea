import { MigrationInterface, QueryRunner } from 'typeorm';
import { lowerWalls, raiseWalls, Wall } from '@ccndr/persistence';

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

export class ConsortiumWalls1764000009000 implements MigrationInterface {
  name = 'ConsortiumWalls1764000009000';

  async up(db: QueryRunner): Promise<void> {
    await raiseWalls(db, walls);
  }

  async down(db: QueryRunner): Promise<void> {
    await lowerWalls(db, walls);
  }
}
