import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { organizationCategories, memberRoles, provincesAndTerritories } from '@ccndr/contracts';
import { notifyChannels } from '@ccndr/persistence';
import { consortiumToken, TestSystem } from '@ccndr/testing';
import { percentilesOf, reportLatency } from './harness';

const samples = Number(process.env.BENCH_ROUNDS ?? 200);
/** Fact rows a year of the large consortium holds (≈ 69,000: 345,000 in five years, issue 25's large consortium). */
const scale = Number(process.env.BENCH_SCALE ?? 1);
const years = (process.env.BENCH_YEARS ?? '1,5').split(',').map(Number);

/**
 * Recomputation of a large consortium as its history grows: one year of facts, then five (about
 * 69,000 fact rows a year, 345,000 at five years). The facts are inserted with SQL shaped like what
 * the event handlers' batch writes leave (the same tables, columns and keys; deterministic ids),
 * not published as events: this measures recomputation, not ingest. Each year ends where the next
 * begins, the latest ending now; older years are added behind the first.
 *
 * The facts' rollups (each gathering's counts) are built by the statement the handlers' batch writes
 * run. Measured one at a time: the live indicators as the refresher recomputes them after a command
 * (a target of outcome 1 set through the API, until its stale mark is cleared: the command, the
 * statement of the target's section, reading the rollups, and the write of its rows); the
 * refresher's recomputation alone, from a mark's commit to the refresher's (a target written and
 * the sections marked as an event's handler marks them), of outcome 1, of the attendance rate
 * (whose entries list every gathering held) and of every section; and through the API the whole history as of today (`asOf`:
 * a period, read from the facts) and the last quarter (`from`, `to`).
 */
