import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

/**
 * The rollups the batch writes kept before: each gathering's counts, each member's attendance by organisation (the members
 * named by `members`, pairs of consortium and member), each month's knowledge interactions.
 */
const gatheringsMembersAndMonths = (members: string) => `
      INSERT INTO gathering_rollups (consortium_id, gathering_id, registered, attended, registered_attended, reminded, reminded_attended, meeting_attended)
      SELECT k.c, k.g, n.registered, n.attended, n.registered_attended, n.reminded, n.reminded_attended, n.meeting_attended
      FROM (SELECT DISTINCT c, g FROM unnest(consortium_ids, gathering_ids) AS k(c, g) WHERE g IS NOT NULL) k CROSS JOIN LATERAL gathering_counts(k.c, k.g, NULL) n
      ON CONFLICT (consortium_id, gathering_id) DO UPDATE
        SET registered = excluded.registered, attended = excluded.attended, registered_attended = excluded.registered_attended, reminded = excluded.reminded,
            reminded_attended = excluded.reminded_attended, meeting_attended = excluded.meeting_attended
        WHERE (gathering_rollups.registered, gathering_rollups.attended, gathering_rollups.registered_attended, gathering_rollups.reminded, gathering_rollups.reminded_attended, gathering_rollups.meeting_attended)
              IS DISTINCT FROM (excluded.registered, excluded.attended, excluded.registered_attended, excluded.reminded, excluded.reminded_attended, excluded.meeting_attended);
      DELETE FROM attendance_pairs p USING (${members}) AS k(c, m) WHERE p.consortium_id = k.c AND p.member_id = k.m;
      INSERT INTO attendance_pairs (consortium_id, member_id, organization_id, attended, meeting_attended)
      SELECT a.consortium_id, a.member_id, a.organization_id, count(*), count(*) FILTER (WHERE a.gathering_kind = 'consortium-meeting')
      FROM (SELECT DISTINCT c, m FROM (${members}) AS k(c, m) WHERE m IS NOT NULL) k JOIN attendance a ON a.consortium_id = k.c AND a.member_id = k.m AND a.present
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
  // Each member of a working group by the organisation they joined it with (every one they ever joined with), and whether
  // they are in it now with that organisation (their latest join or leave is a join with it; a leave wins a join of the
  // same instant): who was ever active and who is active now, without reading every join and leave of the history.
  await createTenantTable(db, 'circle_memberships', {}, `
      circle_id uuid NOT NULL,
      member_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      active boolean NOT NULL,
      PRIMARY KEY (consortium_id, circle_id, member_id, organization_id)
    `);
  await raiseWalls(db, [{ table: 'survey_rollups' }, { table: 'circle_memberships' }]);
  // An organisation's scores read by their key when its rollup is recomputed.
  await db.query(`CREATE INDEX feedback_scores_by_organization ON feedback_scores (consortium_id, (coalesce(organization_id, response_id)))`);
  // One function for every rollup, so that a batch takes its consortia's locks once, in order (two functions taking them in
  // turn could deadlock two batches). The organisations a batch's survey responses came from are its fifth array; a working
  // group's member is named by the sixth (the circle) beside the third (the member), and a member's attendance by the third
  // alone.
  await db.query(`DROP FUNCTION refresh_rollups(uuid[], uuid[], uuid[], date[])`);
  await db.query(`
    CREATE FUNCTION refresh_rollups(consortium_ids uuid[], gathering_ids uuid[], member_ids uuid[], months date[], organizations uuid[], circle_ids uuid[]) RETURNS integer LANGUAGE sql AS $$
      ${locks}
      ${gatheringsMembersAndMonths(`SELECT c, m FROM unnest(consortium_ids, member_ids, circle_ids) AS k(c, m, ci) WHERE ci IS NULL`)}
      DELETE FROM survey_rollups r USING unnest(consortium_ids, organizations) AS k(c, o) WHERE r.consortium_id = k.c AND r.organization = k.o;
      INSERT INTO survey_rollups (consortium_id, criterion, organization, score_sum, scores, responses)
      SELECT f.consortium_id, f.criterion, coalesce(f.organization_id, f.response_id), sum(f.score), count(*), count(DISTINCT f.response_id)
      FROM (SELECT DISTINCT c, o FROM unnest(consortium_ids, organizations) AS k(c, o) WHERE o IS NOT NULL) k
      JOIN feedback_scores f ON f.consortium_id = k.c AND coalesce(f.organization_id, f.response_id) = k.o AND f.criterion IS NOT NULL
      GROUP BY 1, 2, 3;
      DELETE FROM circle_memberships r USING unnest(consortium_ids, circle_ids, member_ids) AS k(c, ci, m) WHERE r.consortium_id = k.c AND r.circle_id = k.ci AND r.member_id = k.m;
      INSERT INTO circle_memberships (consortium_id, circle_id, member_id, organization_id, active)
      SELECT k.c, k.ci, k.m, j.organization_id, coalesce(latest.joined AND latest.organization_id = j.organization_id, false)
      FROM (SELECT DISTINCT c, ci, m FROM unnest(consortium_ids, circle_ids, member_ids) AS k(c, ci, m) WHERE ci IS NOT NULL) k
      CROSS JOIN LATERAL (
        SELECT organization_id, joined FROM circle_membership_changes x WHERE x.consortium_id = k.c AND x.circle_id = k.ci AND x.member_id = k.m ORDER BY at DESC, joined LIMIT 1) latest
      JOIN LATERAL (
        SELECT DISTINCT organization_id FROM circle_membership_changes x WHERE x.consortium_id = k.c AND x.circle_id = k.ci AND x.member_id = k.m AND x.joined) j ON true;
      SELECT cardinality(consortium_ids)
    $$`);
  // What was applied before these rollups existed.
  await db.query(`
    SELECT refresh_rollups(array_agg(consortium_id), array_agg(NULL::uuid), array_agg(member_id), array_agg(NULL::date), array_agg(organization), array_agg(circle_id)) FROM (
      SELECT DISTINCT consortium_id, NULL::uuid AS member_id, coalesce(organization_id, response_id) AS organization, NULL::uuid AS circle_id FROM feedback_scores
      UNION SELECT DISTINCT consortium_id, member_id, NULL::uuid, circle_id FROM circle_membership_changes) k`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP FUNCTION refresh_rollups(uuid[], uuid[], uuid[], date[], uuid[], uuid[])`);
  await db.query(`
    CREATE FUNCTION refresh_rollups(consortium_ids uuid[], gathering_ids uuid[], member_ids uuid[], months date[]) RETURNS integer LANGUAGE sql AS $$
      ${locks}
      ${gatheringsMembersAndMonths(`SELECT c, m FROM unnest(consortium_ids, member_ids) AS k(c, m)`)}
      SELECT cardinality(consortium_ids)
    $$`);
  await db.query(`DROP INDEX feedback_scores_by_organization`);
  await lowerWalls(db, [{ table: 'survey_rollups' }, { table: 'circle_memberships' }]);
  await db.query(`DROP TABLE circle_memberships, survey_rollups`);
}

/**
 * Each organisation's survey scores per criterion summed, and each working group's members by organisation, kept by the
 * batch writes that record responses, joins and leaves: the live survey averages (outcomes 1 and 4) and working groups
 * (outcome 2) read these rows rather than every score, join and leave of the consortium's history.
 */
export const SurveyAndMembershipRollups1764000018010 = defineMigration('SurveyAndMembershipRollups1764000018010', up, down);
