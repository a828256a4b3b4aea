import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { ageBand, identityGroup } from '@ccndr/contracts';
import { openApiBody, schemaMessage, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { RepresentationService } from './representation.service';

export const selfIdentificationBody = z.strictObject({
  /** Recording requires explicit consent. */
  consent: z.boolean().refine((given) => given, schemaMessage('representation.consent-required', 'consent must be given (true) to record self-identification', 'le consentement doit être donné (true) pour consigner l’auto-identification')),
  ageBand: ageBand.nullable().default(null),
  identityGroups: z.array(identityGroup).max(9).default([]),
});

const participants = ['coordinator', 'member', 'provider', 'advisor', 'observer'] as const;

@ApiTags('representation')
@Controller('consortia/:consortiumId')
export class RepresentationController {
  constructor(private readonly representation: RepresentationService) {}

  @Put('self-identification')
  @Roles(...participants)
  @ApiOperation({ summary: 'Record my self-identification, with consent (optional) / Enregistrer mon auto-identification, avec consentement (facultatif)' })
  @ApiBody(openApiBody(selfIdentificationBody))
  selfIdentify(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(selfIdentificationBody)) body: z.infer<typeof selfIdentificationBody>) {
    return this.representation.selfIdentify(consortiumId, principal, body);
  }

  @Get('self-identification')
  @Roles(...participants)
  @ApiOperation({ summary: 'My self-identification / Mon auto-identification' })
  mine(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal) {
    return this.representation.mine(consortiumId, principal);
  }

  @Delete('self-identification')
  @HttpCode(204)
  @Roles(...participants)
  @ApiOperation({ summary: 'Withdraw consent: my data is deleted / Retirer mon consentement : mes données sont supprimées' })
  withdraw(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal) {
    return this.representation.withdraw(consortiumId, principal);
  }

  @Get('gatherings/:gatheringId/representation')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Who took part, in aggregate, small counts suppressed / Représentation, petits nombres supprimés' })
  ofGathering(@Param('consortiumId') consortiumId: string, @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string) {
    return this.representation.ofGathering(consortiumId, gatheringId);
  }
}
