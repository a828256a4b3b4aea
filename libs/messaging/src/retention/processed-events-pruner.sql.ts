import { sql } from '@ccndr/persistence';

/**
 * Up to `limit` processed-event records older than the horizon, oldest first, deleted (through
 * the processed_at index); rows another instance is deleting are skipped, not waited for.
 */
export const pruneProcessedEvents = sql<{ pruned: number }, [horizonDays: number, limit: number]>(
  `WITH old AS (
     SELECT consumer, event_id FROM processed_events WHERE processed_at < now() - make_interval(days => $1)
     ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED),
   gone AS (DELETE FROM processed_events p USING old WHERE p.consumer = old.consumer AND p.event_id = old.event_id RETURNING 1)
   SELECT count(*)::int AS pruned FROM gone`,
);

