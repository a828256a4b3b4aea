import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE gathering_calendar_sequences ADD COLUMN changed_at timestamptz`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE gathering_calendar_sequences DROP COLUMN changed_at`);
}

/**
 * When the latest change of a gathering its calendar entry announces was decided: a change no later
 * than it (the same event redelivered after its processed-event record was pruned, or an older one
 * applied late) announces nothing and plans no reminder again.
 */
export const GatheringChangeTimes1764000016110 = defineMigration('GatheringChangeTimes1764000016110', up, down);
