import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/**
 * The weekly digest: one row per member who chose it, waiting in the mail queue until Monday 8 h
 * (Toronto) and written then, like a reminder; one waiting per member. Members who chose it
 * before it was sent get theirs planned now.
 */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_written, ADD CONSTRAINT mail_queue_written CHECK (
      (recipient IS NOT NULL AND language IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
      OR (kind IN ('gathering-reminder', 'digest') AND status = 'pending'))`);
  await db.query(`CREATE UNIQUE INDEX mail_queue_pending_digest ON mail_queue (consortium_id, member_id) WHERE kind = 'digest' AND status = 'pending'`);
  await db.query(`INSERT INTO mail_queue (id, consortium_id, event_id, member_id, kind, next_attempt_at)
    SELECT gen_random_uuid(), p.consortium_id, gen_random_uuid(), p.member_id, 'digest',
           (date_trunc('week', now() AT TIME ZONE 'America/Toronto') + interval '7 days 8 hours') AT TIME ZONE 'America/Toronto'
    FROM notification_preferences p WHERE p.category = 'digest' AND p.enabled`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM mail_queue WHERE kind = 'digest'`);
  await db.query(`DROP INDEX mail_queue_pending_digest`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_written, ADD CONSTRAINT mail_queue_written CHECK (
      (recipient IS NOT NULL AND language IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
      OR (kind = 'gathering-reminder' AND status = 'pending'))`);
}

export const WeeklyDigest1764000016240 = defineMigration('WeeklyDigest1764000016240', up, down);
