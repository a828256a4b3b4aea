import { sql } from '@ccndr/persistence';

/** An outbox row as the relay takes it out; `position` is a bigint (a string). */
export interface OutboxRow {
  position: string;
  event_id: string;
  subject: string;
  payload: string;
  traceparent: string | null;
  consortium_id: string | null;
  attempts: number;
  created_at: Date;
}

/** Events written in the transaction of the change, a column per array. */
export const appendEvents = sql<never, [eventIds: string[], subjects: string[], payloads: string[], traceparents: (string | null)[], consortiumIds: string[]]>(
  `INSERT INTO outbox (event_id, subject, payload, traceparent, consortium_id)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])`,
);

export const outboxBacklog = sql<{ pending: number; failing: number; age: number }, []>(
  `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS failing,
          coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox`,
);

/** Takes up to `limit` due rows out of the outbox; their removal holds their locks until commit, so other relays skip them. */
export const takeDueEvents = sql<OutboxRow, [limit: number]>(
  `WITH due AS (SELECT position FROM outbox WHERE next_attempt_at <= now() ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED)
   DELETE FROM outbox o USING due WHERE o.position = due.position
   RETURNING o.position, o.event_id, o.subject, o.payload, o.traceparent, o.consortium_id, o.attempts, o.created_at`,
);

/** Puts back rows whose publish failed, each due again after its backoff (250 ms doubling to 30 s). */
export const putBackFailed = sql<
  never,
  [
    positions: string[],
    eventIds: string[],
    subjects: string[],
    payloads: string[],
    traceparents: (string | null)[],
    consortiumIds: (string | null)[],
    createdAt: Date[],
    attempts: number[],
    reasons: string[],
  ]
>(
  `INSERT INTO outbox (position, event_id, subject, payload, traceparent, consortium_id, created_at, attempts, next_attempt_at, last_error)
   SELECT f.position, f.event_id, f.subject, f.payload, f.traceparent, f.consortium_id, f.created_at, f.attempts + 1,
          now() + least(interval '30 seconds', interval '250 milliseconds' * power(2, f.attempts)), f.reason
   FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[], $8::int[], $9::text[])
     AS f(position, event_id, subject, payload, traceparent, consortium_id, created_at, attempts, reason)`,
);
