import { sql } from '@ccndr/persistence';

/** A lease row for each partition of the group (owned by nobody until a replica takes it). */
export const declarePartitions = sql<never, [consumers: string[]]>(`INSERT INTO consumer_leases (consumer) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`);

/** The replica is alive until `ttlMs` from now, with its partition count; replicas long gone are forgotten. */
export const heartbeat = sql<{ live: number }, [replica: string, partitions: number, ttlMs: number]>(
  `WITH beat AS (
     INSERT INTO consumer_replicas (replica, partitions, seen_until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
     ON CONFLICT (replica) DO UPDATE SET partitions = EXCLUDED.partitions, seen_until = EXCLUDED.seen_until
   ), forgotten AS (
     DELETE FROM consumer_replicas WHERE seen_until < now() - interval '1 hour'
   )
   SELECT 1 + count(*)::int AS live FROM consumer_replicas WHERE replica <> $1 AND partitions = $2 AND seen_until > now()`,
);

/** Partition counts of other live replicas that differ from this one's: they must be stopped before it starts. */
export const otherPartitionCounts = sql<{ partitions: number }, [partitions: number]>(
  `SELECT DISTINCT partitions FROM consumer_replicas WHERE seen_until > now() AND partitions <> $1`,
);

/** The replica's leases, extended; those it no longer holds (taken over) are not returned. */
export const renewLeases = sql<{ consumer: string }, [owner: string, ttlMs: number]>(
  `UPDATE consumer_leases SET expires_at = now() + $2 * interval '1 millisecond' WHERE owner = $1 RETURNING consumer`,
);

/** Up to `limit` of these partitions that nobody holds (free, or their holder's lease ran out), taken. */
export const claimLeases = sql<{ consumer: string }, [owner: string, ttlMs: number, consumers: string[], limit: number]>(
  `UPDATE consumer_leases SET owner = $1, expires_at = now() + $2 * interval '1 millisecond'
   WHERE consumer IN (
     SELECT consumer FROM consumer_leases WHERE consumer = ANY($3) AND (owner IS NULL OR expires_at <= now())
     ORDER BY consumer LIMIT $4 FOR UPDATE SKIP LOCKED
   )
   RETURNING consumer`,
);

/** Leases handed back at once (extras for the other replicas, or all of them at shutdown). */
export const releaseLeases = sql<{ consumer: string }, [owner: string, consumers: string[]]>(
  `UPDATE consumer_leases SET owner = NULL, expires_at = now() WHERE owner = $1 AND consumer = ANY($2) RETURNING consumer`,
);

/** The replica leaves: others need not wait for its heartbeat to run out. */
export const leave = sql<never, [replica: string]>(`DELETE FROM consumer_replicas WHERE replica = $1`);

/**
 * In an apply transaction: the lease still this replica's and running. Its row is share-locked to
 * the commit, so a takeover (an UPDATE of the row) waits for the batch, and a batch begun after the
 * takeover finds the lease gone.
 */
export const holdLease = sql<{ held: number }, [consumer: string, owner: string]>(
  `SELECT 1 AS held FROM consumer_leases WHERE consumer = $1 AND owner = $2 AND expires_at > now() FOR SHARE`,
);
