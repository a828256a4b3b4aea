import { notifyChannels, sql } from '@ccndr/persistence';
import { attendedInPeriod, type Target } from './indicator';
import { clockedSections, positionsPerSection, sections } from './sections';

/** The rest of the transaction works in this schema (a rebuild's). */
export const useSchema = sql<{ search_path: string }, [schema: string]>(`SELECT set_config('search_path', $1, true) AS search_path`);

/**
 * Every consortium marked stale, oldest mark first, after marking those whose indicators change
 * with time alone and whose time has come (their next gathering has started since they were
 * computed: the sections with a clock), with the clock's event; a mark already there moves to a new
 * version, so a recomputation that read the facts before that instant leaves it for the next. One
 * statement, outside a transaction (a pass's first round trip, so not a prepared one): the clock
 * read through its index, no scan of history. The marks it writes are not in its own snapshot of
 * stale_indicators, hence the union with them.
 */
export const staleConsortia = sql<{ consortium_id: string }, []>(
  `WITH due AS (DELETE FROM indicator_clock WHERE due_at <= now() RETURNING consortium_id, last_event_id),
   marked AS (
     INSERT INTO stale_indicators (consortium_id, last_event_id, sections) SELECT consortium_id, last_event_id, ${clockedSections} FROM due
     ON CONFLICT (consortium_id) DO UPDATE SET version = stale_indicators.version + 1, marked_at = now(), sections = stale_indicators.sections | excluded.sections
     RETURNING consortium_id, marked_at)
   SELECT consortium_id FROM (SELECT consortium_id, marked_at FROM stale_indicators UNION ALL SELECT consortium_id, marked_at FROM marked) m
   GROUP BY consortium_id ORDER BY min(marked_at)`,
);

/**
 * How long until the refresher is next due to mark a consortium stale by the clock, in ms by the
 * database's own clock (the one `markDue` compares with), so a Node clock ahead or behind does not
 * make it poll early or sleep late (null: none is waiting).
 */
export const nextDue = sql<{ wait_ms: number | null }, []>(
  `SELECT greatest(0, extract(epoch FROM min(due_at) - clock_timestamp()) * 1000)::float8 AS wait_ms FROM indicator_clock`,
);

/**
 * The consortium's recomputation lock taken without waiting, and its stale mark as it is now (none
 * unless locked: its version, its last event and the sections to recompute); and the live indicators' planning for the rest of the transaction (as
 * `factsPlanning` sets it for no period), in the same round trip.
 */
export const tryLockStale = sql<{ locked: boolean; version: number | null; last_event_id: string | null; sections: number | null }, [consortiumId: string]>(
  `SELECT locked, version, last_event_id, sections FROM (
     SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1)) AS locked,
       set_config('plan_cache_mode', 'auto', true) AS plan_cache_mode, set_config('jit', 'off', true) AS jit) l
   LEFT JOIN stale_indicators ON locked AND consortium_id = $1::uuid`,
  { prepared: true },
);

/** The consortium's recomputation lock, waited for, held to commit. */
export const lockIndicatorsOf = sql<{ locked: unknown }, [consortiumId: string]>(
  `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1)) AS locked`,
  { prepared: true },
);

/**
 * How the rest of the transaction plans the facts statement. For a period (`$1` true), custom
 * plans (planned with each run's parameters): a named statement otherwise switches to a generic
 * plan after five runs, in which the period's bounds are unknown, its time ranges cannot use the
 * facts tables' time indexes, and it reads the consortium's whole history whatever the period.
 * The live indicators read the whole history anyway: they keep the plan cache's choice, which
 * spares the refresher the statement's planning (a few ms) at each recomputation. No JIT either
 * way: the statement's many subqueries are estimated far above the JIT threshold, and compiling
 * them took seconds where running them takes milliseconds (docs/benchmarks.md).
 */
export const factsPlanning = sql<{ plan_cache_mode: string; jit: string }, [period: boolean]>(
  `SELECT set_config('plan_cache_mode', CASE WHEN $1 THEN 'force_custom_plan' ELSE 'auto' END, true) AS plan_cache_mode, set_config('jit', 'off', true) AS jit`,
);

/**
 * The facts of the sections asked (`$4`, a mask: bit i for the i-th section; the others are not
 * read, null) as `s0`, `s1`, … in a period (nulls: live) and the consortium's own targets, in one
 * statement; the period's attendance (`attended`) read once for every section that reads it.
 */
export const indicatorFacts = sql<
  Record<string, unknown> & { targets: { key: string; comparison: Target['comparison']; value: number; max: number | null; due_on: string | null }[] },
  [consortiumId: string, from: Date | null, to: Date | null, sections: number]
