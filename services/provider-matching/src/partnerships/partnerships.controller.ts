import { z } from 'zod';

import { calendarDate, collaborationKind } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { PartnershipsService } from './partnerships.service';

export const proposeBody = z.strictObject({
  organizationIds: z
    .array(z.uuid())
    .min(2)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, { ...schemaMessage('field.repeated', 'must not repeat an organization', 'ne doit pas répéter un organisme') }),
  engagementId: z.uuid().nullable().default(null),
  title: z.string().trim().min(1).max(300),
  purpose: z.string().trim().max(5000).nullable().default(null),
});
export const recordBody = z.strictObject({ kind: collaborationKind, occurredOn: calendarDate, summary: z.string().trim().min(1).max(2000) });
export const partnershipsQuery = z.strictObject({ status: z.enum(['proposed', 'in-negotiation', 'confirmed', 'ended']).optional(), organizationId: z.uuid().optional() });

@ConsortiumRoutes('partnerships', 'partnerships')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Route('POST', { summary: 'Propose a partnership between organisations / Proposer un partenariat', roles: ['coordinator', 'member', 'provider'] })
  propose(@Caller() { consortiumId, principal }: Caller, @ValidBody(proposeBody) body: z.infer<typeof proposeBody>) {
    return this.partnerships.propose(consortiumId, principal, body);
  }

  @Route('GET', { summary: 'Partnerships of the consortium / Partenariats du consortium' })
  list(@ConsortiumId() consortiumId: string, @ValidQuery(partnershipsQuery) query: z.infer<typeof partnershipsQuery>) {
    return this.partnerships.list(consortiumId, query);
  }

  @Route('GET', ':partnershipId', { summary: 'A partnership and its collaboration records / Un partenariat' })
  get(@ConsortiumId() consortiumId: string, @IdParam('partnershipId') id: string) {
    return this.partnerships.get(consortiumId, id);
  }

  @Route('POST', ':partnershipId/negotiate', { summary: 'Start negotiating the terms / Entamer la négociation', status: 200 })
  negotiate(@Caller() { consortiumId, principal }: Caller, @IdParam('partnershipId') id: string) {
    return this.partnerships.negotiate(consortiumId, id, principal);
  }

  @Route('POST', ':partnershipId/confirm', { summary: 'Confirm the partnership / Confirmer le partenariat', status: 200 })
  confirm(@Caller() { consortiumId, principal }: Caller, @IdParam('partnershipId') id: string) {
    return this.partnerships.confirm(consortiumId, id, principal);
  }

  @Route('POST', ':partnershipId/end', { summary: 'End the partnership or abandon the proposal / Mettre fin au partenariat', status: 200 })
  end(@Caller() { consortiumId, principal }: Caller, @IdParam('partnershipId') id: string) {
    return this.partnerships.end(consortiumId, id, principal);
  }

  @Route('POST', ':partnershipId/records', { summary: 'Record a joint initiative, a shared resource or a communication / Consigner une collaboration' })
  record(@Caller() { consortiumId, principal }: Caller, @IdParam('partnershipId') id: string, @ValidBody(recordBody) body: z.infer<typeof recordBody>) {
    return this.partnerships.record(consortiumId, id, principal, body);
  }
}
