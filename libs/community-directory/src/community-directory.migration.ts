import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'consortia', { key: 'consortium' }, `created_at timestamptz NOT NULL`);
  await createTenantTable(db, 'organizations', {}, `
      organization_id uuid NOT NULL,
      category text NOT NULL,
      province_or_territory text,
      preferred_language text,
      left_at timestamptz,
      PRIMARY KEY (consortium_id, organization_id)
    `);
  await createTenantTable(db, 'members', {}, `
      member_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      sign_in_key text,
      left_at timestamptz,
      PRIMARY KEY (consortium_id, member_id)
    `);
  await db.query(`CREATE INDEX members_sign_in ON members (consortium_id, sign_in_key) WHERE sign_in_key IS NOT NULL AND left_at IS NULL`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE members, organizations, consortia`);
}

/** The community as another service knows it from community's events: consortia, organisations, members. */
export const CommunityDirectory1764000001500 = defineMigration('CommunityDirectory1764000001500', up, down);
