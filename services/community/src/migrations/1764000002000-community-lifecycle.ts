import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE organizations ADD COLUMN left_at timestamptz`);
  await db.query(`ALTER TABLE members ADD COLUMN left_at timestamptz`);
  await db.query(`ALTER TABLE members ADD COLUMN expertise text[] NOT NULL DEFAULT '{}'`);
  // Names and e-mails are unique among those who take part now; someone who left may come back.
  await db.query(`DROP INDEX organizations_name_per_consortium`);
  await db.query(`CREATE UNIQUE INDEX organizations_name_per_consortium ON organizations (consortium_id, lower(name)) WHERE left_at IS NULL`);
  await db.query(`DROP INDEX members_email_per_consortium`);
  await db.query(`CREATE UNIQUE INDEX members_email_per_consortium ON members (consortium_id, lower(email)) WHERE email IS NOT NULL AND left_at IS NULL`);
  await db.query(`CREATE INDEX members_directory ON members (consortium_id, organization_id) WHERE left_at IS NULL`);
  await db.query(`CREATE INDEX members_expertise ON members USING gin (expertise)`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP INDEX members_expertise, members_directory, members_email_per_consortium, organizations_name_per_consortium`);
  await db.query(`CREATE UNIQUE INDEX organizations_name_per_consortium ON organizations (consortium_id, lower(name))`);
  await db.query(`CREATE UNIQUE INDEX members_email_per_consortium ON members (consortium_id, lower(email)) WHERE email IS NOT NULL`);
  await db.query(`ALTER TABLE members DROP COLUMN expertise, DROP COLUMN left_at`);
  await db.query(`ALTER TABLE organizations DROP COLUMN left_at`);
}

/** Organisations and members can leave (history is kept); members carry expertise tags for the directory. */
export const CommunityLifecycle1764000002000 = defineMigration('CommunityLifecycle1764000002000', up, down);
