import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE consortia (
      id uuid PRIMARY KEY,
      name_fr text NOT NULL,
      name_en text NOT NULL,
      default_language text NOT NULL CHECK (default_language IN ('fr', 'en')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  await createTenantTable(db, 'organizations', { key: 'id', referencesConsortia: true }, `
      name text NOT NULL,
      category text NOT NULL,
      province_or_territory text,
      country char(2) NOT NULL,
      preferred_language text NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (consortium_id, id)
    `);
  await db.query(`CREATE UNIQUE INDEX organizations_name_per_consortium ON organizations (consortium_id, lower(name))`);
  await createTenantTable(db, 'members', { key: 'id', referencesConsortia: true }, `
      organization_id uuid NOT NULL,
      display_name text NOT NULL,
      email text,
      role text NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (consortium_id, id),
      FOREIGN KEY (consortium_id, organization_id) REFERENCES organizations (consortium_id, id)
    `);
  await db.query(`CREATE UNIQUE INDEX members_email_per_consortium ON members (consortium_id, lower(email)) WHERE email IS NOT NULL`);
  await createTenantTable(db, 'gatherings', { key: 'id', referencesConsortia: true }, `
      kind text NOT NULL,
      title text NOT NULL,
      starts_at timestamptz NOT NULL,
      scheduled_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (consortium_id, id)
    `);
  await createTenantTable(db, 'attendance', {}, `
      gathering_id uuid NOT NULL,
      member_id uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (gathering_id, member_id),
      FOREIGN KEY (consortium_id, gathering_id) REFERENCES gatherings (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE attendance, gatherings, members, organizations, consortia`);
}

export const CommunityFoundation1764000001000 = defineMigration('CommunityFoundation1764000001000', up, down);
