import { DataSource } from 'typeorm';
import { JetStreamContext } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { SectionName, sectionMask } from './sections';
import { staleBacklog, staleMarks } from './stale-marks.sql';

/*
 * Indicators are recomputed apart from the events' transactions: an event marks its consortium
 * stale in its transaction (here, all an event handler needs), and the indicator refresher
 * recomputes each stale consortium once however many events marked it meanwhile (refresh.ts).
 */

/**
 * From an event handler: the consortium's indicators of the sections whose facts the event changes
 * are to be recomputed (the others are not read again: section-marks.int-spec checks each event's
 * sections against a recomputation of all of them).
 */
export function markStale(ctx: JetStreamContext, consortiumId: string, eventId: string, changes: readonly SectionName[]): void {
  ctx.write(staleMarks, { consortiumId, eventId, sections: sectionMask(changes) });
}

/** Consortia waiting for their indicators to be recomputed, and how long the oldest has waited. */
export async function staleIndicatorsBacklog(db: DataSource): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const [row] = await query(db, staleBacklog, []);
  return { pending: row.pending, oldestAgeSeconds: row.oldest === null ? null : Math.max(0, row.oldest) };
}
