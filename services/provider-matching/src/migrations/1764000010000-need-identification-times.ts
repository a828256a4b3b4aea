import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE needs ADD COLUMN identified_at timestamptz`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE needs DROP COLUMN identified_at`);
}

/**
 * When the readiness gaps a need was last refreshed from were identified: gaps of an older
 * assessment applied late (a retried or redriven event) leave a need refreshed by a newer one as it is.
 */
export const NeedIdentificationTimes1764000010000 = defineMigration('NeedIdentificationTimes1764000010000', up, down);
