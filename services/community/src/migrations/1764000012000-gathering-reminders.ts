import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, Wall, wallsMigration } from '@ccndr/persistence';

/**
 * Gathering reminders: a consortium's reminder offsets, and reminder rows in the mail queue. A
 * reminder is queued per (gathering, member, offset) with its due time as `next_attempt_at`; it is
 * written (recipient, language, texts) only when it is sent, so that it tells the gathering as it
 * is then and reaches only those it still concerns.
 */
async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'notification_settings', { key: 'consortium', referencesConsortia: true }, `
      reminder_offsets_minutes int[] NOT NULL,
      updated_at timestamptz NOT NULL
    `);
  await db.query(`ALTER TABLE mail_queue ADD COLUMN gathering_id uuid, ADD COLUMN reminder_offset_minutes int`);
  await db.query(`ALTER TABLE mail_queue ALTER COLUMN recipient DROP NOT NULL, ALTER COLUMN language DROP NOT NULL,
                    ALTER COLUMN subject DROP NOT NULL, ALTER COLUMN text_body DROP NOT NULL, ALTER COLUMN html_body DROP NOT NULL`);
  await db.query(`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_written CHECK (
      (recipient IS NOT NULL AND language IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
      OR (kind = 'gathering-reminder' AND status = 'pending'))`);
  await db.query(`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_reminder_offset CHECK ((kind = 'gathering-reminder') = (reminder_offset_minutes IS NOT NULL AND gathering_id IS NOT NULL))`);
  // Once per (event, member, kind) as before; reminders once per gathering and offset of what planned them (an
  // event, or a change of offsets for every gathering to come), so that an event applied again sends none twice.
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_event_id_member_id_kind_key`);
  await db.query(`CREATE UNIQUE INDEX mail_queue_once ON mail_queue (event_id, member_id, kind, gathering_id, reminder_offset_minutes) NULLS NOT DISTINCT`);
  // At most one reminder waiting per gathering, member and offset, whoever plans it.
  await db.query(`CREATE UNIQUE INDEX mail_queue_pending_reminders ON mail_queue (gathering_id, member_id, reminder_offset_minutes) WHERE kind = 'gathering-reminder' AND status = 'pending'`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM mail_queue WHERE kind = 'gathering-reminder'`);
  await db.query(`DROP INDEX mail_queue_pending_reminders`);
  await db.query(`DROP INDEX mail_queue_once`);
  await db.query(`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_event_id_member_id_kind_key UNIQUE (event_id, member_id, kind)`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_reminder_offset, DROP CONSTRAINT mail_queue_written`);
  await db.query(`ALTER TABLE mail_queue ALTER COLUMN recipient SET NOT NULL, ALTER COLUMN language SET NOT NULL,
                    ALTER COLUMN subject SET NOT NULL, ALTER COLUMN text_body SET NOT NULL, ALTER COLUMN html_body SET NOT NULL`);
  await db.query(`ALTER TABLE mail_queue DROP COLUMN reminder_offset_minutes, DROP COLUMN gathering_id`);
  await db.query(`DROP TABLE notification_settings`);
}

export const GatheringReminders1764000012000 = defineMigration('GatheringReminders1764000012000', up, down);

const walls: Wall[] = [{ table: 'notification_settings' }];
export const GatheringReminderWalls1764000012100 = wallsMigration('GatheringReminderWalls1764000012100', walls);
