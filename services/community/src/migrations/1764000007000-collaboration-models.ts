import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'collaboration_models', { key: 'id', referencesConsortia: true }, `
      circle_id uuid NOT NULL,
      title text NOT NULL,
      description text NOT NULL,
      prototype smallint CHECK (prototype BETWEEN 1 AND 3),
      business_model_notes text,
      proposed_by uuid NOT NULL,
      organization_id uuid NOT NULL,
      proposed_at timestamptz NOT NULL DEFAULT now(),
      viability jsonb,
      UNIQUE (consortium_id, id),
      FOREIGN KEY (consortium_id, circle_id) REFERENCES circles (consortium_id, id),
      FOREIGN KEY (consortium_id, proposed_by) REFERENCES members (consortium_id, id)
    `);
  await createTenantTable(db, 'model_experts', {}, `
      model_id uuid NOT NULL,
      member_id uuid NOT NULL,
      PRIMARY KEY (model_id, member_id),
      FOREIGN KEY (consortium_id, model_id) REFERENCES collaboration_models (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
  await createTenantTable(db, 'model_reviews', { key: 'id' }, `
      model_id uuid NOT NULL,
      member_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      reviewer_role text NOT NULL CHECK (reviewer_role IN ('stakeholder', 'expert')),
      scores jsonb NOT NULL,
      comment text,
      reviewed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (model_id, member_id),
      FOREIGN KEY (consortium_id, model_id) REFERENCES collaboration_models (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE model_reviews, model_experts, collaboration_models`);
}

/** Collaboration models proposed by circles, their designated experts, reviews and viability checklist. */
export const CollaborationModels1764000007000 = defineMigration('CollaborationModels1764000007000', up, down);