>(
  `WITH attended AS MATERIALIZED (${attendedInPeriod})
  SELECT ${Object.values(sections)
    // A filter on a parameter alone: the plan's one-time filter, so a section not asked is not run.
    .map((section, i) => `(SELECT to_jsonb(f) FROM (${section.facts}) f WHERE $4::int & ${1 << i} <> 0) AS s${i}`)
    .join(',\n  ')},
  (SELECT coalesce(jsonb_agg(t), '[]') FROM (
     SELECT key, comparison, value, max, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM targets WHERE consortium_id = $1) t) AS targets`,
  { prepared: true },
);

/** The digest of each of the consortium's indicator rows as last written (null: not known), and its place (which says its section). */
export const storedDigests = sql<{ key: string; digest: string | null; position: number }, [consortiumId: string]>(
  `SELECT key, digest, position FROM indicators WHERE consortium_id = $1`,
  { prepared: true },
);

/** What a row's content is compared on: when none of it changes, updatedAt and lastEventId stay. */
const content = (row: string) =>
  ['value', 'suppressed', 'status', 'target', 'target_max', 'target_due_on', 'breakdown', 'label', 'position'].map((column) => `${row}.${column}`).join(', ');

/**
 * Writes the consortium's indicators whose digest changed (a JSON array of rows: the others are
 * left as they are, not sent; updatedAt and lastEventId move only when the content changes),
 * removes those of the sections recomputed (`$7`, a mask) that are no longer computed (`$4`: every
 * key computed), clears the stale mark if still at `staleVersion`, sets the consortium's clock to
 * when its indicators next change with time alone (none: removed) when the sections with a clock
 * were recomputed, and tells the dashboards when something changed: one statement.
 */
export const writeIndicators = sql<
  { cleared: boolean; told: unknown },
  [consortiumId: string, eventId: string, rowsJson: string, keys: string[], staleVersion: number | null, recomputeAt: string | null, sections: number]
>(
  `WITH written AS (
     INSERT INTO indicators (consortium_id, key, position, outcome, label, unit, value, suppressed, comparison, target, target_max, target_due_on, status, breakdown, digest, updated_at, last_event_id)
     SELECT $1, r.key, r.position, r.outcome, r.label, r.unit, r.value, r.suppressed, r.comparison, r.target, r.target_max, r.target_due_on, r.status, r.breakdown, r.digest, now(), $2
     FROM jsonb_to_recordset($3::jsonb) AS r(key text, position integer, outcome smallint, label jsonb, unit text, value numeric, suppressed boolean, comparison text, target numeric, target_max numeric, target_due_on date, status text, breakdown jsonb, digest text)
     ON CONFLICT (consortium_id, key) DO UPDATE
       SET position = excluded.position, outcome = excluded.outcome, label = excluded.label, unit = excluded.unit, value = excluded.value, suppressed = excluded.suppressed, comparison = excluded.comparison, target = excluded.target,
           target_max = excluded.target_max, target_due_on = excluded.target_due_on, status = excluded.status, breakdown = excluded.breakdown, digest = excluded.digest,
           -- A digest written for a row whose content is the same (first written before digests were kept): nothing moves.
           updated_at = CASE WHEN (${content('indicators')}) IS DISTINCT FROM (${content('excluded')}) THEN excluded.updated_at ELSE indicators.updated_at END,
           last_event_id = CASE WHEN (${content('indicators')}) IS DISTINCT FROM (${content('excluded')}) THEN excluded.last_event_id ELSE indicators.last_event_id END
       WHERE (indicators.digest, ${content('indicators')}) IS DISTINCT FROM (excluded.digest, ${content('excluded')})
     RETURNING updated_at = now() AS changed),
   removed AS (
     DELETE FROM indicators WHERE consortium_id = $1 AND $7::int & (1 << (position / ${positionsPerSection})) <> 0 AND NOT (key = ANY ($4::text[])) RETURNING key),
   cleared AS (DELETE FROM stale_indicators WHERE consortium_id = $1 AND version = $5 RETURNING 1),
   clocked AS (
     INSERT INTO indicator_clock (consortium_id, due_at, last_event_id) SELECT $1, $6::timestamptz, $2 WHERE $6::timestamptz IS NOT NULL AND $7::int & ${clockedSections} <> 0
     -- Kept with the event whose recomputation set it: an event delivered again, in other batches, moves nothing.
     ON CONFLICT (consortium_id) DO UPDATE SET due_at = excluded.due_at, last_event_id = excluded.last_event_id
       WHERE indicator_clock.due_at IS DISTINCT FROM excluded.due_at
     RETURNING 1),
   unclocked AS (DELETE FROM indicator_clock WHERE consortium_id = $1 AND $6::timestamptz IS NULL AND $7::int & ${clockedSections} <> 0 RETURNING 1)
   SELECT EXISTS (SELECT 1 FROM cleared) AS cleared,
          CASE WHEN EXISTS (SELECT 1 FROM written WHERE changed) OR EXISTS (SELECT 1 FROM removed) THEN ${notifyChannels.indicatorsChanged.notifySql('$1::text')} END AS told`,
  { prepared: true },
);
