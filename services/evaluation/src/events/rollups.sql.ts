import { BatchWrite } from '@ccndr/messaging';

/**
 * What a batch changed that a rollup counts: gatherings (registrations, reminders, attendance), members (attendance),
 * months (knowledge interactions; the first day of the month, UTC), organisations (survey responses: the response's
 * organisation) and a working group's members (joins and leaves: the circle with the member), a row naming one of them.
 * Their rollups are recomputed from their facts (`refresh_rollups`, migrations 1764000017100 and 1764000018010), after the
 * writes, in the same transaction.
 */
export const rollups: BatchWrite<{ consortiumId: string; gatheringId?: string; memberId?: string; month?: string; organization?: string; circleId?: string }> = {
  statement: `SELECT refresh_rollups($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::uuid[], $6::uuid[])`,
  columns: ['consortiumId', 'gatheringId', 'memberId', 'month', 'organization', 'circleId'],
  merge: { key: (r) => `${r.consortiumId}:${r.gatheringId}:${r.memberId}:${r.month}:${r.organization}:${r.circleId}`, keep: (earlier) => earlier },
  derived: true,
};

/** The month (UTC) an instant falls in, as its rollup names it. */
export const monthOf = (at: string): string => `${new Date(at).toISOString().slice(0, 7)}-01`;