export async function recomputeBenchmark(): Promise<void> {
  const system = await TestSystem.start({ services: ['evaluation'] });
  // The benchmark's own connection (as the admin): the rollups built, and the refresher watched.
  const db = new Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    const consortiumId = randomUUID();
    await system.sql(once, [consortiumId, [...organizationCategories], [...memberRoles], [...provincesAndTerritories]]);
    const token = await consortiumToken({ [consortiumId]: ['observer', 'coordinator'] });
    const today = new Date().toISOString().slice(0, 10);
    const quarterStart = new Date(Date.now() - 91 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const read = (path: string) => async () => {
      const { status, body } = await system.call('evaluation', 'GET', path, { token });
      if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
    };
    // The refresher's commit announces that the consortium's indicators changed: the wait below wakes on it.
    let announced = 0;
    let wake: (() => void) | undefined;
    db.on('notification', (message) => {
      if (message.payload !== consortiumId) return;
      announced++;
      wake?.();
    });
    await db.query(`LISTEN ${notifyChannels.indicatorsChanged.in('evaluation')}`);
    /**
     * Until the refresher has cleared the consortium's stale mark: looked at when its commit announces the change, and at
     * least every 100 ms (a pass that changed nothing announces nothing); at most a minute. Not polled a millisecond apart:
     * on a machine of two cores, the polling took the refresher's CPU.
     */
    const recomputed = async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const seen = announced;
        if (!(await db.query(`SELECT 1 FROM evaluation.stale_indicators WHERE consortium_id = $1`, [consortiumId])).rowCount) return;
        if (Date.now() > deadline) throw new Error('the refresher did not recompute the consortium within a minute');
        if (announced !== seen) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    };
    let target = 0;
    // A pass starts no sooner than 10 ms, or twice the last pass's length, after the last one began: the next command waits
    // past that, outside the measured time (what is timed is a recomputation, not the refresher's spacing).
    const between = 60;
    // A mark written without its sections asks for every one (the column's default).
    const [{ column_default: everySection }] = (
      await db.query(`SELECT column_default FROM information_schema.columns WHERE table_schema = 'evaluation' AND table_name = 'stale_indicators' AND column_name = 'sections'`)
    ).rows;
    /**
     * A target written in the table and the sections `sections` marked stale (bits of services/evaluation/src/indicators/sections.ts),
     * as an event's handler marks them, the refresher told at commit; until the refresher has written the sections. The
     * target's row must then hold the new target: the mark recomputed its section.
     */
    const sectionRecomputed = (key: string, sections: number) => async () => {
      const value = 10 + (target++ % 2);
      await db.query(
        `WITH target AS (
           INSERT INTO evaluation.targets (consortium_id, key, comparison, value, changed_at) VALUES ($1, $2, 'at-least', $3, now())
           ON CONFLICT (consortium_id, key) DO UPDATE SET comparison = excluded.comparison, value = excluded.value, changed_at = excluded.changed_at RETURNING 1),
         marked AS (INSERT INTO evaluation.stale_indicators (consortium_id, last_event_id, sections) SELECT $1, gen_random_uuid(), $4 FROM target RETURNING 1)
         SELECT ${notifyChannels.indicatorsStale.notifySql("''", "'evaluation'")} FROM marked`,
        [consortiumId, key, value, sections],
      );
      await recomputed();
      const [row] = (await db.query(`SELECT target FROM evaluation.indicators WHERE consortium_id = $1 AND key = $2`, [consortiumId, key])).rows;
      if (Number(row?.target) !== value) throw new Error(`the mark ${sections} did not recompute ${key}'s section`);
    };
    const reads = [
      {
        name: 'live',
        what: 'live indicators recomputed after a command (PUT of a target of outcome 1 through the API, until the refresher has written them)',
        run: async () => {
          const { status, body } = await system.call('evaluation', 'PUT', `/consortia/${consortiumId}/indicators/o1.meeting-participants/target`, { token, body: { value: 10 + (target++ % 2) } });
          if (status !== 200) throw new Error(`target: ${status} ${JSON.stringify(body)}`);
          await recomputed();
        },
        between,
      },
      { name: 'outcome1', what: 'outcome 1 recomputed (a target written and its section marked)', run: sectionRecomputed('o1.meeting-participants', 1), between },
      { name: 'attendance', what: 'the attendance rate recomputed (a target written and its section marked)', run: sectionRecomputed('o2.attendance-rate', 2), between },
      { name: 'all', what: 'every section recomputed (a target written and every section marked)', run: sectionRecomputed('o3.models-proposed', Number(everySection)), between },
      { name: 'history', what: `whole history as of ${today}`, run: read(`/consortia/${consortiumId}/indicators?asOf=${today}`), between: 0 },
      { name: 'quarter', what: `last quarter (${quarterStart}..${today})`, run: read(`/consortia/${consortiumId}/indicators?from=${quarterStart}&to=${today}`), between: 0 },
    ];
    const first = new Map<string, ReturnType<typeof percentilesOf>>();
    let built = 0;
    for (const yearCount of years) {
      for (; built < yearCount; built++) await system.sql(year, [consortiumId, built, scale]);
      // The rollups the handlers' batch writes keep, by the statement they run, for every gathering, member and month at once.
      await db.query(`SET search_path TO evaluation`);
      await db.query(
        `SELECT refresh_rollups(array_agg(consortium_id), array_agg(gathering_id), array_agg(member_id), array_agg(month), array_agg(organization), array_agg(circle_id)) FROM (
           SELECT consortium_id, gathering_id, NULL::uuid AS member_id, NULL::date AS month, NULL::uuid AS organization, NULL::uuid AS circle_id FROM gatherings WHERE consortium_id = $1
           UNION ALL SELECT consortium_id, NULL, member_id, NULL, NULL, NULL FROM members WHERE consortium_id = $1
           UNION SELECT consortium_id, NULL, NULL, date_trunc('month', at AT TIME ZONE 'UTC')::date, NULL, NULL FROM knowledge_interactions WHERE consortium_id = $1
           UNION SELECT consortium_id, NULL, NULL, NULL, coalesce(organization_id, response_id), NULL FROM feedback_scores WHERE consortium_id = $1
           UNION SELECT consortium_id, NULL, member_id, NULL, NULL, circle_id FROM circle_membership_changes WHERE consortium_id = $1) k`,
        [consortiumId],
      );
      await db.query(`RESET search_path`);
      await system.sql(`ANALYZE`);
      // The live rows computed once (the refresher's poll finds the mark), so that a target can be set.
      await db.query(`INSERT INTO evaluation.stale_indicators (consortium_id, last_event_id) VALUES ($1, gen_random_uuid()) ON CONFLICT DO NOTHING`, [consortiumId]);
      await recomputed();
      const [{ rows }] = await system.sql<{ rows: number }>(factRows, [consortiumId]);
      for (const measured of reads) {
        const ms: number[] = [];
        let lastMs = 0;
        for (let i = 0; i < samples + 5; i++) {
          if (measured.between) await new Promise((resolve) => setTimeout(resolve, Math.max(measured.between, lastMs)));
          const started = process.hrtime.bigint();
          await measured.run();
          lastMs = Number(process.hrtime.bigint() - started) / 1e6;
          // The first few warm the connection pool and the plans' caches.
          if (i >= 5) ms.push(lastMs);
        }
        const latency = percentilesOf(`${measured.what}, ${yearCount} year(s), ${rows} fact rows`, ms);
        const baseline = first.get(measured.name) ?? latency;
        first.set(measured.name, baseline);
        reportLatency({
          name: `recompute-${measured.name}-${yearCount}y`,
          description: `a large consortium's ${measured.what} with ${yearCount} year(s) of facts (baseline: ${years[0]} year)`,
          setup: { years: yearCount, factRows: rows, samples },
          baseline,
          product: latency,
          extra: { p99Ratio: Math.round((latency.p99 / Math.max(baseline.p99, 0.001)) * 100) / 100 },
        });
      }
    }
  } finally {
    await db.end();
    await system.stop();
  }
}

