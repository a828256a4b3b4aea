import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, lowerWalls, raiseWalls } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // Each gathering's counts, as its registrations, reminders and attendance now stand (all of them: no period).
  await createTenantTable(db, 'gathering_rollups', {}, `
      gathering_id uuid NOT NULL,
      registered integer NOT NULL,
      attended integer NOT NULL,
      registered_attended integer NOT NULL,
      reminded integer NOT NULL,
      reminded_attended integer NOT NULL,
      meeting_attended integer NOT NULL,
      PRIMARY KEY (consortium_id, gathering_id)
    `);
  // Each member's present attendance by the organisation it was recorded with (attendance kept before organisations were: none):
  // who ever attended, and from which organisations, without reading every attendance of the history.
  await createTenantTable(db, 'attendance_pairs', {}, `
      member_id uuid NOT NULL,
      organization_id uuid,
      attended integer NOT NULL,
      meeting_attended integer NOT NULL
    `);
  await db.query(`CREATE INDEX attendance_pairs_by_member ON attendance_pairs (consortium_id, member_id)`);
  // Each month's knowledge interactions (UTC) by kind: the live counts and months without reading every interaction.
  await createTenantTable(db, 'knowledge_months', {}, `
      month date NOT NULL,
      interactions integer NOT NULL,
      cross_organization integer NOT NULL,
      resources integer NOT NULL,
      threads integer NOT NULL,
      replies integer NOT NULL,
      reactions integer NOT NULL,
      PRIMARY KEY (consortium_id, month)
    `);
  // A member's attendance read by its key when its pairs are recomputed.
  await db.query(`CREATE INDEX attendance_by_member ON attendance (consortium_id, member_id)`);
  await raiseWalls(db, [{ table: 'gathering_rollups' }, { table: 'attendance_pairs' }, { table: 'knowledge_months' }]);
  // One definition of a gathering's counts, for the period statement (reminders sent before the period's end) and the
  // rollups (all of them): one gathering's facts by their keys. A single SELECT, inlined into the statement that calls it.
  await db.query(`
    CREATE FUNCTION gathering_counts(consortium uuid, gathering uuid, reminded_before timestamptz)
    RETURNS TABLE (registered integer, attended integer, registered_attended integer, reminded integer, reminded_attended integer, meeting_attended integer) LANGUAGE sql STABLE AS $$
      SELECT r.registered, a.attended, r.registered_attended, r.reminded, r.reminded_attended, a.meeting_attended
      FROM (
        SELECT count(*)::int AS attended, count(*) FILTER (WHERE gathering_kind = 'consortium-meeting')::int AS meeting_attended FROM attendance
        WHERE consortium_id = consortium AND gathering_id = gathering AND present) a,
      (
        SELECT count(*)::int AS registered, count(a.member_id)::int AS registered_attended, count(m.member_id)::int AS reminded,
               count(*) FILTER (WHERE m.member_id IS NOT NULL AND a.member_id IS NOT NULL)::int AS reminded_attended
        FROM registrations r
        LEFT JOIN gathering_reminders m ON m.consortium_id = consortium AND m.gathering_id = gathering AND m.member_id = r.member_id AND (reminded_before IS NULL OR m.first_sent_at < reminded_before)
        LEFT JOIN attendance a ON a.consortium_id = consortium AND a.gathering_id = gathering AND a.member_id = r.member_id AND a.present
        WHERE r.consortium_id = consortium AND r.gathering_id = gathering AND r.response = 'going') r
    $$`);
  // Kept by the handlers' batch writes (and by this backfill, and the benchmark): the touched gatherings' counts and members'
  // pairs recomputed from their facts, not adjusted by +1/-1 (each place of the arrays names a gathering, a member or a month, the others null). The consortia's
  // locks are taken first, in order, and held to commit: the next statements read with a snapshot taken after them, so two
  // transactions changing one consortium's facts at once cannot leave counts that miss the other's. Tables resolved by the
  // caller's search path (a rebuild's schema).
  await db.query(`
    CREATE FUNCTION refresh_rollups(consortium_ids uuid[], gathering_ids uuid[], member_ids uuid[], months date[]) RETURNS integer LANGUAGE sql AS $$
      SELECT count(pg_advisory_xact_lock(hashtext(current_schema() || ':rollups:' || c))) FROM (SELECT DISTINCT c FROM unnest(consortium_ids) AS k(c) ORDER BY c) k;
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
            replies = excluded.replies, reactions = excluded.reactions;
      SELECT cardinality(consortium_ids)
    $$`);
  // What was applied before the rollups existed.
  await db.query(`
    SELECT refresh_rollups(array_agg(consortium_id), array_agg(gathering_id), array_agg(member_id), array_agg(month)) FROM (
      SELECT consortium_id, gathering_id, NULL::uuid AS member_id, NULL::date AS month FROM registrations UNION SELECT consortium_id, gathering_id, NULL, NULL FROM attendance
      UNION SELECT consortium_id, gathering_id, NULL, NULL FROM gathering_reminders UNION SELECT consortium_id, NULL, member_id, NULL FROM attendance
      UNION SELECT consortium_id, NULL, NULL, date_trunc('month', at AT TIME ZONE 'UTC')::date FROM knowledge_interactions) k`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP FUNCTION refresh_rollups(uuid[], uuid[], uuid[], date[]), gathering_counts(uuid, uuid, timestamptz)`);
  await lowerWalls(db, [{ table: 'gathering_rollups' }, { table: 'attendance_pairs' }, { table: 'knowledge_months' }]);
  await db.query(`DROP INDEX attendance_by_member`);
  await db.query(`DROP TABLE knowledge_months, attendance_pairs, gathering_rollups`);
}

/**
 * Each gathering's registrations, attendance and reminders counted, each member's attendance by organisation and each
 * month's knowledge interactions, kept by
 * the batch writes that change them: the live indicators read these rows rather than every registration and attendance of
 * the consortium's history.
 */
export const GatheringRollups1764000017100 = defineMigration('GatheringRollups1764000017100', up, down);
