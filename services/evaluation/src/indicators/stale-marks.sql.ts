import { BatchWrite } from '@ccndr/messaging';
import { notifyChannels, sql } from '@ccndr/persistence';

/**
 * Consortia marked stale by a batch of events, once each with the last event that marked it and
 * every section one of them changed (a mask: bit i for the i-th section, added to those a mark
 * already waiting has); the refreshers are told at commit (by the same statement).
 */
export const staleMarks: BatchWrite<{ consortiumId: string; eventId: string; sections: number }> = {
  statement: `WITH marked AS (
      INSERT INTO stale_indicators (consortium_id, last_event_id, sections) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])
      ON CONFLICT (consortium_id) DO UPDATE
        SET version = stale_indicators.version + 1, last_event_id = excluded.last_event_id, marked_at = now(), sections = stale_indicators.sections | excluded.sections
      RETURNING 1)
    SELECT ${notifyChannels.indicatorsStale.notifySql()} FROM (SELECT 1 FROM marked LIMIT 1) m`,
  columns: ['consortiumId', 'eventId', 'sections'],
  merge: { key: (r) => r.consortiumId, keep: (earlier, later) => ({ ...later, sections: earlier.sections | later.sections }) },
};

/** The same marks from a command's transaction (a target changed): consortia, the event each one's mark is for, and the sections it changed. */
export const markStaleNow = sql<unknown, [consortiumIds: string[], eventIds: string[], sections: number[]]>(staleMarks.statement);

export const staleBacklog = sql<{ pending: number; oldest: number | null }, []>(
  `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(marked_at))::float AS oldest FROM stale_indicators`,
);
