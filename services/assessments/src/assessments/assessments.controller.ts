import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { Caller, ConsortiumRoutes, IdParam, Route, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { AssessmentsService } from './assessments.service';

export const startAssessmentBody = z.strictObject({
  organizationId: z.uuid(),
  /** Teammates who each answer alone (include yourself to answer too); omit to answer alone. */
  respondentMemberIds: z.array(z.uuid()).min(1).max(50).nullable().default(null),
});
export const listAssessmentsQuery = z.strictObject({ organizationId: z.uuid().optional() });
export const answerBody = z.strictObject({
  answers: z.record(z.string().max(200), z.string().max(200)).default({}),
  evidence: z.record(z.string(), z.string().trim().max(2000)).default({}),
});

@ConsortiumRoutes('assessments', 'assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Route('POST', { summary: 'Start a readiness self-assessment, alone or as a team / Commencer une autoévaluation, seul ou en équipe', roles: participantRoles })
  start(@Caller() { consortiumId, principal }: Caller, @ValidBody(startAssessmentBody) body: z.infer<typeof startAssessmentBody>) {
    return this.assessments.start(consortiumId, principal, body);
  }

  @Route('GET', { summary: 'An organisation’s assessments, newest first / Les autoévaluations d’un organisme' })
  list(@Caller() { consortiumId, principal }: Caller, @ValidQuery(listAssessmentsQuery) query: z.infer<typeof listAssessmentsQuery>) {
    return this.assessments.list(consortiumId, query.organizationId, principal);
  }

  @Route('GET', ':assessmentId', { summary: 'An assessment: progress, my answers, the result once complete / Une autoévaluation' })
  get(@Caller() { consortiumId, principal }: Caller, @IdParam('assessmentId') assessmentId: string) {
    return this.assessments.get(consortiumId, assessmentId, principal);
  }

  @Route('PUT', ':assessmentId/answers', { summary: 'Save some of my answers and evidence notes (resumable) / Enregistrer des réponses', roles: participantRoles })
  answer(@Caller() { consortiumId, principal }: Caller, @IdParam('assessmentId') assessmentId: string, @ValidBody(answerBody) body: z.infer<typeof answerBody>) {
    return this.assessments.answer(consortiumId, assessmentId, principal, body);
  }

  @Route('POST', ':assessmentId/submit', { summary: 'Submit my answers; the result comes when every respondent has / Soumettre mes réponses', roles: participantRoles, status: 200 })
  submit(@Caller() { consortiumId, principal }: Caller, @IdParam('assessmentId') assessmentId: string) {
    return this.assessments.submit(consortiumId, assessmentId, principal);
  }
}
