import { FeedbackCriterion, OrganizationCategory, organizationCategories } from '@ccndr/contracts';
import { Bilingual, Indicator, oneDecimal, Section } from './indicator';

const categories: Record<OrganizationCategory, { label: Bilingual; target: number }> = {
  'youth-employment-nonprofit': { label: { en: 'Active youth-employment nonprofits', fr: 'OBNL en employabilité des jeunes actifs' }, target: 10 },
  'service-provider': { label: { en: 'Active service providers', fr: 'Fournisseurs de services actifs' }, target: 10 },
  'technical-advisor': { label: { en: 'Active technical advisors', fr: 'Conseillers techniques actifs' }, target: 2 },
  'sector-advisor': { label: { en: 'Active sector advisors', fr: 'Conseillers sectoriels actifs' }, target: 3 },
  'other-member': { label: { en: 'Active other members', fr: 'Autres membres actifs' }, target: 1 },
};

const feedback: Record<Exclude<FeedbackCriterion, 'trust-synergy'>, Bilingual> = {
  participation: { en: 'Level of participation (survey average, 1–5)', fr: 'Niveau de participation (moyenne du sondage, 1 à 5)' },
  'perceived-value': { en: 'Perceived value of the consortium (survey average, 1–5)', fr: 'Valeur perçue du consortium (moyenne du sondage, 1 à 5)' },
  'model-contribution': { en: 'Contribution to the collaboration models (survey average, 1–5)', fr: 'Contribution aux modèles de collaboration (moyenne du sondage, 1 à 5)' },
};

/** Outcome 1 — engagement of the participating organisations. */
export const outcome1: Section = {
  facts: `WITH meeting_attendance AS MATERIALIZED (
         SELECT gathering_id, member_id FROM attendance WHERE consortium_id = $1 AND gathering_kind = 'consortium-meeting')
       SELECT
         (SELECT coalesce(json_object_agg(category, n), '{}') FROM (
            SELECT o.category, count(*)::int AS n FROM organizations o JOIN organization_activity a USING (consortium_id, organization_id)
            WHERE o.consortium_id = $1 GROUP BY o.category) c) AS active_by_category,
         (SELECT count(*)::int FROM meeting_attendance) AS participants,
         (SELECT count(DISTINCT member_id)::int FROM meeting_attendance) AS unique_participants,
         (SELECT coalesce(json_agg(json_build_object('gatheringId', m.gathering_id, 'startsAt', g.starts_at, 'participants', m.n) ORDER BY g.starts_at NULLS LAST, m.gathering_id), '[]')
            FROM (SELECT gathering_id, count(*)::int AS n FROM meeting_attendance GROUP BY gathering_id) m
            LEFT JOIN gatherings g ON g.consortium_id = $1 AND g.gathering_id = m.gathering_id) AS meetings,
         (SELECT coalesce(json_object_agg(criterion, json_build_object('average', average, 'responses', responses)), '{}') FROM (
            SELECT criterion, avg(score) AS average, count(DISTINCT response_id)::int AS responses FROM feedback_scores
            WHERE consortium_id = $1 AND criterion IS NOT NULL GROUP BY criterion) f) AS feedback`,
  indicators(facts): Indicator[] {
    return [
      ...organizationCategories.map(
        (category): Indicator => ({
          key: `o1.active-organizations.${category}`,
          outcome: 1,
          label: categories[category].label,
          unit: 'count',
          value: facts.active_by_category[category] ?? 0,
          target: { comparison: 'at-least', value: categories[category].target },
          breakdown: null,
        }),
      ),
      {
        key: 'o1.meeting-participants',
        outcome: 1,
        label: { en: 'Participants in consortium meetings', fr: 'Participants aux rencontres du consortium' },
        unit: 'count',
        value: facts.participants,
        target: { comparison: 'more-than', value: 60 },
        breakdown: { uniqueParticipants: facts.unique_participants, meetings: facts.meetings },
      },
      ...Object.entries(feedback).map(
        ([criterion, label]): Indicator => ({
          key: `o1.feedback.${criterion}`,
          outcome: 1,
          label,
          unit: 'average',
          value: oneDecimal(facts.feedback[criterion]?.average ?? null),
          target: null,
          breakdown: { responses: facts.feedback[criterion]?.responses ?? 0 },
        }),
      ),
    ];
  },
};
