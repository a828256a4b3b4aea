import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'targets', {}, `
      key text NOT NULL,
      comparison text NOT NULL CHECK (comparison IN ('more-than', 'at-least', 'between')),
      value numeric NOT NULL CHECK (value >= 0),
      max numeric CHECK (max >= value),
      due_on date,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, key)
    `);
  await db.query(`ALTER TABLE indicators ADD COLUMN target_due_on date`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE indicators DROP COLUMN target_due_on`);
  await db.query(`DROP TABLE targets`);
}

/** A consortium's own targets, set by its coordinators in place of the programme's defaults. */
export const Targets1764000008000 = defineMigration('Targets1764000008000', up, down);
