import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { prototypeNumber, scaleScore } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, ValidBody } from '@ccndr/service-kit';
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

@ConsortiumRoutes('collaboration models', 'collaboration-models')
export class CollaborationModelsController {
  constructor(private readonly models: CollaborationModelsService) {}

  @Route('GET', { summary: 'Collaboration models with their reviews / Modèles de collaboration et leurs évaluations' })
  list(@ConsortiumId() consortiumId: string) {
    return this.models.list(consortiumId);
  }

  @Route('GET', ':modelId', { summary: 'A model: averages and rater agreement per criterion, viability / Un modèle\u00a0: moyennes, accord entre évaluateurs, viabilité' })
  get(@ConsortiumId() consortiumId: string, @IdParam('modelId') modelId: string) {
    return this.models.get(consortiumId, modelId);
  }

  @Route('POST', { summary: 'A working group proposes a collaboration model / Un groupe de travail propose un modèle de collaboration', roles: participantRoles })
  propose(@Caller() { consortiumId, principal }: Caller, @ValidBody(proposeModelBody) body: z.infer<typeof proposeModelBody>) {
    return this.models.propose(consortiumId, principal, body);
  }

  @Route('PUT', ':modelId/experts', { summary: 'Designate the experts who review the model / Désigner les experts', roles: ['coordinator'] })
  designateExperts(@ConsortiumId() consortiumId: string, @IdParam('modelId') modelId: string, @ValidBody(expertsBody) body: z.infer<typeof expertsBody>) {
    return this.models.designateExperts(consortiumId, modelId, body.memberIds);
  }

  @Route('PUT', ':modelId/viability', { summary: 'Viability checklist: scalability, efficient use of resources, sustainability / Liste de viabilité', roles: ['coordinator'] })
  checkViability(@ConsortiumId() consortiumId: string, @IdParam('modelId') modelId: string, @ValidBody(viabilityBody) body: z.infer<typeof viabilityBody>) {
    return this.models.checkViability(consortiumId, modelId, body);
  }

  @Route('POST', ':modelId/reviews', { summary: 'Review the model (1–5), once / Évaluer le modèle (1 à 5), une fois', roles: participantRoles })
  review(@Caller() { consortiumId, principal }: Caller, @IdParam('modelId') modelId: string, @ValidBody(reviewBody) body: z.infer<typeof reviewBody>) {
    return this.models.review(consortiumId, modelId, principal, body);
  }
}
