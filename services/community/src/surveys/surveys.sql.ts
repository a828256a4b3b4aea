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
