import { feedbackOf, feedbackPerCriterion, surveyIndicator } from './feedback';
import { Indicator, measured, Section } from './indicator';

/** Outcome 4 — ties between partners: partnerships, how often they work together, how they perceive it. */
export const outcome4: Section = {
  facts: `SELECT
         (SELECT count(*)::int FROM partnerships WHERE consortium_id = $1 AND status = 'confirmed') AS confirmed,
         (SELECT count(*)::int FROM partnerships WHERE consortium_id = $1 AND status = 'in-negotiation') AS in_negotiation,
         (SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM partnerships WHERE consortium_id = $1 GROUP BY status) s) AS funnel,
         (SELECT count(*)::int FROM partnerships p WHERE p.consortium_id = $1 AND p.status = 'confirmed'
            AND EXISTS (SELECT 1 FROM collaboration_records r WHERE r.consortium_id = $1 AND r.partnership_id = p.partnership_id)) AS collaborating,
         (SELECT coalesce(json_agg(json_build_object('month', month, 'joint-initiative', joint, 'shared-resource', shared, 'communication', communication, 'total', total) ORDER BY month), '[]')
            FROM (SELECT to_char(occurred_on, 'YYYY-MM') AS month, count(*)::int AS total,
                         count(*) FILTER (WHERE kind = 'joint-initiative')::int AS joint, count(*) FILTER (WHERE kind = 'shared-resource')::int AS shared,
                         count(*) FILTER (WHERE kind = 'communication')::int AS communication
                  FROM collaboration_records WHERE consortium_id = $1 GROUP BY 1) m) AS months,
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
