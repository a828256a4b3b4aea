import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'needs', { key: 'id' }, `
      organization_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
      origin text NOT NULL CHECK (origin IN ('posted', 'readiness-gap')),
      assessment_id uuid,
      dimension text NOT NULL,
      current_stage smallint,
      target_stage smallint,
      priority integer,
      description text,
      language text,
      budget_max numeric,
      starts_on date,
      ends_on date,
      staff_hours_per_week numeric,
      created_at timestamptz NOT NULL DEFAULT now(),
      posted_at timestamptz
    `);
  // One live need per organisation and dimension: a retake refreshes the draft instead of adding one.
  await db.query(`CREATE UNIQUE INDEX needs_live_per_dimension ON needs (consortium_id, organization_id, dimension) WHERE status IN ('draft', 'open')`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE needs`);
}

/** Needs of nonprofits: drafts derived from readiness gaps until confirmed, open once posted. */
export const Needs1764000004000 = defineMigration('Needs1764000004000', up, down);
