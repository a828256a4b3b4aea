import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable } from '@ccndr/persistence';

/** A consortium's own targets, set by its coordinators in place of the programme's defaults. */
export class Targets1764000008000 implements MigrationInterface {
  name = 'Targets1764000008000';

  async up(db: QueryRunner): Promise<void> {
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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicators DROP COLUMN target_due_on`);
    await db.query(`DROP TABLE targets`);
  }
}
