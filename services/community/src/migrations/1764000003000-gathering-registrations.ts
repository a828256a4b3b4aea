import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE gatherings ADD COLUMN capacity integer CHECK (capacity > 0), ADD COLUMN cancelled_at timestamptz`);
  await createTenantTable(db, 'registrations', {}, `
      gathering_id uuid NOT NULL,
      member_id uuid NOT NULL,
      response text NOT NULL CHECK (response IN ('going', 'maybe', 'not-going')),
      registered_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (gathering_id, member_id),
      FOREIGN KEY (consortium_id, gathering_id) REFERENCES gatherings (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE registrations`);
  await db.query(`ALTER TABLE gatherings DROP COLUMN cancelled_at, DROP COLUMN capacity`);
}

/** Capacity, cancellation and registration (RSVP), kept apart from attendance. */
export const GatheringRegistrations1764000003000 = defineMigration('GatheringRegistrations1764000003000', up, down);
