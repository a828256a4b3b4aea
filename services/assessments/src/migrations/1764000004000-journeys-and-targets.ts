import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'targets', {}, `
      organization_id uuid NOT NULL,
      dimension text NOT NULL,
      stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 5),
      set_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consortium_id, organization_id, dimension)
    `);
  await createTenantTable(db, 'journeys', { key: 'id' }, `
      organization_id uuid NOT NULL,
      assessment_id uuid NOT NULL REFERENCES assessments(id),
      created_at timestamptz NOT NULL
    `);
  await db.query(`CREATE INDEX journeys_by_organization ON journeys (consortium_id, organization_id, created_at)`);
  await db.query(`
    CREATE TABLE milestones (
      id uuid PRIMARY KEY,
      journey_id uuid NOT NULL REFERENCES journeys(id),
      position integer NOT NULL,
      dimension text NOT NULL,
      from_stage smallint NOT NULL,
      to_stage smallint NOT NULL,
      step jsonb NOT NULL,
      resources jsonb NOT NULL,
      completed_at timestamptz,
      completed_by uuid,
      note text,
      UNIQUE (journey_id, position)
    )`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE milestones, journeys, targets`);
}

/** Target stages an organisation sets, and the journeys generated from its assessments. */
export const JourneysAndTargets1764000004000 = defineMigration('JourneysAndTargets1764000004000', up, down);
