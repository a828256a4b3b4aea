import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@ccndr/auth';
import { prototypeNumber, readinessDimensionKey, timestamp } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
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
  constructor(private readonly circles: CirclesService) {}

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
  @ApiOperation({ summary: 'A member joins the circle / Un membre se joint au cercle' })
  @ApiBody(openApiBody(joinCircleBody))
  join(
    @Param('consortiumId') consortiumId: string,
    @Param('circleId', new ZodPipe(uuidParam, 'circleId')) circleId: string,
    @Body(new ZodPipe(joinCircleBody)) body: z.infer<typeof joinCircleBody>,
  ) {
    return this.circles.join(consortiumId, circleId, body.memberId);
  }

  @Delete(':circleId/members/:memberId')
  @HttpCode(204)
  @Roles('coordinator', 'member', 'provider', 'advisor')
  @ApiOperation({ summary: 'A member leaves the circle / Un membre quitte le cercle' })
  leave(
    @Param('consortiumId') consortiumId: string,
    @Param('circleId', new ZodPipe(uuidParam, 'circleId')) circleId: string,
    @Param('memberId', new ZodPipe(uuidParam, 'memberId')) memberId: string,
  ) {
    return this.circles.leave(consortiumId, circleId, memberId);
  }
}
