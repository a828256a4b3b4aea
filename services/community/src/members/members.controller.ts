import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@ccndr/auth';
import { memberRole } from '@ccndr/contracts';
import { openApiBody, ZodPipe } from '@ccndr/service-kit';
import { MembersService } from './members.service';

export const joinMemberBody = z.strictObject({
  organizationId: z.uuid(),
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable().default(null),
  role: memberRole,
});

@ApiTags('members')
@Controller('consortia/:consortiumId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'A person joins on behalf of an organization / Une personne se joint au nom d’une organisation' })
  @ApiBody(openApiBody(joinMemberBody))
  join(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(joinMemberBody)) body: z.infer<typeof joinMemberBody>) {
    return this.members.join(consortiumId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Members of the consortium / Membres du consortium' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.members.list(consortiumId);
  }
}
