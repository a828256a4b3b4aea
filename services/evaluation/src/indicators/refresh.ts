import { DataSource, EntityManager } from 'typeorm';
import { notifyChannels, queryPrepared } from '@ccndr/persistence';
import { Indicator, statusOf, Target, targetOf } from './indicator';
import { outcome1 } from './outcome-1';
import { outcome2 } from './outcome-2';
import { outcome3 } from './outcome-3';
import { outcome4 } from './outcome-4';
import { readiness } from './readiness';

/*
 * What the indicator refresher runs: each stale consortium's indicators recomputed from the facts
 * tables, apart from the events' transactions (events only mark their consortium stale:
 * stale-marks.ts). Under a backlog, ingest is not held back by recomputation; when traffic is
 * light, the refresher runs at each commit (it is notified).
 */

const sections = [outcome1, outcome2, outcome3, outcome4, readiness];

/**
 * Recomputes the indicators of every consortium marked stale, each in a transaction of its own,
 * optionally in another schema (a rebuild). A consortium another replica is recomputing is left
 * to it. Returns how many marks remain (left to another replica, or marked again meanwhile).
 */
export async function refreshStaleIndicators(db: DataSource, schema?: string): Promise<number> {
  const table = schema ? `"${schema}".stale_indicators` : 'stale_indicators';
  const stale: { consortium_id: string }[] = await db.query(`SELECT consortium_id FROM ${table} ORDER BY marked_at`);
  let remaining = 0;
  for (const { consortium_id: consortiumId } of stale) {
    const left = await db.transaction(async (manager) => {
      if (schema) await manager.query(`SELECT set_config('search_path', $1, true)`, [schema]);
      // The lock taken without waiting (held by another replica: left to it), and the mark as it is now.
      const [mark] = await queryPrepared(
        manager,
        `SELECT locked, version, last_event_id FROM (SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1)) AS locked) l
         LEFT JOIN stale_indicators ON locked AND consortium_id = $1::uuid`,
        [consortiumId],
      );
      if (!mark.locked) return true;
      if (mark.version === null) return false;
      // Marked again while this ran: the mark stays, with what it saw then, for the next pass.
      const cleared = await refreshIndicators(manager, consortiumId, mark.last_event_id, mark.version);
      return !cleared;
    });
    if (left) remaining++;
  }
  return remaining;
}

/**
 * Takes the consortium's recomputation lock for the caller's transaction, waiting for it. One
 * recomputation of a consortium at a time, across replicas: two transactions computing at once
 * would each miss the other's facts, and the last to commit would leave a count short. Held to
 * commit, so the next one reads what this one wrote. Taken before the facts are read (a statement
 * reads what was committed when it began).
 */
export async function lockIndicators(manager: EntityManager, consortiumId: string): Promise<void> {
  await queryPrepared(manager, `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1))`, [consortiumId]);
}

/** Every section's facts and the consortium's own targets, in one statement. */
const factsStatement = `SELECT ${sections.map((section, i) => `(SELECT to_jsonb(f) FROM (${section.facts}) f) AS s${i}`).join(',\n  ')},
  (SELECT coalesce(jsonb_agg(t), '[]') FROM (
     SELECT key, comparison, value, max, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM targets WHERE consortium_id = $1) t) AS targets`;

/**
 * Recomputes every indicator of a consortium from the facts tables in the caller's transaction,
 * which holds the consortium's recomputation lock; a row's updatedAt moves only when something in
 * it changes, and live dashboards are told at commit. With `staleVersion`, the consortium's stale
 * mark is cleared if it is still that version. Three round trips. Returns whether the mark was cleared.
 */
export async function refreshIndicators(manager: EntityManager, consortiumId: string, eventId: string, staleVersion?: number): Promise<boolean> {
  const [facts] = await queryPrepared(manager, factsStatement, [consortiumId]);
  const indicators: Indicator[] = sections.flatMap((section, i) => section.indicators(facts[`s${i}`]));
  // The consortium's own targets replace the programme's defaults.
  for (const target of facts.targets as { key: string; comparison: Target['comparison']; value: number; max: number | null; due_on: string | null }[]) {
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
  // The rows written, those that no longer apply (a dimension of a framework the consortium left)
  // removed, the mark cleared, and the dashboards told when something changed: one statement.
  const [outcome] = await queryPrepared(
    manager,
    `WITH changed AS (
       INSERT INTO indicators (consortium_id, key, position, outcome, label, unit, value, comparison, target, target_max, target_due_on, status, breakdown, updated_at, last_event_id)
       SELECT $1, r.key, r.position, r.outcome, r.label, r.unit, r.value, r.comparison, r.target, r.target_max, r.target_due_on, r.status, r.breakdown, now(), $2
       FROM jsonb_to_recordset($3::jsonb) AS r(key text, position integer, outcome smallint, label jsonb, unit text, value numeric, comparison text, target numeric, target_max numeric, target_due_on date, status text, breakdown jsonb)
       ON CONFLICT (consortium_id, key) DO UPDATE
         SET position = excluded.position, outcome = excluded.outcome, label = excluded.label, unit = excluded.unit, value = excluded.value, comparison = excluded.comparison, target = excluded.target,
             target_max = excluded.target_max, target_due_on = excluded.target_due_on, status = excluded.status, breakdown = excluded.breakdown, updated_at = excluded.updated_at, last_event_id = excluded.last_event_id
         WHERE (indicators.value, indicators.status, indicators.target, indicators.target_max, indicators.target_due_on, indicators.breakdown, indicators.label, indicators.position)
               IS DISTINCT FROM (excluded.value, excluded.status, excluded.target, excluded.target_max, excluded.target_due_on, excluded.breakdown, excluded.label, excluded.position)
       RETURNING key),
     removed AS (DELETE FROM indicators WHERE consortium_id = $1 AND NOT (key = ANY ($4::text[])) RETURNING key),
     cleared AS (DELETE FROM stale_indicators WHERE consortium_id = $1 AND version = $5 RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM cleared) AS cleared,
            CASE WHEN EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM removed) THEN ${notifyChannels.indicatorsChanged.notifySql('$1::text')} END AS told`,
    [consortiumId, eventId, JSON.stringify(rows), rows.map((r) => r.key), staleVersion ?? null],
  );
  return outcome.cleared;
}
