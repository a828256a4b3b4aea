import { expertCriteria, stakeholderCriteria } from '@ccndr/contracts';
import { raterAgreement } from '@ccndr/statistics';
import { Indicator, inPeriod, measured, oneDecimal, Section } from './indicator';

type ReviewCriterion = (typeof stakeholderCriteria)[number] | (typeof expertCriteria)[number];

interface ReviewScores {
  model_id: string;
  reviewer_role: 'stakeholder' | 'expert';
  criterion: ReviewCriterion;
  scores: number[];
}

/** Outcome 3 — collaboration models proposed, rated by stakeholders and experts, checked for viability. */
export const outcome3: Section = {
  keys: ['o3.'],
  facts: `SELECT
         (SELECT count(*)::int FROM collaboration_models WHERE consortium_id = $1 AND ${inPeriod('proposed_at')}) AS proposed,
         (SELECT coalesce(json_object_agg(coalesce(prototype::text, 'none'), n), '{}') FROM (
            SELECT prototype, count(*)::int AS n FROM collaboration_models WHERE consortium_id = $1 AND ${inPeriod('proposed_at')} GROUP BY prototype) p) AS by_prototype,
         (SELECT coalesce(json_agg(json_build_object('modelId', model_id, 'scalability', scalability, 'efficientUseOfResources', efficient_use_of_resources,
                  'sustainability', sustainability) ORDER BY model_id), '[]') FROM model_viability WHERE consortium_id = $1 AND ${inPeriod('checked_at')}) AS viability,
         (SELECT coalesce(json_agg(r ORDER BY r.model_id, r.criterion), '[]') FROM (
            SELECT model_id, reviewer_role, criterion, array_agg(score ORDER BY review_id) AS scores FROM model_review_scores
            WHERE consortium_id = $1 AND ${inPeriod('reviewed_at')} GROUP BY model_id, reviewer_role, criterion) r) AS reviews`,
  indicators(facts): Indicator[] {
    const reviews: ReviewScores[] = facts.reviews;
    const rating = (role: 'stakeholder' | 'expert', criterion: ReviewCriterion): Indicator => {
      const perModel = reviews.filter((r) => r.reviewer_role === role && r.criterion === criterion);
      const all = perModel.flatMap((r) => r.scores);
      return measured(`o3.${role}-rating.${criterion}`, all.length ? oneDecimal(all.reduce((a, b) => a + b, 0) / all.length) : null, {
        models: perModel.map((r) => ({ modelId: r.model_id, average: oneDecimal(r.scores.reduce((a, b) => a + b, 0) / r.scores.length), ratings: r.scores.length, agreement: raterAgreement(r.scores) })),
      });
    };
    // Agreement is measured where at least two people rated the same model on the same criterion.
    const agreements = reviews.map((r) => ({ modelId: r.model_id, criterion: r.criterion, raters: r.reviewer_role, agreement: raterAgreement(r.scores) })).filter((a) => a.agreement !== null);
    const meanAgreement = (of: typeof agreements) => (of.length ? Math.round((of.reduce((sum, a) => sum + a.agreement!, 0) / of.length) * 100) / 100 : null);
    const viable = facts.viability.filter((v: { scalability: boolean; efficientUseOfResources: boolean; sustainability: boolean }) => v.scalability && v.efficientUseOfResources && v.sustainability);
    return [
      measured('o3.models-proposed', facts.proposed, { byPrototype: facts.by_prototype }),
      ...stakeholderCriteria.map((criterion) => rating('stakeholder', criterion)),
      ...expertCriteria.map((criterion) => rating('expert', criterion)),
      measured('o3.viability-criteria-met', viable.length, { models: facts.viability }),
      measured(
        'o3.rater-agreement',
        meanAgreement(agreements),
        // Stakeholders and experts rate different criteria: each group's agreement is reported under its own heading.
        { ratings: agreements, byRaters: { stakeholder: meanAgreement(agreements.filter((a) => a.raters === 'stakeholder')), expert: meanAgreement(agreements.filter((a) => a.raters === 'expert')) } },
      ),
    ];
  },
};
