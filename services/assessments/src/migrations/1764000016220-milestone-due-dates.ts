import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/** The day an organisation plans to reach a journey milestone by (none until it sets one). */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE milestones ADD COLUMN due_on date`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE milestones DROP COLUMN due_on`);
}

export const MilestoneDueDates1764000016220 = defineMigration('MilestoneDueDates1764000016220', up, down);
