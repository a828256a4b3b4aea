import { Param } from '@nestjs/common';
import { z } from 'zod';

import { calendarDate, cancelReason, declineReason, paymentMilestone, timestamp } from '@ccndr/contracts';
import { Caller, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ValidQuery, ZodPipe } from '@ccndr/service-kit';
import { engagementStatuses, EngagementsService } from './engagements.service';

export const requestBody = z.strictObject({
  needId: z.uuid(),
  providerId: z.uuid(),
  /** A note to the provider; stays in the service. */
  message: z.string().trim().max(2000).nullable().default(null),
});
export const declineBody = z.strictObject({ reason: declineReason });
export const cancelBody = z.strictObject({ reason: cancelReason });
const milestoneTerms = z.strictObject({ amount: z.number().min(0).max(1_000_000), dueOn: calendarDate });
/** The proposal the nonprofit read (its `scopeProposedAt`): agreeing to it agrees to those terms, not to a newer proposal. */
export const agreeScopeBody = z.strictObject({ proposedAt: timestamp });

export const scopeBody = z
  .strictObject({ scope: z.string().trim().min(1).max(5000), kickOff: milestoneTerms, completion: milestoneTerms })
  .refine((b) => b.kickOff.dueOn <= b.completion.dueOn, { ...schemaMessage('payment.completion-before-kick-off', 'must not come before the kick-off payment', 'ne doit pas précéder le versement de lancement'), path: ['completion', 'dueOn'] });
export const paymentBody = z.strictObject({ amount: z.number().min(0).max(1_000_000), paidOn: calendarDate });
export const ratingBody = z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).nullable().default(null) });
export const engagementsQuery = z.strictObject({
  needId: z.uuid().optional(),
  status: z.enum(engagementStatuses).optional(),
});

@ConsortiumRoutes('engagements', 'engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Route('POST', { summary: 'Ask a provider for an introduction about a need / Demander une mise en relation', roles: ['coordinator', 'member'] })
  request(@Caller() { consortiumId, principal }: Caller, @ValidBody(requestBody) body: z.infer<typeof requestBody>) {
    return this.engagements.request(consortiumId, principal, body);
  }

  @Route('GET', { summary: 'Engagements I take part in (all, for coordinators) / Mes accompagnements' })
  list(@Caller() { consortiumId, principal }: Caller, @ValidQuery(engagementsQuery) query: z.infer<typeof engagementsQuery>) {
    return this.engagements.list(consortiumId, principal, query);
  }

  @Route('GET', ':engagementId', { summary: 'An engagement, its milestones and ratings / Un accompagnement' })
  get(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string) {
    return this.engagements.get(consortiumId, id, principal);
  }

  @Route('POST', ':engagementId/accept', { summary: 'The provider accepts the request / Le fournisseur accepte', status: 200 })
  accept(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string) {
    return this.engagements.accept(consortiumId, id, principal);
  }

  @Route('POST', ':engagementId/decline', { summary: 'The provider declines, giving a reason the matching learns from / Le fournisseur décline', status: 200 })
  decline(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string, @ValidBody(declineBody) body: z.infer<typeof declineBody>) {
    return this.engagements.decline(consortiumId, id, principal, body.reason);
  }

  @Route('POST', ':engagementId/scope', { summary: 'The provider proposes the scope and the kick-off and completion payments / Le fournisseur propose la portée et les deux versements', status: 200 })
  scope(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string, @ValidBody(scopeBody) body: z.infer<typeof scopeBody>) {
    return this.engagements.scope(consortiumId, id, principal, body);
  }

  @Route('POST', ':engagementId/agree-scope', { summary: 'The nonprofit agrees the proposed scope / L’OBNL accepte la portée proposée', status: 200 })
  agreeScope(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string, @ValidBody(agreeScopeBody) body: z.infer<typeof agreeScopeBody>) {
    return this.engagements.agreeScope(consortiumId, id, principal, body.proposedAt);
  }

  @Route('POST', ':engagementId/start', { summary: 'The provider begins the work / Le fournisseur commence le travail', status: 200 })
  start(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string) {
    return this.engagements.start(consortiumId, id, principal);
  }

  @Route('POST', ':engagementId/complete', { summary: 'The provider delivers the work, for the nonprofit to confirm / Le fournisseur livre le travail', status: 200 })
  complete(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string) {
    return this.engagements.complete(consortiumId, id, principal);
  }

  @Route('POST', ':engagementId/confirm-completion', { summary: 'The nonprofit confirms the delivered work is complete / L’OBNL confirme la fin du travail', status: 200 })
  confirmCompletion(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string) {
    return this.engagements.confirmCompletion(consortiumId, id, principal);
  }

  @Route('POST', ':engagementId/cancel', { summary: 'Stop the engagement before completion / Annuler l’accompagnement', status: 200 })
  cancel(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string, @ValidBody(cancelBody) body: z.infer<typeof cancelBody>) {
    return this.engagements.cancel(consortiumId, id, principal, body.reason);
  }

  @Route('POST', ':engagementId/payments/:milestone', { summary: 'Record a milestone payment (kick-off or completion) / Consigner un versement', roles: ['coordinator'], status: 200 })
  recordPayment(
    @Caller() { consortiumId, principal }: Caller,
    @IdParam('engagementId') id: string,
    @Param('milestone', new ZodPipe(paymentMilestone, 'milestone')) milestone: z.infer<typeof paymentMilestone>,
    @ValidBody(paymentBody) body: z.infer<typeof paymentBody>,
  ) {
    return this.engagements.recordPayment(consortiumId, id, principal, milestone, body);
  }

  @Route('POST', ':engagementId/ratings', { summary: 'Rate the completed engagement (each side once) / Évaluer l’accompagnement terminé', status: 201 })
  rate(@Caller() { consortiumId, principal }: Caller, @IdParam('engagementId') id: string, @ValidBody(ratingBody) body: z.infer<typeof ratingBody>) {
    return this.engagements.rate(consortiumId, id, principal, body);
  }
}
