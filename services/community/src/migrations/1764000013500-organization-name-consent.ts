import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

/**
 * An organisation's consent to be named in the programme's reports: its name leaves the service (in
 * its events) only with it, since an advisor organisation may be one person.
 */
async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE organizations ADD COLUMN name_in_reports boolean NOT NULL DEFAULT false`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE organizations DROP COLUMN name_in_reports`);
}

export const OrganizationNameConsent1764000013500 = defineMigration('OrganizationNameConsent1764000013500', up, down);
