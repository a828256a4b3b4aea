import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  for (const table of ['organizations', 'members']) {
    await db.query(`ALTER TABLE ${table} ADD COLUMN updated_at timestamptz, ADD COLUMN membership_changed_at timestamptz`);
    // A row that has left keeps its leave against an older join applied late.
    await db.query(`UPDATE ${table} SET membership_changed_at = left_at WHERE left_at IS NOT NULL`);
  }
  await db.query(`ALTER TABLE organizations ALTER COLUMN category DROP NOT NULL`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DELETE FROM organizations WHERE category IS NULL`);
  await db.query(`ALTER TABLE organizations ALTER COLUMN category SET NOT NULL`);
  for (const table of ['members', 'organizations']) await db.query(`ALTER TABLE ${table} DROP COLUMN membership_changed_at, DROP COLUMN updated_at`);
}

/**
 * The time of the event each directory row reflects, so that an event applied late (a failing
 * event retried alone, a relay republishing after an outage, a dead letter redriven) cannot undo a
 * newer one: `updated_at` for the profile (category, language, organisation, sign-in key), and
 * `membership_changed_at` for the latest join or leave. A leave may now arrive before its join: its
 * organisation row then has no category until the join arrives, and stays hidden as it has left.
 */
export const CommunityDirectorySourceTimes1764000009200 = defineMigration('CommunityDirectorySourceTimes1764000009200', up, down);
