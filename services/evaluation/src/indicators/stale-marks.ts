import { DataSource } from 'typeorm';
import { BatchWrite, JetStreamContext } from '@ccndr/messaging';
import { notifyChannels } from '@ccndr/persistence';

/*
 * Indicators are recomputed apart from the events' transactions: an event marks its consortium
 * stale in its transaction (here, all an event handler needs), and the indicator refresher
 * recomputes each stale consortium once however many events marked it meanwhile (refresh.ts).
 */

/**
 * Consortia marked stale by a batch of events, once each with the last event that marked it; the
 * refreshers are told at commit (by the same statement).
 */
export const staleMarks: BatchWrite<{ consortiumId: string; eventId: string }> = {
  statement: `WITH marked AS (
      INSERT INTO stale_indicators (consortium_id, last_event_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])
      ON CONFLICT (consortium_id) DO UPDATE SET version = stale_indicators.version + 1, last_event_id = excluded.last_event_id, marked_at = now()
      RETURNING 1)
    SELECT ${notifyChannels.indicatorsStale.notifySql()} FROM (SELECT 1 FROM marked LIMIT 1) m`,
  columns: ['consortiumId', 'eventId'],
  merge: { key: (r) => r.consortiumId, keep: (_earlier, later) => later },
};

/** From an event handler: the consortium's indicators are to be recomputed. */
export function markStale(ctx: JetStreamContext, consortiumId: string, eventId: string): void {
  ctx.write(staleMarks, { consortiumId, eventId });
}

/** Consortia waiting for their indicators to be recomputed, and how long the oldest has waited. */
export async function staleIndicatorsBacklog(db: DataSource): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const [row] = await db.query(`SELECT count(*)::int AS pending, extract(epoch FROM now() - min(marked_at))::float AS oldest FROM stale_indicators`);
  return { pending: row.pending, oldestAgeSeconds: row.oldest === null ? null : Math.max(0, row.oldest) };
}
