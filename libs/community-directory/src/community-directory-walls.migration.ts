import { MigrationInterface, QueryRunner } from 'typeorm';
import { lowerWalls, raiseWalls, Wall } from '@ccndr/persistence';

/** Row-level security on the directory's tables, as on the service's own. */
const walls: Wall[] = [{ table: 'consortia' }, { table: 'organizations' }, { table: 'members' }];

export class CommunityDirectoryWalls1764000009100 implements MigrationInterface {
  name = 'CommunityDirectoryWalls1764000009100';

  async up(db: QueryRunner): Promise<void> {
    await raiseWalls(db, walls);
  }

  async down(db: QueryRunner): Promise<void> {
    await lowerWalls(db, walls);
  }
}
