import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { readinessDimensionKey } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { OrganizationAccess } from '@ccndr/community-directory';
import { JourneysService } from './journeys.service';

export const targetsBody = z.strictObject({ targets: z.record(readinessDimensionKey, z.number().int().min(1).max(5)) });
export const completeMilestoneBody = z.strictObject({ note: z.string().trim().max(2000).nullable().default(null) });

const participants = ['coordinator', 'member', 'provider', 'advisor'] as const;

@ApiTags('readiness journey')
@Controller('consortia/:consortiumId/organizations/:organizationId')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly access: OrganizationAccess,
  ) {}

  @Get('journey')
  @ApiOperation({ summary: 'The readiness journey: milestones with resources, progress / Le parcours de préparation' })
  async journey(@Param('consortiumId') consortiumId: string, @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string, @CurrentPrincipal() principal: Principal) {
    await this.access.ensureCanSee(consortiumId, organizationId, principal);
    return this.journeys.current(consortiumId, organizationId);
  }

  @Post('journey/milestones/:milestoneId/complete')
  @HttpCode(200)
  @Roles(...participants)
  @ApiOperation({ summary: 'Tick a milestone, with a note / Cocher une étape, avec une note' })
  @ApiBody(openApiBody(completeMilestoneBody))
  async completeMilestone(
    @Param('consortiumId') consortiumId: string,
    @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string,
    @Param('milestoneId', new ZodPipe(uuidParam, 'milestoneId')) milestoneId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(completeMilestoneBody)) body: z.infer<typeof completeMilestoneBody>,
  ) {
    const member = await this.access.memberOf(consortiumId, organizationId, principal);
    return this.journeys.completeMilestone(consortiumId, organizationId, milestoneId, member.memberId, body.note);
  }

  @Get('targets')
  @ApiOperation({ summary: 'Target stages per dimension / Stades visés par dimension' })
  async targets(@Param('consortiumId') consortiumId: string, @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string, @CurrentPrincipal() principal: Principal) {
    await this.access.ensureCanSee(consortiumId, organizationId, principal);
    return this.journeys.targets(undefined, consortiumId, organizationId);
  }

  @Put('targets')
  @Roles(...participants)
  @ApiOperation({ summary: 'Set target stages; the next assessment measures gaps against them / Fixer les stades visés' })
  @ApiBody(openApiBody(targetsBody))
  async setTargets(
    @Param('consortiumId') consortiumId: string,
    @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(targetsBody)) body: z.infer<typeof targetsBody>,
  ) {
    await this.access.memberOf(consortiumId, organizationId, principal);
    return this.journeys.setTargets(consortiumId, organizationId, body.targets);
  }
}
