import { sql } from '@ccndr/persistence';
import type { AssessmentView } from './assessments.service';
import type { Answers } from './scoring';

export type AssessmentMode = 'individual' | 'team';

export const activeMembersOfOrganization = sql<{ member_id: string }, [consortiumId: string, organizationId: string, memberIds: string[]]>(
  `SELECT member_id FROM members WHERE consortium_id = $1 AND organization_id = $2 AND member_id = ANY($3::uuid[]) AND left_at IS NULL`,
);

export const insertAssessment = sql<never, [id: string, consortiumId: string, organizationId: string, frameworkVersion: string, mode: AssessmentMode, startedBy: string, startedAt: Date]>(
  `INSERT INTO assessments (id, consortium_id, organization_id, framework_version, mode, started_by, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
);

export const insertRespondents = sql<never, [assessmentId: string, memberIds: string[]]>(`INSERT INTO respondents (assessment_id, member_id) SELECT $1, unnest($2::uuid[])`);

/** Adds to a respondent's answers and evidence notes (JSON objects), replacing those given again. */
export const saveAnswers = sql<never, [assessmentId: string, memberId: string, answersJson: string, evidenceJson: string]>(
  `UPDATE respondents SET answers = answers || $3::jsonb, evidence = evidence || $4::jsonb WHERE assessment_id = $1 AND member_id = $2`,
);

export const respondentSubmitted = sql<never, [assessmentId: string, memberId: string, submittedAt: Date]>(`UPDATE respondents SET submitted_at = $3 WHERE assessment_id = $1 AND member_id = $2`);

export const answersOf = sql<{ answers: Answers; submitted_at: Date | null }, [assessmentId: string]>(`SELECT answers, submitted_at FROM respondents WHERE assessment_id = $1`);

export const assessmentOrganization = sql<{ organization_id: string }, [assessmentId: string]>(`SELECT organization_id FROM assessments WHERE id = $1`);

/** Newest first, of one organisation or (null) all. */
export const assessmentIds = sql<{ id: string }, [consortiumId: string, organizationId: string | null]>(
  `SELECT id FROM assessments WHERE consortium_id = $1 AND ($2::uuid IS NULL OR organization_id = $2) ORDER BY started_at DESC LIMIT 200`,
);

export const assessmentById = sql<
  { id: string; organization_id: string; framework_version: string; mode: AssessmentMode; started_at: Date; completed_at: Date | null; result: AssessmentView['result'] },
  [consortiumId: string, id: string]
>(`SELECT id, organization_id, framework_version, mode, started_at, completed_at, result FROM assessments WHERE consortium_id = $1 AND id = $2`);

export const respondentsOf = sql<{ member_id: string; answers: Answers; evidence: Record<string, string>; submitted_at: Date | null }, [assessmentId: string]>(
  `SELECT member_id, answers, evidence, submitted_at FROM respondents WHERE assessment_id = $1 ORDER BY member_id`,
);

export const assessmentCompleted = sql<never, [id: string, completedAt: Date, resultJson: string]>(`UPDATE assessments SET completed_at = $2, result = $3 WHERE id = $1`);

export const assessmentFramework = sql<{ framework_version: string }, [consortiumId: string, id: string]>(`SELECT framework_version FROM assessments WHERE consortium_id = $1 AND id = $2`);

/** The assessment, its row locked until the transaction ends. */
export const assessmentForUpdate = sql<{ found: 1 }, [consortiumId: string, id: string]>(`SELECT 1 AS found FROM assessments WHERE consortium_id = $1 AND id = $2 FOR UPDATE`);

export const respondentOf = sql<{ member_id: string; answers: Answers; submitted_at: Date | null }, [assessmentId: string, memberId: string]>(
  `SELECT member_id, answers, submitted_at FROM respondents WHERE assessment_id = $1 AND member_id = $2`,
);
