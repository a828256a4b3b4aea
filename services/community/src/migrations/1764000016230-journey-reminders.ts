import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/** Reminders of a journey milestone's due day name the milestone: withdrawn when the day changes or the milestone is reached. */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE mail_queue ADD COLUMN journey_milestone_id uuid`);
  await db.query(`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_journey_milestone CHECK ((kind = 'journey-milestone-due') = (journey_milestone_id IS NOT NULL))`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM mail_queue WHERE kind = 'journey-milestone-due'`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_journey_milestone, DROP COLUMN journey_milestone_id`);
}

export const JourneyReminders1764000016230 = defineMigration('JourneyReminders1764000016230', up, down);
