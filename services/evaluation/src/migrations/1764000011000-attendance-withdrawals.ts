import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance can be withdrawn: a row is kept per person and gathering with whether they count as
 * present and the time of the recording or withdrawal that said so, so that the later one stands
 * whatever order the events arrive in. Rows from before carry no time: any event replaces them.
 */
export class AttendanceWithdrawals1764000011000 implements MigrationInterface {
  name = 'AttendanceWithdrawals1764000011000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE attendance ADD COLUMN present boolean NOT NULL DEFAULT true, ADD COLUMN changed_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM attendance WHERE NOT present`);
    await db.query(`ALTER TABLE attendance DROP COLUMN present, DROP COLUMN changed_at`);
  }
}
