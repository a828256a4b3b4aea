import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { prototypeNumber, readinessDimensionKey, timestamp } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { MembersService } from '../members/members.service';
import { CirclesService } from './circles.service';

export const createCircleBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().default(null),
  prototype: prototypeNumber.nullable().default(null),
  readinessDimension: readinessDimensionKey.nullable().default(null),
});

export const joinCircleBody = z.strictObject({ memberId: z.uuid() });
export const historyQuery = z.strictObject({ at: timestamp.optional() });

@ApiTags('circles')
@Controller('consortia/:consortiumId/circles')
export class CirclesController {
  constructor(
    private readonly circles: CirclesService,
    private readonly members: MembersService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Form a circle (working group) / Former un cercle (groupe de travail)' })
  @ApiBody(openApiBody(createCircleBody))
  create(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(createCircleBody)) body: z.infer<typeof createCircleBody>) {
    return this.circles.create(consortiumId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Circles with their active members / Cercles et membres actifs' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.circles.list(consortiumId);
  }

  @Get(':circleId')
  @ApiOperation({ summary: 'A circle and its active members / Un cercle et ses membres actifs' })
  get(@Param('consortiumId') consortiumId: string, @Param('circleId', new ZodPipe(uuidParam, 'circleId')) circleId: string) {
    return this.circles.get(consortiumId, circleId);
  }

  @Get(':circleId/history')
  @ApiOperation({ summary: 'Membership history, or who was active at a time / Historique des membres, ou membres actifs à une date' })
  @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 time' })
  history(
    @Param('consortiumId') consortiumId: string,
    @Param('circleId', new ZodPipe(uuidParam, 'circleId')) circleId: string,
    @Query(new ZodPipe(historyQuery)) query: z.infer<typeof historyQuery>,
  ) {
    return this.circles.history(consortiumId, circleId, query.at ? new Date(query.at) : undefined);
  }

  @Post(':circleId/members')
  @Roles('coordinator', 'member', 'provider', 'advisor')
  @ApiOperation({ summary: 'Join the circle, or add any member for coordinators / Se joindre au cercle (y ajouter tout membre pour la coordination)' })
  @ApiBody(openApiBody(joinCircleBody))
  async join(
    @Param('consortiumId') consortiumId: string,
    @Param('circleId', new ZodPipe(uuidParam, 'circleId')) circleId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(joinCircleBody)) body: z.infer<typeof joinCircleBody>,
  ) {
    await this.members.ensureActsFor(consortiumId, principal, body.memberId);
    return this.circles.join(consortiumId, circleId, body.memberId);
  }

  @Delete(':circleId/members/:memberId')
  @HttpCode(204)
  @Roles('coordinator', 'member', 'provider', 'advisor')
  @ApiOperation({ summary: 'Leave the circle, or remove any member for coordinators / Quitter le cercle (en retirer tout membre pour la coordination)' })
  async leave(
    @Param('consortiumId') consortiumId: string,
    @Param('circleId', new ZodPipe(uuidParam, 'circleId')) circleId: string,
    @Param('memberId', new ZodPipe(uuidParam, 'memberId')) memberId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.members.ensureActsFor(consortiumId, principal, memberId);
    return this.circles.leave(consortiumId, circleId, memberId);
  }
}
