import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

const statuses = (list: string[]) => `CHECK (status IN (${list.map((s) => `'${s}'`).join(', ')}))`;
const before = ['requested', 'accepted', 'declined', 'scoped', 'active', 'completed', 'cancelled', 'expired'];

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE engagements DROP CONSTRAINT engagements_status_check`);
  await db.query(`ALTER TABLE engagements ADD CONSTRAINT engagements_status_check ${statuses([...before, 'proposed', 'delivered'])}`);
  await db.query(`ALTER TABLE engagements ADD COLUMN scope_proposed_at timestamptz, ADD COLUMN scope_agreed_at timestamptz, ADD COLUMN delivered_at timestamptz`);
}

async function down(db: QueryRunner): Promise<void> {
  // Engagements in the new statuses go back to the nearest one the old lifecycle knew.
  await db.query(`UPDATE engagements SET status = CASE status WHEN 'proposed' THEN 'scoped' ELSE 'active' END WHERE status IN ('proposed', 'delivered')`);
  await db.query(`ALTER TABLE engagements DROP COLUMN scope_proposed_at, DROP COLUMN scope_agreed_at, DROP COLUMN delivered_at`);
  await db.query(`ALTER TABLE engagements DROP CONSTRAINT engagements_status_check`);
  await db.query(`ALTER TABLE engagements ADD CONSTRAINT engagements_status_check ${statuses(before)}`);
}

/**
 * A scope the provider proposes waits for the nonprofit's agreement (`proposed`), and work the
 * provider delivers waits for the nonprofit's confirmation (`delivered`) before it is `completed`.
 */
export const EngagementAgreements1764000011000 = defineMigration('EngagementAgreements1764000011000', up, down);
