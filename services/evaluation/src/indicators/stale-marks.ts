import { DataSource } from 'typeorm';
import { JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { staleBacklog, staleMarks } from './stale-marks.sql';

/*
 * Indicators are recomputed apart from the events' transactions: an event marks its consortium
 * stale in its transaction (here, all an event handler needs), and the indicator refresher
 * recomputes each stale consortium once however many events marked it meanwhile (refresh.ts).
 */

/** From an event handler: the consortium's indicators are to be recomputed. */
export function markStale(ctx: JetStreamContext, consortiumId: string, eventId: string): void {
  ctx.write(staleMarks, { consortiumId, eventId });
}

/** Consortia waiting for their indicators to be recomputed, and how long the oldest has waited. */
export async function staleIndicatorsBacklog(db: DataSource): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const [row] = await query(db, staleBacklog, []);
  return { pending: row.pending, oldestAgeSeconds: row.oldest === null ? null : Math.max(0, row.oldest) };
}
