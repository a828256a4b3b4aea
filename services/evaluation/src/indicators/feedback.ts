import { suppressSmallCount } from '@ccndr/indicators';
import { Indicator, inPeriod, liveOr, measured, oneDecimal } from './indicator';

/**
 * Survey figures per criterion, as the programme's criteria are read: each organisation's responses
 * are averaged first, then the organisations' averages (a team that answers five times weighs as
 * much as one that answers once). With the number of responses (n) and of organisations.
 * A response applied before organisations were kept counts as an organisation of its own. Responses
 * submitted in the period; live, from each organisation's sums per criterion (survey_rollups, migration
 * 1764000018010: the same division of the same integers, so the same averages) rather than every score.
 */
export const feedbackPerCriterion = `
  SELECT criterion, avg(organization_average) AS average, sum(responses)::int AS responses, count(*)::int AS organizations FROM (${liveOr(
    `SELECT criterion, organization, score_sum::numeric / scores AS organization_average, responses::bigint AS responses FROM survey_rollups WHERE consortium_id = $1`,
    `SELECT criterion, coalesce(organization_id, response_id) AS organization, avg(score) AS organization_average, count(DISTINCT response_id) AS responses
     FROM feedback_scores WHERE consortium_id = $1 AND criterion IS NOT NULL AND ${inPeriod('submitted_at')} GROUP BY 1, 2`,
  )}) per_organization
  GROUP BY criterion`;

/** One criterion's figures as the feedback statement reads them (no responses yet: none). */
export interface FeedbackFigures {
  average: number | null;
  responses: number;
  organizations: number;
}

export function feedbackOf(facts: Record<string, FeedbackFigures | undefined>, criterion: string): FeedbackFigures {
  return facts[criterion] ?? { average: null, responses: 0, organizations: 0 };
}

/**
 * A survey indicator: the average withheld when drawn from 1 to 4 organisations, and its n (responses,
 * organisations) shown "<5" from 1 to 4, as the catalogue's rule says.
 */
export function surveyIndicator(key: string, { average, responses, organizations }: FeedbackFigures): Indicator {
  return measured(key, oneDecimal(average), { responses: suppressSmallCount(responses), organizations: suppressSmallCount(organizations) }, { drawnFrom: organizations });
}
