import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'consortia', { key: 'consortium' }, `
      default_language text NOT NULL,
      created_at timestamptz NOT NULL
    `);
  await createTenantTable(db, 'organizations', {}, `
      organization_id uuid NOT NULL,
      category text NOT NULL,
      PRIMARY KEY (consortium_id, organization_id)
    `);
  await createTenantTable(db, 'organization_activity', {}, `
      organization_id uuid NOT NULL,
      first_active_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, organization_id)
    `);
  await createTenantTable(db, 'attendance', {}, `
      gathering_id uuid NOT NULL,
      member_id uuid NOT NULL,
      gathering_kind text NOT NULL,
      PRIMARY KEY (consortium_id, gathering_id, member_id)
    `);
  await createTenantTable(db, 'indicators', {}, `
      key text NOT NULL,
      outcome smallint NOT NULL,
      value numeric NOT NULL,
      target numeric,
      status text NOT NULL,
      updated_at timestamptz NOT NULL,
      last_event_id uuid,
      PRIMARY KEY (consortium_id, key)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE indicators, attendance, organization_activity, organizations, consortia`);
}

/**
 * Evaluation keeps facts learned from events (idempotent by primary key) and derives indicators
 * from them, so a fact seen twice is still counted once and arrival order does not matter.
 */
export const EvaluationFoundation1764000004000 = defineMigration('EvaluationFoundation1764000004000', up, down);
