import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/**
 * The feedback survey's invitation: one row per (survey, member) in the mail queue, due the
 * morning after its gathering (at once for the consortium's own survey, or a gathering already
 * past) and written when due, like a reminder, for those who still should answer it then
 * (recorded present, not yet answered, the survey open).
 */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE mail_queue ADD COLUMN survey_id uuid`);
  await db.query(`ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_survey CHECK ((kind = 'survey-invitation') = (survey_id IS NOT NULL))`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_written, ADD CONSTRAINT mail_queue_written CHECK (
      (recipient IS NOT NULL AND language IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
      OR (kind IN ('gathering-reminder', 'digest', 'survey-invitation') AND status = 'pending'))`);
  // At most once per survey and member, sent or not, whatever planned it.
  await db.query(`CREATE UNIQUE INDEX mail_queue_survey_once ON mail_queue (survey_id, member_id) WHERE kind = 'survey-invitation'`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM mail_queue WHERE kind = 'survey-invitation'`);
  await db.query(`DROP INDEX mail_queue_survey_once`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_written, ADD CONSTRAINT mail_queue_written CHECK (
      (recipient IS NOT NULL AND language IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
      OR (kind IN ('gathering-reminder', 'digest') AND status = 'pending'))`);
  await db.query(`ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_survey, DROP COLUMN survey_id`);
}

export const SurveyInvitations1764000017000 = defineMigration('SurveyInvitations1764000017000', up, down);
