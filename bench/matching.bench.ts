import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { consortiumToken, TestSystem } from '@ccndr/testing';
import { measure, report } from './harness';

const providers = 10_000;
const pastEngagements = 20_000;
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

/**
 * Ranking one need among 10,000 providers that all offer its dimension, with a history of
 * 20,000 engagements (declines, ratings, response records) and earlier suggestion lists.
 * Baseline: reading the candidate providers and offerings with one raw query. Product: the
 * refresh route, which reads candidates with their history, ranks, stores the list and appends
 * the match.suggested event in one transaction.
 */
export async function matchingBenchmark(): Promise<void> {
  const system = await TestSystem.start({ services: ['provider-matching'] });
  const db = new Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    await db.query(`SET search_path TO provider_matching`);
    const { consortiumId, needId } = await seed(db);
    const token = await consortiumToken({ [consortiumId]: ['coordinator'] });

    const baseline = await measure(`raw query of the ${providers} candidate providers`, rounds, () =>
      db.query(
        `SELECT p.*, o.dimensions, o.stages FROM providers p JOIN offerings o ON o.consortium_id = p.consortium_id AND o.organization_id = p.organization_id
         WHERE p.consortium_id = $1 AND 'cybersecurity' = ANY (o.dimensions)`,
        [consortiumId],
      ),
    );
    const product = await measure(`POST /needs/{id}/suggestions (rank, store, event)`, rounds, async () => {
      const response = await system.call('provider-matching', 'POST', `/consortia/${consortiumId}/needs/${needId}/suggestions`, { token });
      if (response.status !== 200 || response.body.length !== 10) throw new Error(`suggestions: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    });
    report({
      name: 'matching',
      description: `rank suggestions for one need among ${providers} providers`,
      setup: { providers, pastEngagements, rounds },
      baseline,
      product,
    });
  } finally {
    await db.end();
    await system.stop();
  }
}

/** Straight into the service's tables: the community directory, the framework, providers, history. */
async function seed(db: Client): Promise<{ consortiumId: string; needId: string }> {
  const consortiumId = randomUUID();
  const nonprofit = randomUUID();
  const needId = randomUUID();
  await db.query(`INSERT INTO consortia (consortium_id, created_at) VALUES ($1, now())`, [consortiumId]);
  await db.query(`INSERT INTO consortium_frameworks VALUES ($1, '2026.1', $2, now())`, [
    consortiumId,
    JSON.stringify(['cybersecurity', 'digital-tools', 'data-governance'].map((key) => ({ key, name: { fr: key, en: key } }))),
  ]);
  const provinces = `ARRAY['AB','BC','MB','NB','NL','NS','NT','NU','ON','PE','QC','SK','YT']`;
  await db.query(
    `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, preferred_language)
     SELECT $1, gen_random_uuid(), 'service-provider', (${provinces})[1 + i % 13], CASE WHEN i % 3 = 0 THEN 'en' ELSE 'fr' END FROM generate_series(1, $2) i`,
    [consortiumId, providers],
  );
  await db.query(
    `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, preferred_language)
     SELECT $1, CASE WHEN i = 0 THEN $2::uuid ELSE gen_random_uuid() END, 'youth-employment-nonprofit', (${provinces})[1 + i % 13], 'fr' FROM generate_series(0, 999) i`,
    [consortiumId, nonprofit],
  );
  await db.query(
    `INSERT INTO providers (consortium_id, organization_id, languages, provinces_served, remote, cost_model, capacity, response_time_days, registered_at, updated_at)
     SELECT o.consortium_id, o.organization_id,
            CASE WHEN n % 3 = 0 THEN ARRAY['en'] WHEN n % 3 = 1 THEN ARRAY['fr'] ELSE ARRAY['fr', 'en'] END,
            ARRAY[o.province_or_territory], n % 4 = 0,
            CASE WHEN n % 3 = 0 THEN '{"kind": "free", "feeRange": null}'::jsonb ELSE jsonb_build_object('kind', CASE WHEN n % 3 = 1 THEN 'subsidised' ELSE 'fee' END, 'feeRange', jsonb_build_object('min', n % 5 * 250, 'max', 500 + n % 7 * 500)) END,
            1 + n % 5, 1 + n % 10, now() - interval '400 days', now() - interval '200 days'
     FROM (SELECT *, row_number() OVER () AS n FROM organizations WHERE consortium_id = $1 AND category = 'service-provider') o`,
    [consortiumId],
  );
  await db.query(
    `INSERT INTO offerings (id, consortium_id, organization_id, title, dimensions, stages)
     SELECT gen_random_uuid(), consortium_id, organization_id, 'Offering', ARRAY['cybersecurity', 'digital-tools'], ARRAY[1 + n % 5, 1 + (n + 1) % 5]
     FROM (SELECT *, row_number() OVER () AS n FROM providers WHERE consortium_id = $1) p
     UNION ALL
     SELECT gen_random_uuid(), consortium_id, organization_id, 'Second offering', ARRAY['data-governance'], ARRAY[2, 3] FROM providers WHERE consortium_id = $1`,
    [consortiumId],
  );
  // History: closed needs of the nonprofits, engagements with every outcome, ratings, earlier lists.
  await db.query(
    `INSERT INTO needs (id, consortium_id, organization_id, status, origin, dimension, language, budget_max, staff_hours_per_week, posted_at)
     SELECT gen_random_uuid(), consortium_id, organization_id, 'closed', 'posted', 'cybersecurity', 'fr', 1000, 3, now() - interval '100 days'
     FROM organizations WHERE consortium_id = $1 AND category = 'youth-employment-nonprofit'`,
    [consortiumId],
  );
  await db.query(
    `WITH p AS (SELECT organization_id, row_number() OVER () AS n FROM providers WHERE consortium_id = $1),
          nd AS (SELECT id, organization_id, row_number() OVER () AS n FROM needs WHERE consortium_id = $1)
     INSERT INTO engagements (id, consortium_id, need_id, nonprofit_id, provider_id, status, requested_at, respond_by, expires_at, responded_at, decline_reason, updated_at)
     SELECT gen_random_uuid(), $1, nd.id, nd.organization_id, p.organization_id,
            (ARRAY['declined', 'completed', 'completed', 'active', 'expired'])[1 + i % 5],
            now() - interval '90 days', now() - interval '85 days', now() - interval '80 days',
            CASE WHEN i % 5 = 4 THEN NULL ELSE now() - interval '88 days' + (i % 7) * interval '1 day' END,
            CASE WHEN i % 5 = 0 THEN (ARRAY['no-capacity', 'outside-expertise', 'language', 'region', 'budget', 'timing', 'other'])[1 + i % 7] END,
            now() - interval '80 days'
     FROM generate_series(1, $2) i
     JOIN p ON p.n = 1 + i % ${providers}
     JOIN nd ON nd.n = 1 + (i + i / ${providers}) % 1000`,
    [consortiumId, pastEngagements],
  );
  await db.query(
    `INSERT INTO engagement_ratings (engagement_id, side, score, rated_at)
     SELECT id, 'nonprofit', 1 + abs(hashtext(id::text)) % 5, now() - interval '70 days' FROM engagements WHERE consortium_id = $1 AND status = 'completed'`,
    [consortiumId],
  );
  await db.query(
    `INSERT INTO suggestions (consortium_id, need_id, provider_id, rank, score, full_capacity, factors, computed_at)
     SELECT $1, nd.id, (SELECT organization_id FROM providers WHERE consortium_id = $1 ORDER BY organization_id OFFSET (n * 7) % ${providers} LIMIT 1), 1, 80, false, '[]', now() - interval '5 days'
     FROM (SELECT id, row_number() OVER () AS n FROM needs WHERE consortium_id = $1) nd`,
    [consortiumId],
  );
  await db.query(
    `INSERT INTO needs (id, consortium_id, organization_id, status, origin, dimension, target_stage, language, budget_max, staff_hours_per_week, posted_at)
     VALUES ($1, $2, $3, 'open', 'posted', 'cybersecurity', 2, 'fr', 1000, 3, now())`,
    [needId, consortiumId, nonprofit],
  );
  await db.query(`ANALYZE`);
  return { consortiumId, needId };
}
