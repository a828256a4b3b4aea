import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { prototypeNumber, scaleScore } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { CollaborationModelsService } from './collaboration-models.service';

export const proposeModelBody = z.strictObject({
  circleId: z.uuid(),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().min(1).max(20_000),
  prototype: prototypeNumber.nullable().default(null),
  businessModelNotes: z.string().trim().max(20_000).nullable().default(null),
});
export const expertsBody = z.strictObject({ memberIds: z.array(z.uuid()).max(50) });
export const viabilityBody = z.strictObject({ scalability: z.boolean(), efficientUseOfResources: z.boolean(), sustainability: z.boolean() });
export const reviewBody = z.strictObject({
  scores: z.partialRecord(z.enum(['feasibility', 'effectiveness', 'scalability', 'impact', 'viability', 'relevance']), scaleScore),
  comment: z.string().trim().max(5000).nullable().default(null),
});

const participants = ['coordinator', 'member', 'provider', 'advisor'] as const;

@ApiTags('collaboration models')
@Controller('consortia/:consortiumId/collaboration-models')
export class CollaborationModelsController {
  constructor(private readonly models: CollaborationModelsService) {}

  @Post()
  @Roles(...participants)
  @ApiOperation({ summary: 'A working group proposes a collaboration model / Un groupe de travail propose un modèle de collaboration' })
  @ApiBody(openApiBody(proposeModelBody))
  propose(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(proposeModelBody)) body: z.infer<typeof proposeModelBody>) {
    return this.models.propose(consortiumId, principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'Collaboration models with their reviews / Modèles de collaboration et leurs évaluations' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.models.list(consortiumId);
  }

  @Get(':modelId')
  @ApiOperation({ summary: 'A model: averages and rater agreement per criterion, viability / Un modèle : moyennes, accord entre évaluateurs, viabilité' })
  get(@Param('consortiumId') consortiumId: string, @Param('modelId', new ZodPipe(uuidParam, 'modelId')) modelId: string) {
    return this.models.get(consortiumId, modelId);
  }

  @Put(':modelId/experts')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Designate the experts who review the model / Désigner les experts' })
  @ApiBody(openApiBody(expertsBody))
  designateExperts(
    @Param('consortiumId') consortiumId: string,
    @Param('modelId', new ZodPipe(uuidParam, 'modelId')) modelId: string,
    @Body(new ZodPipe(expertsBody)) body: z.infer<typeof expertsBody>,
  ) {
    return this.models.designateExperts(consortiumId, modelId, body.memberIds);
  }

  @Put(':modelId/viability')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Viability checklist: scalability, efficient use of resources, sustainability / Liste de viabilité' })
  @ApiBody(openApiBody(viabilityBody))
  checkViability(
    @Param('consortiumId') consortiumId: string,
    @Param('modelId', new ZodPipe(uuidParam, 'modelId')) modelId: string,
    @Body(new ZodPipe(viabilityBody)) body: z.infer<typeof viabilityBody>,
  ) {
    return this.models.checkViability(consortiumId, modelId, body);
  }

  @Post(':modelId/reviews')
  @Roles(...participants)
  @ApiOperation({ summary: 'Review the model (1–5), once / Évaluer le modèle (1 à 5), une fois' })
  @ApiBody(openApiBody(reviewBody))
  review(
    @Param('consortiumId') consortiumId: string,
    @Param('modelId', new ZodPipe(uuidParam, 'modelId')) modelId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(reviewBody)) body: z.infer<typeof reviewBody>,
  ) {
    return this.models.review(consortiumId, modelId, principal, body);
  }
}
