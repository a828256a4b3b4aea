import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'suggestions', {}, `
      need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
      provider_id uuid NOT NULL,
      rank integer NOT NULL,
      score numeric NOT NULL,
      full_capacity boolean NOT NULL,
      factors jsonb NOT NULL,
      computed_at timestamptz NOT NULL,
      PRIMARY KEY (need_id, provider_id)
    `);
  // Fairness looks up how often each provider led recent suggestion lists.
  await db.query(`CREATE INDEX suggestions_leaders ON suggestions (consortium_id, computed_at) WHERE rank = 1`);
  await createTenantTable(db, 'engagements', { key: 'id' }, `
      need_id uuid NOT NULL REFERENCES needs (id),
      nonprofit_id uuid NOT NULL,
      provider_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'scoped', 'active', 'completed', 'cancelled', 'expired')),
      requested_at timestamptz NOT NULL,
      respond_by timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      reminded_at timestamptz,
      responded_at timestamptz,
      message text,
      decline_reason text,
      scope text,
      started_at timestamptz,
      ended_at timestamptz,
      cancel_reason text,
      updated_at timestamptz NOT NULL
    `);
  await db.query(`CREATE UNIQUE INDEX engagements_live_per_need_and_provider ON engagements (need_id, provider_id) WHERE status NOT IN ('declined', 'cancelled', 'expired')`);
  await db.query(`CREATE INDEX engagements_by_provider ON engagements (consortium_id, provider_id, status)`);
  await db.query(`CREATE INDEX engagements_pending_by_nonprofit ON engagements (consortium_id, nonprofit_id) WHERE status = 'requested'`);
  await db.query(`CREATE INDEX engagements_awaiting_response ON engagements (respond_by) WHERE status = 'requested'`);
  await db.query(`
    CREATE TABLE payment_milestones (
      engagement_id uuid NOT NULL REFERENCES engagements (id),
      milestone text NOT NULL CHECK (milestone IN ('kick-off', 'completion')),
      amount numeric NOT NULL CHECK (amount >= 0),
      due_on date NOT NULL,
      paid_amount numeric,
      paid_on date,
      recorded_at timestamptz,
      PRIMARY KEY (engagement_id, milestone)
    )`);
  await db.query(`
    CREATE TABLE engagement_ratings (
      engagement_id uuid NOT NULL REFERENCES engagements (id),
      side text NOT NULL CHECK (side IN ('nonprofit', 'provider')),
      score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
      comment text,
      rated_at timestamptz NOT NULL,
      PRIMARY KEY (engagement_id, side)
    )`);
  await createTenantTable(db, 'partnerships', { key: 'id' }, `
      organization_ids uuid[] NOT NULL,
      engagement_id uuid REFERENCES engagements (id),
      title text NOT NULL,
      purpose text,
      status text NOT NULL CHECK (status IN ('proposed', 'in-negotiation', 'confirmed', 'ended')),
      proposed_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      ended_at timestamptz,
      updated_at timestamptz NOT NULL
    `);
  await db.query(`CREATE INDEX partnerships_by_consortium ON partnerships (consortium_id, status)`);
  await db.query(`
    CREATE TABLE collaboration_records (
      id uuid PRIMARY KEY,
      partnership_id uuid NOT NULL REFERENCES partnerships (id),
      kind text NOT NULL CHECK (kind IN ('joint-initiative', 'shared-resource', 'communication')),
      occurred_on date NOT NULL,
      summary text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE collaboration_records, partnerships, engagement_ratings, payment_milestones, engagements, suggestions`);
}

/**
 * Ranked suggestions per need, the engagement lifecycle with its payment milestones and ratings,
 * and partnerships with their collaboration records.
 */
export const EngagementsAndPartnerships1764000005000 = defineMigration('EngagementsAndPartnerships1764000005000', up, down);
