import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'circles', { key: 'id', referencesConsortia: true }, `
      name text NOT NULL,
      description text,
      prototype smallint CHECK (prototype BETWEEN 1 AND 3),
      readiness_dimension text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (consortium_id, id)
    `);
  await db.query(`CREATE UNIQUE INDEX circles_name_per_consortium ON circles (consortium_id, lower(name))`);
  await createTenantTable(db, 'circle_memberships', {}, `
      circle_id uuid NOT NULL,
      member_id uuid NOT NULL,
      joined_at timestamptz NOT NULL,
      left_at timestamptz,
      PRIMARY KEY (circle_id, member_id, joined_at),
      CHECK (left_at IS NULL OR left_at >= joined_at),
      FOREIGN KEY (consortium_id, circle_id) REFERENCES circles (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
  await db.query(`CREATE UNIQUE INDEX circle_memberships_active ON circle_memberships (circle_id, member_id) WHERE left_at IS NULL`);
  await db.query(`CREATE INDEX circle_memberships_member ON circle_memberships (consortium_id, member_id) WHERE left_at IS NULL`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE circle_memberships, circles`);
}

/** Circles (working groups) and their membership history: one row per stretch of active membership. */
export const Circles1764000004000 = defineMigration('Circles1764000004000', up, down);