/** Every fact row the consortium has, in the tables the facts statement reads. */
const factRows = `SELECT (${[
  'organizations', 'members', 'gatherings', 'attendance', 'registrations', 'gathering_reminders', 'organization_activities', 'circles', 'circle_membership_changes',
  'knowledge_interactions', 'feedback_scores', 'collaboration_models', 'model_review_scores', 'model_viability', 'representation_snapshots', 'partnerships',
  'partnership_steps', 'collaboration_records', 'completed_assessments', 'assessment_scores', 'journeys', 'journey_milestones_completed',
]
  .map((table) => `(SELECT count(*) FROM evaluation.${table} WHERE consortium_id = $1)`)
  .join(' + ')})::int AS rows`;

/** A deterministic id of the consortium's `kind` number `n` (the same id each time it is named). */
const id = (kind: string, n: string) => `md5($1::uuid::text || ':${kind}:' || (${n})::text)::uuid`;

/** What a consortium has once: itself (created five years ago), 300 organisations, 1,500 members, a framework of 8 dimensions. */
const once = `
  WITH c AS (INSERT INTO evaluation.consortia (consortium_id, default_language, created_at) VALUES ($1::uuid, 'fr', now() - interval '5 years') RETURNING 1),
  o AS (INSERT INTO evaluation.organizations (consortium_id, organization_id, category, province_or_territory, country, updated_at)
        SELECT $1::uuid, ${id('organization', 'o')}, ($2::text[])[1 + o % array_length($2::text[], 1)], ($4::text[])[1 + o % array_length($4::text[], 1)], 'CA', now() - interval '5 years'
        FROM generate_series(0, 299) o RETURNING 1),
  m AS (INSERT INTO evaluation.members (consortium_id, member_id, role, updated_at)
        SELECT $1::uuid, ${id('member', 'm')}, ($3::text[])[1 + m % array_length($3::text[], 1)], now() - interval '5 years' FROM generate_series(0, 1499) m RETURNING 1),
  f AS (INSERT INTO evaluation.consortium_frameworks (consortium_id, dimensions, adopted_at)
        SELECT $1::uuid, jsonb_agg(jsonb_build_object('key', 'd' || d, 'name', jsonb_build_object('fr', 'Dimension ' || d, 'en', 'Dimension ' || d)) ORDER BY d), now() - interval '5 years'
        FROM generate_series(1, 8) d RETURNING 1)
  SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM o) + (SELECT count(*) FROM m) + (SELECT count(*) FROM f) AS inserted`;

