import { BatchWrite } from '@ccndr/messaging';

/** A closed period's figures as its event carries them; the first closing of an id stands. */
export const closedPeriods: BatchWrite<{ consortiumId: string; periodId: string; from: string; to: string; closedAt: string; indicators: string }> = {
  statement: `INSERT INTO closed_periods (consortium_id, period_id, period_from, period_to, closed_at, indicators)
    SELECT c, p, f::date::timestamp AT TIME ZONE 'UTC', t::date::timestamp AT TIME ZONE 'UTC', a, i::jsonb FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS r(c, p, f, t, a, i)
    ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'periodId', 'from', 'to', 'closedAt', 'indicators'],
};

/** A restatement of a closed period, kept beside the original figures. */
export const periodRestatements: BatchWrite<{ consortiumId: string; restatementId: string; periodId: string; reason: string; restatedAt: string; indicators: string }> = {
  statement: `INSERT INTO period_restatements (consortium_id, restatement_id, period_id, reason, restated_at, indicators)
    SELECT c, r, p, reason, a, i::jsonb FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[]) AS x(c, r, p, reason, a, i)
    ON CONFLICT DO NOTHING`,
  columns: ['consortiumId', 'restatementId', 'periodId', 'reason', 'restatedAt', 'indicators'],
};
