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
      PRIMARY KEY (consortium_id, gathering_id)
    `);
  await raiseWalls(db, [{ table: 'gathering_rollups' }]);
  // One definition of a gathering's counts, for the period statement (reminders sent before the period's end) and the
  // rollups (all of them): one gathering's facts by their keys. A single SELECT, inlined into the statement that calls it.
  await db.query(`
    CREATE FUNCTION gathering_counts(consortium uuid, gathering uuid, reminded_before timestamptz)
    RETURNS TABLE (registered integer, attended integer, registered_attended integer, reminded integer, reminded_attended integer) LANGUAGE sql STABLE AS $$
      SELECT r.registered, (SELECT count(*)::int FROM attendance a WHERE a.consortium_id = consortium AND a.gathering_id = gathering AND a.present), r.registered_attended, r.reminded, r.reminded_attended
      FROM (
        SELECT count(*)::int AS registered, count(a.member_id)::int AS registered_attended, count(m.member_id)::int AS reminded,
               count(*) FILTER (WHERE m.member_id IS NOT NULL AND a.member_id IS NOT NULL)::int AS reminded_attended
        FROM registrations r
        LEFT JOIN gathering_reminders m ON m.consortium_id = consortium AND m.gathering_id = gathering AND m.member_id = r.member_id AND (reminded_before IS NULL OR m.first_sent_at < reminded_before)
        LEFT JOIN attendance a ON a.consortium_id = consortium AND a.gathering_id = gathering AND a.member_id = r.member_id AND a.present
        WHERE r.consortium_id = consortium AND r.gathering_id = gathering AND r.response = 'going') r
    $$`);
  // Kept by the handlers' batch writes (and by this backfill, and the benchmark): the touched gatherings' rows recomputed
  // from their facts, not adjusted by +1/-1. Tables resolved by the caller's search path (a rebuild's schema).
  await db.query(`
    CREATE FUNCTION refresh_gathering_rollups(consortium_ids uuid[], gathering_ids uuid[]) RETURNS integer LANGUAGE sql AS $$
      WITH written AS (
        INSERT INTO gathering_rollups (consortium_id, gathering_id, registered, attended, registered_attended, reminded, reminded_attended)
        SELECT k.c, k.g, n.registered, n.attended, n.registered_attended, n.reminded, n.reminded_attended
        FROM unnest(consortium_ids, gathering_ids) AS k(c, g) CROSS JOIN LATERAL gathering_counts(k.c, k.g, NULL) n
        ON CONFLICT (consortium_id, gathering_id) DO UPDATE
          SET registered = excluded.registered, attended = excluded.attended, registered_attended = excluded.registered_attended, reminded = excluded.reminded, reminded_attended = excluded.reminded_attended
          WHERE (gathering_rollups.registered, gathering_rollups.attended, gathering_rollups.registered_attended, gathering_rollups.reminded, gathering_rollups.reminded_attended)
                IS DISTINCT FROM (excluded.registered, excluded.attended, excluded.registered_attended, excluded.reminded, excluded.reminded_attended)
        RETURNING 1)
      SELECT count(*)::int FROM written
    $$`);
  // What was applied before the rollups existed.
  await db.query(`
    SELECT refresh_gathering_rollups(array_agg(consortium_id), array_agg(gathering_id)) FROM (
      SELECT consortium_id, gathering_id FROM registrations UNION SELECT consortium_id, gathering_id FROM attendance UNION SELECT consortium_id, gathering_id FROM gathering_reminders) k`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP FUNCTION refresh_gathering_rollups(uuid[], uuid[]), gathering_counts(uuid, uuid, timestamptz)`);
  await lowerWalls(db, [{ table: 'gathering_rollups' }]);
  await db.query(`DROP TABLE gathering_rollups`);
}

/**
 * Each gathering's registrations, attendance and reminders counted, kept by the batch writes that change them:
 * the live indicators read these rows rather than every registration and attendance of the consortium's history.
 */
export const GatheringRollups1764000017100 = defineMigration('GatheringRollups1764000017100', up, down);
