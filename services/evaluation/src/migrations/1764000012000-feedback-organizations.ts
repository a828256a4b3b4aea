import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE feedback_scores ADD COLUMN organization_id uuid`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE feedback_scores DROP COLUMN organization_id`);
}

/**
 * The organisation behind each survey response (the event carries it): survey figures are averaged
 * per organisation, as the programme's criteria are. Rows applied before it have none until the
 * projection is rebuilt from the stream; each of them counts as an organisation of its own.
 */
export const FeedbackOrganizations1764000012000 = defineMigration('FeedbackOrganizations1764000012000', up, down);
