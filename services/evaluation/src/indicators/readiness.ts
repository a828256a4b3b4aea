import { suppressSmallCount } from '@ccndr/indicators';
import { beforeEnd, Indicator, inPeriod, measured, oneDecimal, Section } from './indicator';

/** Prototype 1 — readiness: assessments completed, maturity per dimension, progress on the journeys. */
export const readiness: Section = {
  keys: ['readiness.'],
  // Assessments completed in the period (each organisation's latest for maturity); journeys as they stood at its end.
  facts: `WITH latest AS (
         SELECT DISTINCT ON (organization_id) assessment_id, organization_id FROM completed_assessments
         WHERE consortium_id = $1 AND ${inPeriod('completed_at')} ORDER BY organization_id, completed_at DESC),
       latest_journeys AS (
         SELECT DISTINCT ON (organization_id) journey_id, milestones FROM journeys WHERE consortium_id = $1 AND ${beforeEnd('created_at')} ORDER BY organization_id, created_at DESC)
       SELECT
         (SELECT count(*)::int FROM completed_assessments WHERE consortium_id = $1 AND ${inPeriod('completed_at')}) AS completed,
         (SELECT count(*)::int FROM latest) AS organizations,
         (SELECT coalesce(json_object_agg(dimension, json_build_object('average', average, 'organizations', n)), '{}') FROM (
            SELECT s.dimension, avg(s.score) AS average, count(*)::int AS n FROM assessment_scores s JOIN latest USING (assessment_id)
            WHERE s.consortium_id = $1 GROUP BY s.dimension) d) AS maturity,
         (SELECT avg(100.0 * (SELECT count(*) FROM journey_milestones_completed c WHERE c.consortium_id = $1 AND c.journey_id = j.journey_id AND ${beforeEnd('c.completed_at')}) / j.milestones)
            FROM latest_journeys j WHERE j.milestones > 0) AS journey_progress,
         (SELECT count(*)::int FROM latest_journeys) AS journeys,
         (SELECT dimensions FROM consortium_frameworks WHERE consortium_id = $1) AS dimensions`,
  indicators(facts): Indicator[] {
    // The framework's dimensions in its order and names; dimensions only seen in scores follow.
    const named: { key: string; name: { fr: string; en: string } }[] = facts.dimensions ?? [];
    const keys = [...named.map((d) => d.key), ...Object.keys(facts.maturity).filter((k) => !named.some((d) => d.key === k)).sort()];
    return [
      measured('readiness.assessments-completed', facts.completed, { organizations: suppressSmallCount(facts.organizations) }),
      ...keys.map((key) => {
        const name = named.find((d) => d.key === key)?.name ?? { fr: key, en: key };
        const organizations: number = facts.maturity[key]?.organizations ?? 0;
        return measured(`readiness.maturity.${key}`, oneDecimal(facts.maturity[key]?.average ?? null), { dimension: name, organizations: suppressSmallCount(organizations) }, { dimension: name, drawnFrom: organizations });
      }),
      measured('readiness.journey-progress', oneDecimal(facts.journey_progress), { journeys: suppressSmallCount(facts.journeys) }, { drawnFrom: facts.journeys }),
    ];
  },
};
