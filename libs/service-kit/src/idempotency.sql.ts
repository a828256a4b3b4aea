import { sql } from '@ccndr/persistence';

export const claimKey = sql<never, [caller: string, key: string, fingerprint: string]>(`INSERT INTO idempotency_keys (caller, key, fingerprint) VALUES ($1, $2, $3)`);

export const forgetKeysOlderThan = sql<never, [hours: number]>(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`);

/** The request a key was claimed for, and its answer once kept (status null until then). */
export const keyedAnswer = sql<{ fingerprint: string; status: number | null; body: unknown }, [caller: string, key: string]>(
  `SELECT fingerprint, status, body FROM idempotency_keys WHERE caller = $1 AND key = $2`,
);

export const keepAnswer = sql<never, [caller: string, key: string, status: number, bodyJson: string]>(`UPDATE idempotency_keys SET status = $3, body = $4 WHERE caller = $1 AND key = $2`);
