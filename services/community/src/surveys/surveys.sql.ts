import { sql } from '@ccndr/persistence';
import type { SurveyQuestion } from './survey-questions';

export const gatheringExists = sql<{ found: 1 }, [consortiumId: string, gatheringId: string]>(`SELECT 1 AS found FROM gatherings WHERE consortium_id = $1 AND id = $2`);

export const insertSurvey = sql<never, [id: string, consortiumId: string, gatheringId: string | null, titleFr: string, titleEn: string, questionsJson: string, publishedAt: Date, closesAt: string | null]>(
  `INSERT INTO surveys (id, consortium_id, gathering_id, title_fr, title_en, questions, published_at, closes_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
);

/** One response per member and survey: none is returned when the member already answered. */
export const insertResponse = sql<{ id: string }, [id: string, consortiumId: string, surveyId: string, memberId: string, organizationId: string, answersJson: string, submittedAt: Date]>(
  `INSERT INTO survey_responses (id, consortium_id, survey_id, member_id, organization_id, answers, submitted_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (survey_id, member_id) DO NOTHING RETURNING id`,
);

export const answersTo = sql<{ answers: Record<string, unknown> }, [surveyId: string]>(`SELECT answers FROM survey_responses WHERE survey_id = $1 ORDER BY submitted_at`);

/** The consortium's surveys, or one (`id`), newest first, with their response counts. */
export const surveysOf = sql<
  { id: string; gathering_id: string | null; title_fr: string; title_en: string; questions: SurveyQuestion[]; published_at: Date; closes_at: Date | null; responses: number },
  [consortiumId: string, id: string | null]
>(
  `SELECT s.id, s.gathering_id, s.title_fr, s.title_en, s.questions, s.published_at, s.closes_at,
          (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id)::int AS responses
   FROM surveys s WHERE s.consortium_id = $1 AND ($2::uuid IS NULL OR s.id = $2) ORDER BY s.published_at DESC`,
);

/**
 * Whether member `m` is still asked to answer survey `s` (aliases in the query that uses it): the
 * survey open, not answered by them, and for a gathering's survey, recorded present at it (not
 * cancelled). The portal's "give your feedback" list and the e-mail invitation ask the same people.
 */
export const stillToAnswer = `(s.closes_at IS NULL OR s.closes_at > now())
     AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.survey_id = s.id AND r.member_id = m.id)
     AND (s.gathering_id IS NULL OR EXISTS (SELECT 1 FROM gatherings g WHERE g.consortium_id = s.consortium_id AND g.id = s.gathering_id AND g.cancelled_at IS NULL)
          AND EXISTS (SELECT 1 FROM attendance a WHERE a.gathering_id = s.gathering_id AND a.member_id = m.id))`;

/** The surveys the member is still asked to answer, newest first. */
export const surveysToAnswer = sql<
  { id: string; gathering_id: string | null; title_fr: string; title_en: string; closes_at: Date | null },
  [consortiumId: string, memberId: string]
>(
  `SELECT s.id, s.gathering_id, s.title_fr, s.title_en, s.closes_at
   FROM surveys s JOIN members m ON m.consortium_id = s.consortium_id AND m.id = $2
   WHERE s.consortium_id = $1 AND ${stillToAnswer}
   ORDER BY s.published_at DESC`,
);

/** The member's response to a survey, if any. */
export const responseOf = sql<{ submittedAt: Date }, [surveyId: string, memberId: string]>(`SELECT submitted_at AS "submittedAt" FROM survey_responses WHERE survey_id = $1 AND member_id = $2`);
