import { sql } from '@ccndr/persistence';

/** The rest of the transaction works in this schema (a replay's or a rebuild's). */
export const useSchema = sql<{ search_path: string }, [schema: string]>(`SELECT set_config('search_path', $1, true) AS search_path`);

/** A batch's processed-event records, each with its event's consortium; the events returned are those not applied before. */
export const recordProcessed = sql<{ event_id: string }, [consumer: string, eventIds: string[], consortiumIds: string[]]>(
  `INSERT INTO processed_events (consumer, event_id, consortium_id) SELECT $1, e, c FROM unnest($2::uuid[], $3::uuid[]) AS r(e, c) ON CONFLICT DO NOTHING RETURNING event_id`,
);
