import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE organizations ADD COLUMN province_or_territory text, ADD COLUMN country text, ADD COLUMN updated_at timestamptz`);
  await db.query(`ALTER TABLE attendance ADD COLUMN organization_id uuid`);
  // Members' roles in the consortium: the expertise represented at gatherings (not self-identified data).
  await createTenantTable(db, 'members', {}, `
      member_id uuid NOT NULL,
      role text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, member_id)
    `);
  await createTenantTable(db, 'gatherings', {}, `
      gathering_id uuid NOT NULL,
      kind text NOT NULL,
      starts_at timestamptz NOT NULL,
      cancelled boolean NOT NULL DEFAULT false,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, gathering_id)
    `);
  await createTenantTable(db, 'registrations', {}, `
      gathering_id uuid NOT NULL,
      member_id uuid NOT NULL,
      response text NOT NULL,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, gathering_id, member_id)
    `);
  await createTenantTable(db, 'feedback_scores', {}, `
      response_id uuid NOT NULL,
      question_key text NOT NULL,
      criterion text,
      score smallint NOT NULL,
      PRIMARY KEY (consortium_id, response_id, question_key)
    `);
  await createTenantTable(db, 'circles', {}, `
      circle_id uuid NOT NULL,
      prototype smallint,
      PRIMARY KEY (consortium_id, circle_id)
    `);
  // Joins and leaves as they happened: membership at any time is the latest of them.
  await createTenantTable(db, 'circle_membership_changes', {}, `
      circle_id uuid NOT NULL,
      member_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      at timestamptz NOT NULL,
      joined boolean NOT NULL,
      PRIMARY KEY (consortium_id, circle_id, member_id, at, joined)
    `);
  await createTenantTable(db, 'knowledge_interactions', {}, `
      interaction_id uuid NOT NULL,
      kind text NOT NULL,
      organization_id uuid NOT NULL,
      cross_organization boolean NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, interaction_id)
    `);
  await createTenantTable(db, 'collaboration_models', {}, `
      model_id uuid NOT NULL,
      circle_id uuid NOT NULL,
      prototype smallint,
      proposed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, model_id)
    `);
  await createTenantTable(db, 'model_review_scores', {}, `
      review_id uuid NOT NULL,
      model_id uuid NOT NULL,
      reviewer_role text NOT NULL,
      criterion text NOT NULL,
      score smallint NOT NULL,
      reviewed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, review_id, criterion)
    `);
  await createTenantTable(db, 'model_viability', {}, `
      model_id uuid NOT NULL,
      scalability boolean NOT NULL,
      efficient_use_of_resources boolean NOT NULL,
      sustainability boolean NOT NULL,
      checked_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, model_id)
    `);
  await createTenantTable(db, 'representation_snapshots', {}, `
      gathering_id uuid NOT NULL,
      attendees integer NOT NULL,
      self_identified integer,
      age_bands jsonb NOT NULL,
      identity_groups jsonb NOT NULL,
      taken_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, gathering_id)
    `);
  await createTenantTable(db, 'assessment_scores', {}, `
      assessment_id uuid NOT NULL,
      dimension text NOT NULL,
      score numeric NOT NULL,
      PRIMARY KEY (consortium_id, assessment_id, dimension)
    `);
  await createTenantTable(db, 'journeys', {}, `
      journey_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      milestones integer NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, journey_id)
    `);
  await createTenantTable(db, 'journey_milestones_completed', {}, `
      journey_id uuid NOT NULL,
      milestone_id uuid NOT NULL,
      PRIMARY KEY (consortium_id, journey_id, milestone_id)
    `);
  await createTenantTable(db, 'consortium_frameworks', { key: 'consortium' }, `
      dimensions jsonb NOT NULL,
      adopted_at timestamptz NOT NULL
    `);
  await db.query(`
    ALTER TABLE indicators
      ALTER COLUMN outcome DROP NOT NULL,
      ALTER COLUMN value DROP NOT NULL,
      ADD COLUMN label jsonb,
      ADD COLUMN position integer,
      ADD COLUMN unit text,
      ADD COLUMN comparison text,
      ADD COLUMN target_max numeric`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE indicators DROP COLUMN label, DROP COLUMN position, DROP COLUMN unit, DROP COLUMN comparison, DROP COLUMN target_max`);
  await db.query(`
    DROP TABLE members, consortium_frameworks, journey_milestones_completed, journeys, assessment_scores, representation_snapshots, model_viability,
      model_review_scores, collaboration_models, knowledge_interactions, circle_membership_changes, circles, feedback_scores, registrations, gatherings`);
  await db.query(`ALTER TABLE attendance DROP COLUMN organization_id`);
  await db.query(`ALTER TABLE organizations DROP COLUMN province_or_territory, DROP COLUMN country, DROP COLUMN updated_at`);
}

/**
 * Facts behind outcomes 1–4 and readiness, each stored by its natural key (a redelivered or late
 * event changes nothing it should not), and indicators that carry their label, unit, target range
 * and breakdown.
 */
export const OutcomeFacts1764000007000 = defineMigration('OutcomeFacts1764000007000', up, down);
