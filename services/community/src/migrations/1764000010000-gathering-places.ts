import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a gathering takes place: a place, a link to join online, both or neither (kept in community only: free text). */
export class GatheringPlaces1764000010000 implements MigrationInterface {
  name = 'GatheringPlaces1764000010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE gatherings ADD COLUMN place text, ADD COLUMN link text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE gatherings DROP COLUMN link, DROP COLUMN place`);
  }
}
