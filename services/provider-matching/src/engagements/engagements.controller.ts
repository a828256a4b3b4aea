import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { calendarDate, cancelReason, declineReason, paymentMilestone } from '@ccndr/contracts';
import { openApiBody, schemaMessage, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { EngagementsService } from './engagements.service';

export const requestBody = z.strictObject({
  needId: z.uuid(),
  providerId: z.uuid(),
  /** A note to the provider; stays in the service. */
  message: z.string().trim().max(2000).nullable().default(null),
});
export const declineBody = z.strictObject({ reason: declineReason });
export const cancelBody = z.strictObject({ reason: cancelReason });
const milestoneTerms = z.strictObject({ amount: z.number().min(0).max(1_000_000), dueOn: calendarDate });
export const scopeBody = z
  .strictObject({ scope: z.string().trim().min(1).max(5000), kickOff: milestoneTerms, completion: milestoneTerms })
  .refine((b) => b.kickOff.dueOn <= b.completion.dueOn, { ...schemaMessage('payment.completion-before-kick-off', 'must not come before the kick-off payment', 'ne doit pas précéder le versement de lancement'), path: ['completion', 'dueOn'] });
export const paymentBody = z.strictObject({ amount: z.number().min(0).max(1_000_000), paidOn: calendarDate });
export const ratingBody = z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).nullable().default(null) });
export const engagementsQuery = z.strictObject({
  needId: z.uuid().optional(),
  status: z.enum(['requested', 'accepted', 'declined', 'scoped', 'active', 'completed', 'cancelled', 'expired']).optional(),
});

@ApiTags('engagements')
@Controller('consortia/:consortiumId/engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Post()
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Ask a provider for an introduction about a need / Demander une mise en relation' })
  @ApiBody(openApiBody(requestBody))
  request(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(requestBody)) body: z.infer<typeof requestBody>) {
    return this.engagements.request(consortiumId, principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'Engagements I take part in (all, for coordinators) / Mes engagements' })
  @ApiQuery({ name: 'needId', required: false })
  @ApiQuery({ name: 'status', required: false })
  list(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Query(new ZodPipe(engagementsQuery)) query: z.infer<typeof engagementsQuery>) {
    return this.engagements.list(consortiumId, principal, query);
  }

  @Get(':engagementId')
  @ApiOperation({ summary: 'An engagement, its milestones and ratings / Un engagement' })
  get(@Param('consortiumId') consortiumId: string, @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.engagements.get(consortiumId, id, principal);
  }

  @Post(':engagementId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'The provider accepts the request / Le fournisseur accepte' })
  accept(@Param('consortiumId') consortiumId: string, @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.engagements.accept(consortiumId, id, principal);
  }

  @Post(':engagementId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'The provider declines, giving a reason the matching learns from / Le fournisseur décline' })
  @ApiBody(openApiBody(declineBody))
  decline(
    @Param('consortiumId') consortiumId: string,
    @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(declineBody)) body: z.infer<typeof declineBody>,
  ) {
    return this.engagements.decline(consortiumId, id, principal, body.reason);
  }

  @Post(':engagementId/scope')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agree the scope and the kick-off and completion payments / Convenir de la portée et des deux versements' })
  @ApiBody(openApiBody(scopeBody))
  scope(
    @Param('consortiumId') consortiumId: string,
    @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(scopeBody)) body: z.infer<typeof scopeBody>,
  ) {
    return this.engagements.scope(consortiumId, id, principal, body);
  }

  @Post(':engagementId/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'The work begins / Le travail commence' })
  start(@Param('consortiumId') consortiumId: string, @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.engagements.start(consortiumId, id, principal);
  }

  @Post(':engagementId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'The work is done / Le travail est terminé' })
  complete(@Param('consortiumId') consortiumId: string, @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.engagements.complete(consortiumId, id, principal);
  }

  @Post(':engagementId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the engagement before completion / Annuler l’engagement' })
  @ApiBody(openApiBody(cancelBody))
  cancel(
    @Param('consortiumId') consortiumId: string,
    @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(cancelBody)) body: z.infer<typeof cancelBody>,
  ) {
    return this.engagements.cancel(consortiumId, id, principal, body.reason);
  }

  @Post(':engagementId/payments/:milestone')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record a milestone payment (kick-off or completion) / Consigner un versement' })
  @ApiBody(openApiBody(paymentBody))
  recordPayment(
    @Param('consortiumId') consortiumId: string,
    @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string,
    @Param('milestone', new ZodPipe(paymentMilestone, 'milestone')) milestone: z.infer<typeof paymentMilestone>,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(paymentBody)) body: z.infer<typeof paymentBody>,
  ) {
    return this.engagements.recordPayment(consortiumId, id, principal, milestone, body);
  }

  @Post(':engagementId/ratings')
  @HttpCode(201)
  @ApiOperation({ summary: 'Rate the completed engagement (each side once) / Évaluer l’engagement terminé' })
  @ApiBody(openApiBody(ratingBody))
  rate(
    @Param('consortiumId') consortiumId: string,
    @Param('engagementId', new ZodPipe(uuidParam, 'engagementId')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(ratingBody)) body: z.infer<typeof ratingBody>,
  ) {
    return this.engagements.rate(consortiumId, id, principal, body);
  }
}
