import { BatchWrite } from '@ccndr/messaging';

/**
 * What a batch changed that a rollup counts: gatherings (registrations, reminders, attendance), members (attendance),
 * months (knowledge interactions; the first day of the month, UTC) and organisations (survey responses: the response's
 * organisation), a row naming one of them. Their rollups are recomputed from their facts (`refresh_rollups`, migrations
 * 1764000017100 and 1764000018010), after the writes, in the same transaction.
 */
export const rollups: BatchWrite<{ consortiumId: string; gatheringId?: string; memberId?: string; month?: string; organization?: string }> = {
  statement: `SELECT refresh_rollups($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::uuid[])`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'month', 'organization'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}:${r.month}:${r.organization}`, keep: (earlier) => earlier },
  derived: true,
};

/** The month (UTC) an instant falls in, as its rollup names it. */
export const monthOf = (at: string): string => `${new Date(at).toISOString().slice(0, 7)}-01`;
