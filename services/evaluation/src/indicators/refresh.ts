import { DataSource, EntityManager } from 'typeorm';
import { BatchWrite, JetStreamContext } from '@ccndr/messaging';
import { queryPrepared } from '@ccndr/persistence';
import { Indicator, statusOf, Target, targetOf } from './indicator';
import { outcome1 } from './outcome-1';
import { outcome2 } from './outcome-2';
import { outcome3 } from './outcome-3';
import { outcome4 } from './outcome-4';
import { readiness } from './readiness';

/*
 * Indicators are recomputed from the facts tables, apart from the events' transactions: an event
 * marks its consortium stale in its transaction, and the refresher recomputes each stale consortium
 * once however many events marked it meanwhile. Under a backlog, ingest is not held back by
 * recomputation; when traffic is light, the refresher runs at each commit (it is notified).
 */

const sections = [outcome1, outcome2, outcome3, outcome4, readiness];

/** Consortia marked stale by a batch of events, once each with the last event that marked it. */
const staleMarks: BatchWrite<{ consortiumId: string; eventId: string }> = {
  statement: `INSERT INTO stale_indicators (consortium_id, last_event_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])
    ON CONFLICT (consortium_id) DO UPDATE SET version = stale_indicators.version + 1, last_event_id = excluded.last_event_id, marked_at = now()`,
  columns: ['consortiumId', 'eventId'],
  merge: { key: (r) => r.consortiumId, keep: (_earlier, later) => later },
};

/** From an event handler: the consortium's indicators are to be recomputed; refreshers are told at commit. */
export function markStale(ctx: JetStreamContext, consortiumId: string, eventId: string): void {
  ctx.write(staleMarks, { consortiumId, eventId });
  ctx.beforeCommit('indicators:stale', (manager) => manager.query(`SELECT pg_notify(current_schema() || '_stale', '')`));
}

/**
 * Recomputes the indicators of every consortium marked stale, each in a transaction of its own,
 * optionally in another schema (a rebuild). A consortium another replica is recomputing is left
 * to it. Returns how many marks remain (left to another replica, or marked again meanwhile).
 */
export async function refreshStaleIndicators(db: DataSource, schema?: string): Promise<number> {
  const inSchema = async (manager: EntityManager) => {
    if (schema) await manager.query(`SELECT set_config('search_path', $1, true)`, [schema]);
  };
  const stale: { consortium_id: string }[] = await db.transaction(async (manager) => {
    await inSchema(manager);
    return manager.query(`SELECT consortium_id FROM stale_indicators ORDER BY marked_at`);
  });
  let remaining = 0;
  for (const { consortium_id: consortiumId } of stale) {
    const left = await db.transaction(async (manager) => {
      await inSchema(manager);
      const [{ locked }] = await queryPrepared(manager, `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1)) AS locked`, [consortiumId]);
      if (!locked) return true;
      const [mark] = await queryPrepared(manager, `SELECT version, last_event_id FROM stale_indicators WHERE consortium_id = $1`, [consortiumId]);
      if (!mark) return false;
      await refreshIndicators(manager, consortiumId, mark.last_event_id);
      // Marked again while this ran: the mark stays, with what it saw then, for the next pass.
      const cleared = await queryPrepared(manager, `DELETE FROM stale_indicators WHERE consortium_id = $1 AND version = $2 RETURNING 1`, [consortiumId, mark.version]);
      return cleared.length === 0;
    });
    if (left) remaining++;
  }
  return remaining;
}

/** Consortia waiting for their indicators to be recomputed, and how long the oldest has waited. */
export async function staleIndicatorsBacklog(db: DataSource): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const [row] = await db.query(`SELECT count(*)::int AS pending, extract(epoch FROM now() - min(marked_at))::float AS oldest FROM stale_indicators`);
  return { pending: row.pending, oldestAgeSeconds: row.oldest === null ? null : Math.max(0, row.oldest) };
}

/**
 * Recomputes every indicator of a consortium from the facts tables in the caller's transaction; a
 * row's updatedAt moves only when something in it changes.
 */
export async function refreshIndicators(manager: EntityManager, consortiumId: string, eventId: string): Promise<void> {
  // One recomputation of a consortium at a time, across replicas: two transactions computing at
  // once would each miss the other's facts, and the last to commit would leave a count short.
  // Held to commit, so the next one reads what this one wrote.
  await queryPrepared(manager, `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1))`, [consortiumId]);
  const indicators: Indicator[] = [];
  for (const section of sections) indicators.push(...(await section(manager, consortiumId)));
  // The consortium's own targets replace the programme's defaults.
  const own: { key: string; comparison: Target['comparison']; value: string; max: string | null; due_on: string | null }[] = await queryPrepared(
    manager,
    `SELECT key, comparison, value, max, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM targets WHERE consortium_id = $1`,
    [consortiumId],
  );
  for (const target of own) {
    const indicator = indicators.find((i) => i.key === target.key);
    if (indicator) indicator.target = targetOf(target.comparison, target.value, target.max, target.due_on);
  }
  const rows = indicators.map((i, position) => ({
    key: i.key,
    position,
    outcome: i.outcome,
    label: i.label,
    unit: i.unit,
    value: i.value,
    comparison: i.target?.comparison ?? null,
    target: i.target?.value ?? null,
    target_max: i.target?.max ?? null,
    target_due_on: i.target?.dueOn ?? null,
    status: statusOf(i.target, i.value),
    breakdown: i.breakdown,
  }));
  const changed = await queryPrepared(
    manager,
    `INSERT INTO indicators (consortium_id, key, position, outcome, label, unit, value, comparison, target, target_max, target_due_on, status, breakdown, updated_at, last_event_id)
     SELECT $1, r.key, r.position, r.outcome, r.label, r.unit, r.value, r.comparison, r.target, r.target_max, r.target_due_on, r.status, r.breakdown, now(), $2
     FROM jsonb_to_recordset($3::jsonb) AS r(key text, position integer, outcome smallint, label jsonb, unit text, value numeric, comparison text, target numeric, target_max numeric, target_due_on date, status text, breakdown jsonb)
     ON CONFLICT (consortium_id, key) DO UPDATE
       SET position = excluded.position, outcome = excluded.outcome, label = excluded.label, unit = excluded.unit, value = excluded.value, comparison = excluded.comparison, target = excluded.target,
           target_max = excluded.target_max, target_due_on = excluded.target_due_on, status = excluded.status, breakdown = excluded.breakdown, updated_at = excluded.updated_at, last_event_id = excluded.last_event_id
       WHERE (indicators.value, indicators.status, indicators.target, indicators.target_max, indicators.target_due_on, indicators.breakdown, indicators.label, indicators.position)
             IS DISTINCT FROM (excluded.value, excluded.status, excluded.target, excluded.target_max, excluded.target_due_on, excluded.breakdown, excluded.label, excluded.position)
     RETURNING key`,
    [consortiumId, eventId, JSON.stringify(rows)],
  );
  // Indicators that no longer apply (a dimension of a framework the consortium left).
  const removed = await queryPrepared(manager, `DELETE FROM indicators WHERE consortium_id = $1 AND NOT (key = ANY ($2::text[])) RETURNING key`, [consortiumId, rows.map((r) => r.key)]);
  // Live dashboards of this consortium learn of the change when it commits.
  if (changed.length || removed.length) await manager.query(`SELECT pg_notify(current_schema() || '_indicators', $1)`, [consortiumId]);
}
