import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { calendarDate, collaborationKind } from '@ccndr/contracts';
import { openApiBody, schemaMessage, uuidParam, ZodPipe } from '@ccndr/service-kit';
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

@ApiTags('partnerships')
@Controller('consortia/:consortiumId/partnerships')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Post()
  @Roles('coordinator', 'member', 'provider')
  @ApiOperation({ summary: 'Propose a partnership between organisations / Proposer un partenariat' })
  @ApiBody(openApiBody(proposeBody))
  propose(@Param('consortiumId') consortiumId: string, @CurrentPrincipal() principal: Principal, @Body(new ZodPipe(proposeBody)) body: z.infer<typeof proposeBody>) {
    return this.partnerships.propose(consortiumId, principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'Partnerships of the consortium / Partenariats du consortium' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'organizationId', required: false })
  list(@Param('consortiumId') consortiumId: string, @Query(new ZodPipe(partnershipsQuery)) query: z.infer<typeof partnershipsQuery>) {
    return this.partnerships.list(consortiumId, query);
  }

  @Get(':partnershipId')
  @ApiOperation({ summary: 'A partnership and its collaboration records / Un partenariat' })
  get(@Param('consortiumId') consortiumId: string, @Param('partnershipId', new ZodPipe(uuidParam, 'partnershipId')) id: string) {
    return this.partnerships.get(consortiumId, id);
  }

  @Post(':partnershipId/negotiate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start negotiating the terms / Entamer la négociation' })
  negotiate(@Param('consortiumId') consortiumId: string, @Param('partnershipId', new ZodPipe(uuidParam, 'partnershipId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.partnerships.negotiate(consortiumId, id, principal);
  }

  @Post(':partnershipId/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the partnership / Confirmer le partenariat' })
  confirm(@Param('consortiumId') consortiumId: string, @Param('partnershipId', new ZodPipe(uuidParam, 'partnershipId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.partnerships.confirm(consortiumId, id, principal);
  }

  @Post(':partnershipId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the partnership or abandon the proposal / Mettre fin au partenariat' })
  end(@Param('consortiumId') consortiumId: string, @Param('partnershipId', new ZodPipe(uuidParam, 'partnershipId')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.partnerships.end(consortiumId, id, principal);
  }

  @Post(':partnershipId/records')
  @ApiOperation({ summary: 'Record a joint initiative, a shared resource or a communication / Consigner une collaboration' })
  @ApiBody(openApiBody(recordBody))
  record(
    @Param('consortiumId') consortiumId: string,
    @Param('partnershipId', new ZodPipe(uuidParam, 'partnershipId')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(recordBody)) body: z.infer<typeof recordBody>,
  ) {
    return this.partnerships.record(consortiumId, id, principal, body);
  }
}
