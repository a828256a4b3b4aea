import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'partnerships', {}, `
      partnership_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('proposed', 'in-negotiation', 'confirmed', 'ended')),
      PRIMARY KEY (consortium_id, partnership_id)
    `);
  await createTenantTable(db, 'collaboration_records', {}, `
      record_id uuid NOT NULL,
      partnership_id uuid NOT NULL,
      kind text NOT NULL,
      occurred_on date NOT NULL,
      PRIMARY KEY (consortium_id, record_id)
    `);
  await db.query(`ALTER TABLE indicators ADD COLUMN breakdown jsonb`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE indicators DROP COLUMN breakdown`);
  await db.query(`DROP TABLE collaboration_records, partnerships`);
}

/**
 * Outcome 4: partnerships with their furthest status, and the collaboration partners record; an
 * indicator may carry a breakdown (collaboration per month and kind).
 */
export const Partnerships1764000006000 = defineMigration('Partnerships1764000006000', up, down);
