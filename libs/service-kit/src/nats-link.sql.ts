import { sql } from '@ccndr/persistence';

/** Events this service's consumers have applied, by the records the applier keeps. */
export const appliedEventCount = sql<{ n: number }>(`SELECT count(*)::int AS n FROM processed_events`);
