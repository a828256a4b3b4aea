import { sql } from '@ccndr/persistence';

/**
 * Up to `limit` processed-event records older than the horizon, oldest first, deleted (through
 * the processed_at index); rows another instance is deleting are skipped, not waited for. The
 * newest record stays however old: a service that has applied events keeps showing it, and its
 * start-up guard still refuses a missing stream after a long quiet spell.
 */
export const pruneProcessedEvents = sql<{ pruned: number }, [horizonDays: number, limit: number]>(
  `WITH old AS (
     SELECT consumer, event_id FROM processed_events WHERE processed_at < now() - make_interval(days => $1) AND processed_at < (SELECT max(processed_at) FROM processed_events)
     ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED),
   gone AS (DELETE FROM processed_events p USING old WHERE p.consumer = old.consumer AND p.event_id = old.event_id RETURNING 1)
   SELECT count(*)::int AS pruned FROM gone`,
);

