import { sql } from '@ccndr/persistence';

/** A deleted consortium's rows in the platform's tables: its events not yet published and its processed-event records. */
export const eraseConsortiumRecords = sql<{ outbox: number; processed_events: number }, [consortiumId: string]>(
  `WITH outbox_gone AS (DELETE FROM outbox WHERE consortium_id = $1 RETURNING 1),
        processed_gone AS (DELETE FROM processed_events WHERE consortium_id = $1 RETURNING 1)
   SELECT (SELECT count(*)::int FROM outbox_gone) AS outbox, (SELECT count(*)::int FROM processed_gone) AS processed_events`,
);
