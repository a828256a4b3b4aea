import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { timestamp } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
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

@ApiTags('surveys')
@Controller('consortia/:consortiumId/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Publish a feedback survey for a gathering or the consortium / Publier un sondage de rétroaction' })
  @ApiBody(openApiBody(publishSurveyBody))
  publish(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(publishSurveyBody)) body: z.infer<typeof publishSurveyBody>) {
    return this.surveys.publish(consortiumId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Surveys / Sondages' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.surveys.list(consortiumId);
  }

  @Get(':surveyId')
  @ApiOperation({ summary: 'A survey and its questions (FR/EN) / Un sondage et ses questions' })
  get(@Param('consortiumId') consortiumId: string, @Param('surveyId', new ZodPipe(uuidParam, 'surveyId')) surveyId: string) {
    return this.surveys.get(consortiumId, surveyId);
  }

  @Post(':surveyId/responses')
  @Roles('coordinator', 'member', 'provider', 'advisor')
  @ApiOperation({ summary: 'Answer a survey, once / Répondre au sondage, une fois' })
  @ApiBody(openApiBody(respondBody))
  respond(
    @Param('consortiumId') consortiumId: string,
    @Param('surveyId', new ZodPipe(uuidParam, 'surveyId')) surveyId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(respondBody)) body: z.infer<typeof respondBody>,
  ) {
    return this.surveys.respond(consortiumId, surveyId, principal, body.answers);
  }

  @Get(':surveyId/results')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Results per question / Résultats par question' })
  results(@Param('consortiumId') consortiumId: string, @Param('surveyId', new ZodPipe(uuidParam, 'surveyId')) surveyId: string) {
    return this.surveys.results(consortiumId, surveyId);
  }
}
