import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '@ccndr/persistence';
import { Indicator, statusOf, targetOf } from './indicator';
import { factsPlanning, indicatorFacts, lockIndicatorsOf, nextDue, staleConsortia, storedDigests, tryLockStale, useSchema, writeIndicators } from './refresh.sql';
import { clockedSections, everySection, positionsPerSection, sections } from './sections';

/*
 * What the indicator refresher runs: each stale consortium's indicators recomputed from the facts
 * tables, apart from the events' transactions (events only mark their consortium stale:
 * stale-marks.ts). Under a backlog, ingest is not held back by recomputation; when traffic is
 * light, the refresher runs at each commit (it is notified).
 */

/**
 * Recomputes the indicators of every consortium marked stale, each in a transaction of its own,
 * optionally in another schema (a rebuild). Consortia whose indicators change with time alone
 * and whose time has come (a gathering started since they were computed) are marked first. A
 * consortium another replica is recomputing is left to it. Returns how many marks remain (left to
 * another replica, or marked again meanwhile).
 */
export async function refreshStaleIndicators(db: DataSource, schema?: string): Promise<number> {
  // One statement: no transaction of its own unless it works in another schema.
  const stale = schema
    ? await db.transaction(async (manager) => {
        await query(manager, useSchema, [schema]);
        return query(manager, staleConsortia, []);
      })
    : await query(db, staleConsortia, []);
  let remaining = 0;
  for (const { consortium_id: consortiumId } of stale) {
    const left = await db.transaction(async (manager) => {
      if (schema) await query(manager, useSchema, [schema]);
      // The lock taken without waiting (held by another replica: left to it), the mark as it is now, the planning set.
      const [mark] = await query(manager, tryLockStale, [consortiumId]);
      if (!mark.locked) return true;
      if (mark.version === null) return false;
      // Marked again while this ran: the mark stays, with what it saw then, for the next pass.
      const cleared = await refreshIndicators(manager, consortiumId, mark.last_event_id!, mark.version, { planned: true, sections: mark.sections! });
      return !cleared;
    });
    if (left) remaining++;
  }
  return remaining;
}

/** How long until a consortium's indicators next change with time alone, of every consortium, by the database's clock (null: none waits for a time). */
export async function msUntilRecomputationDue(db: DataSource): Promise<number | null> {
  const [row] = await query(db, nextDue, []);
  return row.wait_ms === null ? null : Number(row.wait_ms);
}

/**
 * Takes the consortium's recomputation lock for the caller's transaction, waiting for it. One
 * recomputation of a consortium at a time, across replicas: two transactions computing at once
 * would each miss the other's facts, and the last to commit would leave a count short. Held to
 * commit, so the next one reads what this one wrote. Taken before the facts are read (a statement
 * reads what was committed when it began).
 */
export async function lockIndicators(manager: EntityManager, consortiumId: string): Promise<void> {
  await query(manager, lockIndicatorsOf, [consortiumId]);
}

/**
 * Recomputes the indicators of a consortium's sections (`sections`, a mask; all by default, and
 * any section of which no row is stored yet) from the facts tables in the caller's transaction,
 * which holds the consortium's recomputation lock; only the rows whose digest changed are sent and
 * written, and a row's updatedAt moves only when something in it changes; live dashboards are told
 * at commit. The consortium's clock is set to when its indicators next change with time alone.
 * With `staleVersion`, the consortium's stale mark is cleared if it is still that version. Three
 * round trips, four unless `planned` (the transaction's planning already set by `tryLockStale`).
 * Returns whether the mark was cleared.
 */
export async function refreshIndicators(
  manager: EntityManager,
  consortiumId: string,
  eventId: string,
  staleVersion?: number,
  options: { planned?: boolean; sections?: number } = {},
): Promise<boolean> {
  // Read under the recomputation lock: no other recomputation writes the rows until this one commits.
  const storedRows = await query(manager, storedDigests, [consortiumId]);
  // Every section writes rows: one without any was never computed (a consortium's first events), and is computed now.
  const written = storedRows.reduce((mask, r) => mask | (1 << Math.floor(r.position / positionsPerSection)), 0);
  const asked = (options.sections ?? everySection) | (everySection & ~written);
  // One section with a clock recomputed: all of them, so that the consortium's clock is the earliest of theirs.
  const recomputed = asked & clockedSections ? asked | clockedSections : asked;
  const { indicators, positions, recomputeAt } = await computeIndicators(manager, consortiumId, { from: null, to: null }, { planned: options.planned, sections: recomputed });
  const rows = indicators.map((i, n) => ({
    key: i.key,
    position: positions[n],
    outcome: i.outcome,
    label: i.label,
    unit: i.unit,
    value: i.value,
    suppressed: i.suppressed,
    comparison: i.target?.comparison ?? null,
    target: i.target?.value ?? null,
    target_max: i.target?.max ?? null,
    target_due_on: i.target?.dueOn ?? null,
    status: statusOf(i.target, i.value),
    breakdown: i.breakdown,
  }));
  const stored = new Map(storedRows.map((r) => [r.key, r.digest]));
  const changed = rows
    .map((row) => ({ ...row, digest: createHash('sha256').update(JSON.stringify(row)).digest('base64') }))
    .filter((row) => stored.get(row.key) !== row.digest);
  // The rows changed written, those that no longer apply (a dimension of a framework the consortium left)
  // removed, the mark cleared, and the dashboards told when something changed: one statement.
  const [outcome] = await query(manager, writeIndicators, [consortiumId, eventId, JSON.stringify(changed), rows.map((r) => r.key), staleVersion ?? null, recomputeAt, recomputed]);
  return outcome.cleared;
}

/** A period of the facts: [from, to); from null: from the beginning; to null: now (the live indicators). */
export interface FactsPeriod {
  from: Date | null;
  to: Date | null;
}

/**
 * The indicators of a consortium's sections (`sections`, a mask; all by default) computed from the
 * facts tables for a period, with the consortium's own targets, in the caller's transaction (two
 * round trips, one when `planned`: the transaction's planning already set for this period), each
 * with its place in the programme's order; and, live, when they next change with time alone.
 */
export async function computeIndicators(
  manager: EntityManager,
  consortiumId: string,
  period: FactsPeriod,
  options: { planned?: boolean; sections?: number } = {},
): Promise<{ indicators: Indicator[]; positions: number[]; recomputeAt: string | null }> {
  if (!options.planned) await query(manager, factsPlanning, [period.from !== null || period.to !== null]);
  const asked = options.sections ?? everySection;
  const [facts] = await query(manager, indicatorFacts, [consortiumId, period.from, period.to, asked]);
  const computed = Object.values(sections)
    .map((section, i) => ({ section, i, facts: facts[`s${i}`] }))
    .filter(({ i }) => asked & (1 << i));
  const placed = computed.flatMap(({ section, i, facts }) => section.indicators(facts).map((indicator, n) => ({ indicator, position: i * positionsPerSection + n })));
  const indicators = placed.map((p) => p.indicator);
  // The first instant at which a section's indicators change with time alone: the consortium's clock.
  const recomputeAt =
    computed
      .map(({ section, facts }) => section.recomputeAt?.(facts) ?? null)
      .filter((at): at is string => at !== null)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  // The consortium's own targets replace the programme's defaults.
  for (const target of facts.targets) {
    const indicator = indicators.find((i) => i.key === target.key);
    if (indicator) indicator.target = targetOf(target.comparison, target.value, target.max, target.due_on);
  }
  return { indicators, positions: placed.map((p) => p.position), recomputeAt };
}
