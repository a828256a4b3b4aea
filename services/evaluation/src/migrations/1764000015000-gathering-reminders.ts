import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // Who was sent a reminder of a gathering, and when first: attendance of those reminded beside the others.
  await createTenantTable(db, 'gathering_reminders', {}, `
      gathering_id uuid NOT NULL,
      member_id uuid NOT NULL,
      first_sent_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, gathering_id, member_id)
    `);
  await raiseWalls(db, [{ table: 'gathering_reminders' }]);
}

async function down(db: QueryRunner): Promise<void> {
  await lowerWalls(db, [{ table: 'gathering_reminders' }]);
  await db.query(`DROP TABLE gathering_reminders`);
}

/** The reminders community sent (`gathering.reminder-sent`), one row per gathering and member. */
export const GatheringReminders1764000015000 = defineMigration('GatheringReminders1764000015000', up, down);
