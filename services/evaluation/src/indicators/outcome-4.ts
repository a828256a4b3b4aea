import { feedbackOf, feedbackPerCriterion, surveyIndicator } from './feedback';
import { beforeEnd, Indicator, inPeriod, measured, Section } from './indicator';

/** A record's day, read in UTC like the period's dates. */
const recordTime = `(occurred_on::timestamp AT TIME ZONE 'UTC')`;
const statusArray = `ARRAY['proposed', 'in-negotiation', 'confirmed', 'ended']`;

/** Outcome 4 — ties between partners: partnerships, how often they work together, how they perceive it. */
export const outcome4: Section = {
  keys: ['o4.'],
  facts: `WITH records AS (SELECT * FROM collaboration_records WHERE consortium_id = $1 AND ${inPeriod(recordTime)}),
       -- Each partnership's status at the period's end and when it reached it; one kept without its steps keeps its status.
       status AS (
         SELECT p.partnership_id, CASE WHEN $3::timestamptz IS NULL OR s.status IS NULL AND NOT EXISTS (
                  SELECT 1 FROM partnership_steps x WHERE x.consortium_id = $1 AND x.partnership_id = p.partnership_id) THEN p.status ELSE s.status END AS status,
                s.at AS reached_at
         FROM partnerships p LEFT JOIN LATERAL (
           SELECT status, at FROM partnership_steps s WHERE s.consortium_id = $1 AND s.partnership_id = p.partnership_id AND ${beforeEnd('s.at')}
           ORDER BY array_position(${statusArray}, s.status) DESC LIMIT 1) s ON true
         WHERE p.consortium_id = $1),
       -- Those that reached their status in the period.
       reached AS (SELECT partnership_id, status FROM status WHERE ${inPeriod('reached_at')})
       SELECT
         (SELECT count(*)::int FROM reached WHERE status = 'confirmed') AS confirmed,
         (SELECT count(*)::int FROM reached WHERE status = 'in-negotiation') AS in_negotiation,
         (SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM status WHERE status IS NOT NULL GROUP BY status) s) AS funnel,
         (SELECT count(*)::int FROM reached p WHERE p.status = 'confirmed' AND EXISTS (SELECT 1 FROM records r WHERE r.partnership_id = p.partnership_id)) AS collaborating,
         (SELECT coalesce(json_agg(json_build_object('month', month, 'joint-initiative', joint, 'shared-resource', shared, 'communication', communication, 'total', total) ORDER BY month), '[]')
            FROM (SELECT to_char(occurred_on, 'YYYY-MM') AS month, count(*)::int AS total,
                         count(*) FILTER (WHERE kind = 'joint-initiative')::int AS joint, count(*) FILTER (WHERE kind = 'shared-resource')::int AS shared,
                         count(*) FILTER (WHERE kind = 'communication')::int AS communication
                  FROM records GROUP BY 1) m) AS months,
         (SELECT coalesce(json_object_agg(criterion, json_build_object('average', average, 'responses', responses, 'organizations', organizations)), '{}') FROM (${feedbackPerCriterion}) f
            WHERE criterion = 'trust-synergy') AS perception`,
  indicators(facts): Indicator[] {
    return [
      // collaborating: confirmed partnerships with at least one collaboration recorded, the funnel's last step.
      measured('o4.partnerships.confirmed', facts.confirmed, { funnel: facts.funnel, collaborating: facts.collaborating }),
      measured('o4.partnerships.in-negotiation', facts.in_negotiation, null),
      measured('o4.collaboration-intensity', perMonth(facts.months), facts.months),
      surveyIndicator('o4.perception.trust-synergy', feedbackOf(facts.perception, 'trust-synergy')),
    ];
  },
};

/** Records per month over the span from the first month with a record to the last (one decimal). */
function perMonth(months: { month: string; total: number }[]): number {
  if (!months.length) return 0;
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  const span = index(months[months.length - 1].month) - index(months[0].month) + 1;
  const total = months.reduce((sum, m) => sum + m.total, 0);
  return Math.round((total / span) * 10) / 10;
}
