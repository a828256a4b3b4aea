import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/**
 * A member's join plans the invitations of every consortium survey still open: one event, several
 * surveys, so the once-per-event key names the survey too.
 */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`DROP INDEX mail_queue_once`);
  await db.query(`CREATE UNIQUE INDEX mail_queue_once ON mail_queue (event_id, member_id, kind, gathering_id, reminder_offset_minutes, payment_milestone, survey_id) NULLS NOT DISTINCT`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM mail_queue a USING mail_queue b
    WHERE a.kind = 'survey-invitation' AND b.kind = 'survey-invitation' AND a.event_id = b.event_id AND a.member_id = b.member_id AND a.id > b.id`);
  await db.query(`DROP INDEX mail_queue_once`);
  await db.query(`CREATE UNIQUE INDEX mail_queue_once ON mail_queue (event_id, member_id, kind, gathering_id, reminder_offset_minutes, payment_milestone) NULLS NOT DISTINCT`);
}

export const SurveyInvitationsOnJoin1764000018300 = defineMigration('SurveyInvitationsOnJoin1764000018300', up, down);