/**
 * Year `$2` back from now (0: the last twelve months) of the consortium's facts, `$3` times as
 * many of each: 150 gatherings (a third of them consortium meetings) with 105 registrations, 80
 * reminders, 95 attending and a representation snapshot each; each organisation active every
 * month; 30 working groups with 40 joins and 10 leaves each; 9,000 knowledge interactions; 1,500
 * survey responses on 4 criteria; 20 models with 10 reviews on 3 criteria and a viability check
 * each; 40 partnerships with their steps and 1,000 collaborations recorded; 300 assessments on 8
 * dimensions; 300 journeys with 1,500 milestones completed.
 */
const year = `
  WITH span AS (SELECT now() - ($2 + 1) * interval '1 year' AS t0, interval '1 year' AS len, $3::int AS k),
  g AS (INSERT INTO evaluation.gatherings (consortium_id, gathering_id, kind, starts_at, cancelled, changed_at)
        SELECT $1::uuid, ${id('gathering', `$2 * 100000 + g`)}, CASE WHEN g % 3 = 0 THEN 'consortium-meeting' ELSE 'workshop' END, t0 + len * (g + 0.5) / (150 * k), false, t0
        FROM span, generate_series(0, 150 * k - 1) g RETURNING 1),
  a AS (INSERT INTO evaluation.attendance (consortium_id, gathering_id, member_id, organization_id, gathering_kind, present, changed_at)
        SELECT $1::uuid, ${id('gathering', `$2 * 100000 + g`)}, ${id('member', '(g * 7 + p) % 1500')}, ${id('organization', '(g * 7 + p) % 1500 % 300')},
               CASE WHEN g % 3 = 0 THEN 'consortium-meeting' ELSE 'workshop' END, true, t0 + len * (g + 0.5) / (150 * k)
        FROM span, generate_series(0, 150 * k - 1) g, generate_series(0, 94) p RETURNING 1),
  r AS (INSERT INTO evaluation.registrations (consortium_id, gathering_id, member_id, response, changed_at)
        SELECT $1::uuid, ${id('gathering', `$2 * 100000 + g`)}, ${id('member', '(g * 7 + p) % 1500')}, 'going', t0 + len * g / (150 * k)
        FROM span, generate_series(0, 150 * k - 1) g, generate_series(0, 104) p RETURNING 1),
  rm AS (INSERT INTO evaluation.gathering_reminders (consortium_id, gathering_id, member_id, first_sent_at)
        SELECT $1::uuid, ${id('gathering', `$2 * 100000 + g`)}, ${id('member', '(g * 7 + p) % 1500')}, t0 + len * g / (150 * k)
        FROM span, generate_series(0, 150 * k - 1) g, generate_series(0, 79) p RETURNING 1),
  s AS (INSERT INTO evaluation.representation_snapshots (consortium_id, gathering_id, attendees, self_identified, age_bands, identity_groups, taken_at)
        SELECT $1::uuid, ${id('gathering', `$2 * 100000 + g`)}, 95, 60, '{"18-24": 12, "25-34": 30, "35-54": 18}', '{"women": 33}', t0 + len * (g + 0.6) / (150 * k)
        FROM span, generate_series(0, 150 * k - 1) g RETURNING 1),
  oa AS (INSERT INTO evaluation.organization_activities (consortium_id, organization_id, at)
        SELECT $1::uuid, ${id('organization', 'o')}, t0 + len * (mo + o / 300.0) / 12 FROM span, generate_series(0, 299) o, generate_series(0, 12 * k - 1) mo RETURNING 1),
  -- Beside each activity, the organisation's first one (recordActivity writes both).
  of AS (INSERT INTO evaluation.organization_activity (consortium_id, organization_id, first_active_at)
        SELECT $1::uuid, ${id('organization', 'o')}, t0 + len * (o / 300.0) / 12 FROM span, generate_series(0, 299) o
        ON CONFLICT (consortium_id, organization_id) DO UPDATE SET first_active_at = least(organization_activity.first_active_at, excluded.first_active_at) RETURNING 1),
  c AS (INSERT INTO evaluation.circles (consortium_id, circle_id, prototype)
        SELECT $1::uuid, ${id('circle', `$2 * 100000 + c`)}, CASE WHEN c % 4 = 3 THEN NULL ELSE 1 + c % 4 END FROM span, generate_series(0, 30 * k - 1) c RETURNING 1),
  cm AS (INSERT INTO evaluation.circle_membership_changes (consortium_id, circle_id, member_id, organization_id, at, joined)
        SELECT $1::uuid, ${id('circle', `$2 * 100000 + c`)}, ${id('member', '(c * 11 + p) % 1500')}, ${id('organization', '(c * 11 + p) % 1500 % 300')}, t0 + len * (c + p / 100.0) / (30 * k), true
        FROM span, generate_series(0, 30 * k - 1) c, generate_series(0, 39) p
        UNION ALL
        SELECT $1::uuid, ${id('circle', `$2 * 100000 + c`)}, ${id('member', '(c * 11 + p) % 1500')}, ${id('organization', '(c * 11 + p) % 1500 % 300')}, t0 + len * (c + 0.9) / (30 * k), false
        FROM span, generate_series(0, 30 * k - 1) c, generate_series(0, 9) p RETURNING 1),
  ki AS (INSERT INTO evaluation.knowledge_interactions (consortium_id, interaction_id, kind, organization_id, cross_organization, at)
        SELECT $1::uuid, ${id('interaction', `$2 * 10000000 + i`)}, (ARRAY['resource', 'thread', 'reply', 'reaction'])[1 + i % 4], ${id('organization', 'i % 300')}, i % 3 = 0, t0 + len * i / (9000 * k)
        FROM span, generate_series(0, 9000 * k - 1) i RETURNING 1),
  fs AS (INSERT INTO evaluation.feedback_scores (consortium_id, response_id, organization_id, question_key, criterion, score, submitted_at)
        SELECT $1::uuid, ${id('response', `$2 * 10000000 + r`)}, ${id('organization', 'r % 300')}, 'q' || q, (ARRAY['participation', 'perceived-value', 'model-contribution', 'trust-synergy'])[q], 1 + (r + q) % 5,
               t0 + len * r / (1500 * k)
        FROM span, generate_series(0, 1500 * k - 1) r, generate_series(1, 4) q RETURNING 1),
  cmo AS (INSERT INTO evaluation.collaboration_models (consortium_id, model_id, circle_id, prototype, proposed_at)
        SELECT $1::uuid, ${id('model', `$2 * 100000 + m`)}, ${id('circle', `$2 * 100000 + m`)}, 1 + m % 3, t0 + len * m / (20 * k) FROM span, generate_series(0, 20 * k - 1) m RETURNING 1),
  mr AS (INSERT INTO evaluation.model_review_scores (consortium_id, review_id, model_id, reviewer_role, criterion, score, reviewed_at)
        SELECT $1::uuid, ${id('review', `($2 * 100000 + m) * 100 + v`)}, ${id('model', `$2 * 100000 + m`)}, CASE WHEN v % 2 = 0 THEN 'stakeholder' ELSE 'expert' END,
               CASE WHEN v % 2 = 0 THEN (ARRAY['feasibility', 'effectiveness', 'scalability'])[cr] ELSE (ARRAY['impact', 'viability', 'relevance'])[cr] END, 1 + (m + v + cr) % 5,
               t0 + len * (m + 0.5) / (20 * k)
        FROM span, generate_series(0, 20 * k - 1) m, generate_series(0, 9) v, generate_series(1, 3) cr RETURNING 1),
  mv AS (INSERT INTO evaluation.model_viability (consortium_id, model_id, scalability, efficient_use_of_resources, sustainability, checked_at)
        SELECT $1::uuid, ${id('model', `$2 * 100000 + m`)}, m % 2 = 0, true, m % 3 > 0, t0 + len * (m + 0.8) / (20 * k) FROM span, generate_series(0, 20 * k - 1) m RETURNING 1),
  p AS (INSERT INTO evaluation.partnerships (consortium_id, partnership_id, status)
        SELECT $1::uuid, ${id('partnership', `$2 * 100000 + p`)}, (ARRAY['proposed', 'in-negotiation', 'confirmed', 'ended'])[1 + p % 4] FROM span, generate_series(0, 40 * k - 1) p RETURNING 1),
  ps AS (INSERT INTO evaluation.partnership_steps (consortium_id, partnership_id, status, at)
        SELECT $1::uuid, ${id('partnership', `$2 * 100000 + p`)}, (ARRAY['proposed', 'in-negotiation', 'confirmed', 'ended'])[st], t0 + len * (p + st / 5.0) / (40 * k)
        FROM span, generate_series(0, 40 * k - 1) p, generate_series(1, 4) st WHERE st <= 1 + p % 4 RETURNING 1),
  cr AS (INSERT INTO evaluation.collaboration_records (consortium_id, record_id, partnership_id, kind, occurred_on)
        SELECT $1::uuid, ${id('record', `$2 * 10000000 + r`)}, ${id('partnership', `$2 * 100000 + r % (40 * k)`)}, (ARRAY['joint-initiative', 'shared-resource', 'communication'])[1 + r % 3],
               (t0 + len * r / (1000 * k))::date
        FROM span, generate_series(0, 1000 * k - 1) r RETURNING 1),
  ca AS (INSERT INTO evaluation.completed_assessments (consortium_id, assessment_id, organization_id, completed_at)
        SELECT $1::uuid, ${id('assessment', `$2 * 100000 + a`)}, ${id('organization', 'a % 300')}, t0 + len * a / (300 * k) FROM span, generate_series(0, 300 * k - 1) a RETURNING 1),
  sc AS (INSERT INTO evaluation.assessment_scores (consortium_id, assessment_id, dimension, score)
        SELECT $1::uuid, ${id('assessment', `$2 * 100000 + a`)}, 'd' || d, (a + d) % 100 FROM span, generate_series(0, 300 * k - 1) a, generate_series(1, 8) d RETURNING 1),
  j AS (INSERT INTO evaluation.journeys (consortium_id, journey_id, organization_id, milestones, created_at)
        SELECT $1::uuid, ${id('journey', `$2 * 100000 + j`)}, ${id('organization', 'j % 300')}, 10, t0 + len * j / (300 * k) FROM span, generate_series(0, 300 * k - 1) j RETURNING 1),
  jm AS (INSERT INTO evaluation.journey_milestones_completed (consortium_id, journey_id, milestone_id, completed_at)
        SELECT $1::uuid, ${id('journey', `$2 * 100000 + j`)}, ${id('milestone', `($2 * 100000 + j) * 10 + n`)}, t0 + len * (j + n / 10.0) / (300 * k)
        FROM span, generate_series(0, 300 * k - 1) j, generate_series(0, 4) n RETURNING 1)
  SELECT (SELECT count(*) FROM g) + (SELECT count(*) FROM a) + (SELECT count(*) FROM r) + (SELECT count(*) FROM rm) + (SELECT count(*) FROM s) + (SELECT count(*) FROM oa)
       + (SELECT count(*) FROM c) + (SELECT count(*) FROM cm) + (SELECT count(*) FROM ki) + (SELECT count(*) FROM fs) + (SELECT count(*) FROM cmo) + (SELECT count(*) FROM mr)
       + (SELECT count(*) FROM mv) + (SELECT count(*) FROM p) + (SELECT count(*) FROM ps) + (SELECT count(*) FROM cr) + (SELECT count(*) FROM ca) + (SELECT count(*) FROM sc)
       + (SELECT count(*) FROM j) + (SELECT count(*) FROM jm) AS inserted`;
