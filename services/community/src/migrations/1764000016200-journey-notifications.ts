import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/** A notification category of its own for the readiness journey (invitations to answer a team assessment). */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_category_check,
    ADD CONSTRAINT notification_preferences_category_check CHECK (category IN ('gatherings', 'engagements', 'journey', 'digest'))`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM notification_preferences WHERE category = 'journey'`);
  await db.query(`ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_category_check,
    ADD CONSTRAINT notification_preferences_category_check CHECK (category IN ('gatherings', 'engagements', 'digest'))`);
}

export const JourneyNotifications1764000016200 = defineMigration('JourneyNotifications1764000016200', up, down);
