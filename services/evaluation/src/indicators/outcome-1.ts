import { organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey } from '@ccndr/indicators';
import { feedbackOf, feedbackPerCriterion, surveyIndicator } from './feedback';
import { Indicator, inPeriod, liveOr, measured, Section } from './indicator';

const feedbackCriteria = ['participation', 'perceived-value', 'model-contribution'] as const;

/** Outcome 1 — engagement of the participating organisations. */
export const outcome1: Section = {
  keys: ['o1.'],
  // Attendance belongs to the period its gathering started in. Live, who attended and each meeting's participants are read
  // from the rollups (each member's attendance by organisation, each gathering's counts).
  facts: `WITH meeting_attendance AS MATERIALIZED (SELECT gathering_id, member_id FROM attended WHERE gathering_kind = 'consortium-meeting'),
       meetings AS (${liveOr(
         `SELECT gathering_id, meeting_attended AS n FROM gathering_rollups WHERE consortium_id = $1 AND meeting_attended > 0`,
         `SELECT gathering_id, count(*)::int AS n FROM meeting_attendance GROUP BY gathering_id`,
       )})
       SELECT
         (SELECT coalesce(json_object_agg(category, n), '{}') FROM (
            -- Attendance is read where it is kept, so that a withdrawal takes the organisation off when it did nothing else.
            SELECT o.category, count(*)::int AS n FROM organizations o JOIN (${liveOr(
              `SELECT organization_id FROM organization_activity WHERE consortium_id = $1 UNION SELECT organization_id FROM attendance_pairs WHERE consortium_id = $1`,
              `SELECT organization_id FROM organization_activities WHERE consortium_id = $1 AND ${inPeriod('at')} UNION SELECT organization_id FROM attended`,
            )}) a USING (organization_id)
            WHERE o.consortium_id = $1 GROUP BY o.category) c) AS active_by_category,
         (SELECT coalesce(sum(n), 0)::int FROM meetings) AS participants,
         (SELECT count(DISTINCT member_id)::int FROM (${liveOr(
           `SELECT member_id FROM attendance_pairs WHERE consortium_id = $1 AND meeting_attended > 0`,
           `SELECT member_id FROM meeting_attendance`,
         )}) m) AS unique_participants,
         (SELECT coalesce(json_agg(json_build_object('gatheringId', m.gathering_id, 'startsAt', g.starts_at, 'participants', m.n) ORDER BY g.starts_at NULLS LAST, m.gathering_id), '[]')
            FROM meetings m
            LEFT JOIN gatherings g ON g.consortium_id = $1 AND g.gathering_id = m.gathering_id) AS meetings,
         (SELECT coalesce(json_object_agg(criterion, json_build_object('average', average, 'responses', responses, 'organizations', organizations)), '{}') FROM (${feedbackPerCriterion}) f) AS feedback`,
  indicators(facts): Indicator[] {
    return [
      ...organizationCategories.map((category) => measured(activeOrganizationsKey(category), facts.active_by_category[category] ?? 0, null)),
      measured('o1.meeting-participants', facts.participants, { uniqueParticipants: facts.unique_participants, meetings: facts.meetings }),
      ...feedbackCriteria.map((criterion) => surveyIndicator(`o1.feedback.${criterion}`, feedbackOf(facts.feedback, criterion))),
    ];
  },
};
