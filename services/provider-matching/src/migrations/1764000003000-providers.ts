import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable } from '@ccndr/persistence';

/** Provider profiles and their offerings, each mapped to readiness dimensions and stages. */
export class Providers1764000003000 implements MigrationInterface {
  name = 'Providers1764000003000';

  async up(db: QueryRunner): Promise<void> {
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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE offerings, providers`);
  }
}
