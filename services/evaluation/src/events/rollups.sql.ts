import { BatchWrite } from '@ccndr/messaging';

/**
 * What a batch changed that a rollup counts: gatherings (registrations, reminders, attendance), members (attendance) and
 * months (knowledge interactions; the first day of the month, UTC), a row naming one of them. Their rollups are recomputed
 * from their facts (`refresh_rollups`, migration 1764000017100), after the writes, in the same transaction.
 */
export const rollups: BatchWrite<{ consortiumId: string; gatheringId?: string; memberId?: string; month?: string }> = {
  statement: `SELECT refresh_rollups($1::uuid[], $2::uuid[], $3::uuid[], $4::date[])`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'month'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}:${r.month}`, keep: (earlier) => earlier },
  derived: true,
};

/** The month (UTC) an instant falls in, as its rollup names it. */
export const monthOf = (at: string): string => `${new Date(at).toISOString().slice(0, 7)}-01`;
