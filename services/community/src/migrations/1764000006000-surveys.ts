import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'surveys', { key: 'id', referencesConsortia: true }, `
      gathering_id uuid,
      title_fr text NOT NULL,
      title_en text NOT NULL,
      questions jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      closes_at timestamptz,
      UNIQUE (consortium_id, id),
      FOREIGN KEY (consortium_id, gathering_id) REFERENCES gatherings (consortium_id, id)
    `);
  await createTenantTable(db, 'survey_responses', { key: 'id' }, `
      survey_id uuid NOT NULL,
      member_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      answers jsonb NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (survey_id, member_id),
      FOREIGN KEY (consortium_id, survey_id) REFERENCES surveys (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE survey_responses, surveys`);
}

/** Feedback surveys (for a gathering or the consortium) and one response per member per survey. */
export const Surveys1764000006000 = defineMigration('Surveys1764000006000', up, down);
