import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { timestamp } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, ValidBody } from '@ccndr/service-kit';
import { surveyQuestion } from './survey-questions';
import { SurveysService } from './surveys.service';

export const publishSurveyBody = z.strictObject({
  gatheringId: z.uuid().nullable().default(null),
  title: z.strictObject({ fr: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) }),
  /** Omit to ask the programme's four criteria and a comment box. */
  questions: z.array(surveyQuestion).min(1).max(30).nullable().default(null),
  closesAt: timestamp.nullable().default(null),
});
export const respondBody = z.strictObject({ answers: z.record(z.string(), z.unknown()) });

@ConsortiumRoutes('surveys', 'surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Route('POST', { summary: 'Publish a feedback survey for a gathering or the consortium / Publier un sondage de rétroaction', roles: ['coordinator'] })
  publish(@ConsortiumId() consortiumId: string, @ValidBody(publishSurveyBody) body: z.infer<typeof publishSurveyBody>) {
    return this.surveys.publish(consortiumId, body);
  }

  @Route('GET', { summary: 'Surveys / Sondages' })
  list(@ConsortiumId() consortiumId: string) {
    return this.surveys.list(consortiumId);
  }

  @Route('GET', 'to-answer', { summary: 'The open surveys the caller is asked to answer / Les sondages auxquels répondre', roles: participantRoles })
  toAnswer(@Caller() { consortiumId, principal }: Caller) {
    return this.surveys.toAnswer(consortiumId, principal);
  }

  @Route('GET', ':surveyId', { summary: 'A survey and its questions (FR/EN) / Un sondage et ses questions' })
  get(@ConsortiumId() consortiumId: string, @IdParam('surveyId') surveyId: string) {
    return this.surveys.get(consortiumId, surveyId);
  }

  @Route('POST', ':surveyId/responses', { summary: 'Answer a survey, once / Répondre au sondage, une fois', roles: participantRoles })
  respond(@Caller() { consortiumId, principal }: Caller, @IdParam('surveyId') surveyId: string, @ValidBody(respondBody) body: z.infer<typeof respondBody>) {
    return this.surveys.respond(consortiumId, surveyId, principal, body.answers);
  }

  @Route('GET', ':surveyId/responses/mine', { summary: 'Whether the caller has answered / Si vous avez répondu', roles: participantRoles })
  mine(@Caller() { consortiumId, principal }: Caller, @IdParam('surveyId') surveyId: string) {
    return this.surveys.mine(consortiumId, surveyId, principal);
  }

  @Route('GET', ':surveyId/results', { summary: 'Results per question / Résultats par question', roles: ['coordinator'] })
  results(@ConsortiumId() consortiumId: string, @IdParam('surveyId') surveyId: string) {
    return this.surveys.results(consortiumId, surveyId);
  }
}
