import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'self_identifications', {}, `
      member_id uuid NOT NULL,
      consented_at timestamptz NOT NULL,
      age_band text,
      identity_groups text[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consortium_id, member_id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
  await createTenantTable(db, 'consent_log', {}, `
      member_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('given', 'withdrawn')),
      at timestamptz NOT NULL DEFAULT now()
    `);
  await db.query(`CREATE INDEX consent_log_member ON consent_log (consortium_id, member_id, at)`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE consent_log, self_identifications`);
}

/**
 * Optional self-identified diversity data, held only with consent. Withdrawing deletes the data;
 * the consent log keeps when consent was given and withdrawn, never the answers.
 */
export const SelfIdentification1764000008000 = defineMigration('SelfIdentification1764000008000', up, down);
