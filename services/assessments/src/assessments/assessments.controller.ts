import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
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

const participants = ['coordinator', 'member', 'provider', 'advisor'] as const;

@ApiTags('assessments')
@Controller('consortia/:consortiumId/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @Roles(...participants)
  @ApiOperation({ summary: 'Start a readiness self-assessment, alone or as a team / Commencer une autoévaluation, seul ou en équipe' })
  @ApiBody(openApiBody(startAssessmentBody))
  start(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(startAssessmentBody)) body: z.infer<typeof startAssessmentBody>) {
    return this.assessments.start(consortiumId, principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'An organisation’s assessments, newest first / Les autoévaluations d’un organisme' })
  @ApiQuery({ name: 'organizationId', required: false })
  list(@Param('consortiumId') consortiumId: string, @Query(new ZodPipe(listAssessmentsQuery)) query: z.infer<typeof listAssessmentsQuery>, @CurrentPrincipal() principal: Principal) {
    return this.assessments.list(consortiumId, query.organizationId, principal);
  }

  @Get(':assessmentId')
  @ApiOperation({ summary: 'An assessment: progress, my answers, the result once complete / Une autoévaluation' })
  get(@Param('consortiumId') consortiumId: string, @Param('assessmentId', new ZodPipe(uuidParam, 'assessmentId')) assessmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.assessments.get(consortiumId, assessmentId, principal);
  }

  @Put(':assessmentId/answers')
  @Roles(...participants)
  @ApiOperation({ summary: 'Save some of my answers and evidence notes (resumable) / Enregistrer des réponses' })
  @ApiBody(openApiBody(answerBody))
  answer(
    @Param('consortiumId') consortiumId: string,
    @Param('assessmentId', new ZodPipe(uuidParam, 'assessmentId')) assessmentId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(answerBody)) body: z.infer<typeof answerBody>,
  ) {
    return this.assessments.answer(consortiumId, assessmentId, principal, body);
  }

  @Post(':assessmentId/submit')
  @HttpCode(200)
  @Roles(...participants)
  @ApiOperation({ summary: 'Submit my answers; the result comes when every respondent has / Soumettre mes réponses' })
  submit(@Param('consortiumId') consortiumId: string, @Param('assessmentId', new ZodPipe(uuidParam, 'assessmentId')) assessmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.assessments.submit(consortiumId, assessmentId, principal);
  }
}
