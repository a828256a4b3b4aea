import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the readiness gaps a need was last refreshed from were identified: gaps of an older
 * assessment applied late (a retried or redriven event) leave a need refreshed by a newer one as it is.
 */
export class NeedIdentificationTimes1764000010000 implements MigrationInterface {
  name = 'NeedIdentificationTimes1764000010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE needs ADD COLUMN identified_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE needs DROP COLUMN identified_at`);
  }
}
