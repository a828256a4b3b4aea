import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/**
 * Reminders of an engagement's payment milestones: queued when the scope is agreed, due on the
 * milestone's day, withdrawn when it is paid or the engagement cancelled. A row names its
 * engagement and milestone, and is unique per milestone as well (one scope event plans two).
 */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE mail_queue ADD COLUMN engagement_id uuid, ADD COLUMN payment_milestone text CHECK (payment_milestone IN ('kick-off', 'completion'))`);
  await db.query(`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_payment_milestone CHECK ((kind = 'engagement-payment-due') = (engagement_id IS NOT NULL AND payment_milestone IS NOT NULL))`);
  await db.query(`DROP INDEX mail_queue_once`);
  await db.query(`CREATE UNIQUE INDEX mail_queue_once ON mail_queue (event_id, member_id, kind, gathering_id, reminder_offset_minutes, payment_milestone) NULLS NOT DISTINCT`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM mail_queue WHERE kind = 'engagement-payment-due'`);
  await db.query(`DROP INDEX mail_queue_once`);
  await db.query(`CREATE UNIQUE INDEX mail_queue_once ON mail_queue (event_id, member_id, kind, gathering_id, reminder_offset_minutes) NULLS NOT DISTINCT`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_payment_milestone`);
  await db.query(`ALTER TABLE mail_queue DROP COLUMN payment_milestone, DROP COLUMN engagement_id`);
}

export const PaymentReminders1764000016210 = defineMigration('PaymentReminders1764000016210', up, down);
