import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'providers', {}, `
      organization_id uuid NOT NULL,
      languages text[] NOT NULL,
      provinces_served text[] NOT NULL,
      remote boolean NOT NULL,
      cost_model jsonb NOT NULL,
      capacity integer NOT NULL CHECK (capacity >= 0),
      response_time_days integer NOT NULL CHECK (response_time_days >= 1),
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, organization_id)
    `);
  await createTenantTable(db, 'offerings', { key: 'id' }, `
      organization_id uuid NOT NULL,
      title text NOT NULL,
      description text,
      dimensions text[] NOT NULL,
      stages smallint[] NOT NULL,
      FOREIGN KEY (consortium_id, organization_id) REFERENCES providers (consortium_id, organization_id) ON DELETE CASCADE
    `);
  await db.query(`CREATE INDEX offerings_dimensions ON offerings USING gin (dimensions)`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE offerings, providers`);
}

/** Provider profiles and their offerings, each mapped to readiness dimensions and stages. */
export const Providers1764000003000 = defineMigration('Providers1764000003000', up, down);
