import { z } from 'zod';
import { consortiumRoles } from '@ccndr/auth';
import { ageBand, identityGroup } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody } from '@ccndr/service-kit';
import { RepresentationService } from './representation.service';

export const selfIdentificationBody = z.strictObject({
  /** Recording requires explicit consent. */
  consent: z.boolean().refine((given) => given, schemaMessage('representation.consent-required', 'consent must be given (true) to record self-identification', 'le consentement doit être donné (true) pour consigner l’auto-identification')),
  ageBand: ageBand.nullable().default(null),
  identityGroups: z.array(identityGroup).max(9).default([]),
});

@ConsortiumRoutes('representation')
export class RepresentationController {
  constructor(private readonly representation: RepresentationService) {}

  @Route('PUT', 'self-identification', { summary: 'Record my self-identification, with consent (optional) / Enregistrer mon auto-identification, avec consentement (facultatif)', roles: consortiumRoles })
  selfIdentify(@Caller() { consortiumId, principal }: Caller, @ValidBody(selfIdentificationBody) body: z.infer<typeof selfIdentificationBody>) {
    return this.representation.selfIdentify(consortiumId, principal, body);
  }

  @Route('GET', 'self-identification', { summary: 'My self-identification / Mon auto-identification', roles: consortiumRoles })
  mine(@Caller() { consortiumId, principal }: Caller) {
    return this.representation.mine(consortiumId, principal);
  }

  @Route('DELETE', 'self-identification', { summary: 'Withdraw consent: my data is deleted / Retirer mon consentement\u00a0: mes données sont supprimées', roles: consortiumRoles, status: 204 })
  withdraw(@Caller() { consortiumId, principal }: Caller) {
    return this.representation.withdraw(consortiumId, principal);
  }

  @Route('GET', 'gatherings/:gatheringId/representation', { summary: 'Who took part, in aggregate, small counts suppressed / Représentation, petits nombres supprimés', roles: ['coordinator'] })
  ofGathering(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string) {
    return this.representation.ofGathering(consortiumId, gatheringId);
  }
}
