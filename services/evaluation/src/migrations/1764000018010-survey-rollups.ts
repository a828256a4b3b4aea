import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

/** The rollups the batch writes kept before: each gathering's counts, each member's attendance by organisation, each month's knowledge interactions. */
const gatheringsMembersAndMonths = `
      INSERT INTO gathering_rollups (consortium_id, gathering_id, registered, attended, registered_attended, reminded, reminded_attended, meeting_attended)
      SELECT k.c, k.g, n.registered, n.attended, n.registered_attended, n.reminded, n.reminded_attended, n.meeting_attended
      FROM (SELECT DISTINCT c, g FROM unnest(consortium_ids, gathering_ids) AS k(c, g) WHERE g IS NOT NULL) k CROSS JOIN LATERAL gathering_counts(k.c, k.g, NULL) n
      ON CONFLICT (consortium_id, gathering_id) DO UPDATE
        SET registered = excluded.registered, attended = excluded.attended, registered_attended = excluded.registered_attended, reminded = excluded.reminded,
            reminded_attended = excluded.reminded_attended, meeting_attended = excluded.meeting_attended
        WHERE (gathering_rollups.registered, gathering_rollups.attended, gathering_rollups.registered_attended, gathering_rollups.reminded, gathering_rollups.reminded_attended, gathering_rollups.meeting_attended)
              IS DISTINCT FROM (excluded.registered, excluded.attended, excluded.registered_attended, excluded.reminded, excluded.reminded_attended, excluded.meeting_attended);
      DELETE FROM attendance_pairs p USING unnest(consortium_ids, member_ids) AS k(c, m) WHERE p.consortium_id = k.c AND p.member_id = k.m;
      INSERT INTO attendance_pairs (consortium_id, member_id, organization_id, attended, meeting_attended)
      SELECT a.consortium_id, a.member_id, a.organization_id, count(*), count(*) FILTER (WHERE a.gathering_kind = 'consortium-meeting')
      FROM (SELECT DISTINCT c, m FROM unnest(consortium_ids, member_ids) AS k(c, m) WHERE m IS NOT NULL) k JOIN attendance a ON a.consortium_id = k.c AND a.member_id = k.m AND a.present
      GROUP BY a.consortium_id, a.member_id, a.organization_id;
      INSERT INTO knowledge_months (consortium_id, month, interactions, cross_organization, resources, threads, replies, reactions)
      SELECT k.c, k.mo, n.interactions, n.cross_organization, n.resources, n.threads, n.replies, n.reactions
      FROM (SELECT DISTINCT c, mo FROM unnest(consortium_ids, months) AS k(c, mo) WHERE mo IS NOT NULL) k CROSS JOIN LATERAL (
        SELECT count(*)::int AS interactions, count(*) FILTER (WHERE cross_organization)::int AS cross_organization, count(*) FILTER (WHERE kind = 'resource')::int AS resources,
               count(*) FILTER (WHERE kind = 'thread')::int AS threads, count(*) FILTER (WHERE kind = 'reply')::int AS replies, count(*) FILTER (WHERE kind = 'reaction')::int AS reactions
        FROM knowledge_interactions i
        WHERE i.consortium_id = k.c AND i.at >= k.mo::timestamp AT TIME ZONE 'UTC' AND i.at < (k.mo + interval '1 month') AT TIME ZONE 'UTC') n
      ON CONFLICT (consortium_id, month) DO UPDATE
        SET interactions = excluded.interactions, cross_organization = excluded.cross_organization, resources = excluded.resources, threads = excluded.threads,
            replies = excluded.replies, reactions = excluded.reactions;`;

/** The consortia's rollup locks, taken in order and held to commit (migration 1764000017100). */
const locks = `SELECT count(pg_advisory_xact_lock(hashtext(current_schema() || ':rollups:' || c))) FROM (SELECT DISTINCT c FROM unnest(consortium_ids) AS k(c) ORDER BY c) k;`;

async function up(db: QueryRunner): Promise<void> {
  // Each organisation's survey scores per criterion (a response kept without its organisation: an organisation of its own,
  // named by the response): the sum and number of scores and the number of responses, from which the average of the
  // organisations' averages is computed exactly as from the scores themselves (feedback.ts).
  await createTenantTable(db, 'survey_rollups', {}, `
      criterion text NOT NULL,
      organization uuid NOT NULL,
      score_sum integer NOT NULL,
      scores integer NOT NULL,
      responses integer NOT NULL,
      PRIMARY KEY (consortium_id, organization, criterion)
    `);
  await raiseWalls(db, [{ table: 'survey_rollups' }]);
  // An organisation's scores read by their key when its rollup is recomputed.
  await db.query(`CREATE INDEX feedback_scores_by_organization ON feedback_scores (consortium_id, (coalesce(organization_id, response_id)))`);
  // One function for every rollup, so that a batch takes its consortia's locks once, in order (two functions taking them in
  // turn could deadlock two batches): the organisations a batch's survey responses came from are its fifth array.
  await db.query(`DROP FUNCTION refresh_rollups(uuid[], uuid[], uuid[], date[])`);
  await db.query(`
    CREATE FUNCTION refresh_rollups(consortium_ids uuid[], gathering_ids uuid[], member_ids uuid[], months date[], organizations uuid[]) RETURNS integer LANGUAGE sql AS $$
      ${locks}
      ${gatheringsMembersAndMonths}
      DELETE FROM survey_rollups r USING unnest(consortium_ids, organizations) AS k(c, o) WHERE r.consortium_id = k.c AND r.organization = k.o;
      INSERT INTO survey_rollups (consortium_id, criterion, organization, score_sum, scores, responses)
      SELECT f.consortium_id, f.criterion, coalesce(f.organization_id, f.response_id), sum(f.score), count(*), count(DISTINCT f.response_id)
      FROM (SELECT DISTINCT c, o FROM unnest(consortium_ids, organizations) AS k(c, o) WHERE o IS NOT NULL) k
      JOIN feedback_scores f ON f.consortium_id = k.c AND coalesce(f.organization_id, f.response_id) = k.o AND f.criterion IS NOT NULL
      GROUP BY 1, 2, 3;
      SELECT cardinality(consortium_ids)
    $$`);
  // What was applied before this rollup existed.
  await db.query(`
    SELECT refresh_rollups(array_agg(consortium_id), array_agg(NULL::uuid), array_agg(NULL::uuid), array_agg(NULL::date), array_agg(organization)) FROM (
      SELECT DISTINCT consortium_id, coalesce(organization_id, response_id) AS organization FROM feedback_scores) k`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP FUNCTION refresh_rollups(uuid[], uuid[], uuid[], date[], uuid[])`);
  await db.query(`
    CREATE FUNCTION refresh_rollups(consortium_ids uuid[], gathering_ids uuid[], member_ids uuid[], months date[]) RETURNS integer LANGUAGE sql AS $$
      ${locks}
      ${gatheringsMembersAndMonths}
      SELECT cardinality(consortium_ids)
    $$`);
  await db.query(`DROP INDEX feedback_scores_by_organization`);
  await lowerWalls(db, [{ table: 'survey_rollups' }]);
  await db.query(`DROP TABLE survey_rollups`);
}

/**
 * Each organisation's survey scores per criterion summed, kept by the batch writes that record responses: the live survey
 * averages (outcomes 1 and 4) read these rows rather than every score of the consortium's history.
 */
export const SurveyRollups1764000018010 = defineMigration('SurveyRollups1764000018010', up, down);
