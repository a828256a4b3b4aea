import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganizationAccess } from '@ccndr/community-directory';
import { z } from 'zod';
import { Roles } from '@ccndr/auth';
import { readinessDimensionKey } from '@ccndr/contracts';
import { openApiBody, ZodPipe } from '@ccndr/service-kit';
import { FrameworksService } from './frameworks.service';

export const publishFrameworkBody = z.strictObject({
  /** The whole version (validated: five stages, guidance for every stage, both languages everywhere). */
  framework: z.unknown(),
  mapping: z
    .strictObject({ fromVersion: z.string().min(1), dimensions: z.record(readinessDimensionKey, readinessDimensionKey) })
    .nullable()
    .default(null),
});
export const pinBody = z.strictObject({ version: z.string().min(1) });

@ApiTags('framework')
@Controller()
export class FrameworkController {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly frameworks: FrameworksService,
  ) {}

  @Get('frameworks')
  @ApiOperation({ summary: 'Published framework versions / Versions publiées du cadre' })
  versions() {
    return this.frameworks.versions();
  }

  @Post('frameworks')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Publish a new framework version, with its mapping from the previous one (platform admin) / Publier une version du cadre' })
  @ApiBody(openApiBody(publishFrameworkBody))
  publish(@Body(new ZodPipe(publishFrameworkBody)) body: z.infer<typeof publishFrameworkBody>) {
    return this.frameworks.publish(body.framework, body.mapping);
  }

  @Get('consortia/:consortiumId/framework')
  @ApiOperation({ summary: 'The readiness framework in effect (FR/EN) / Le cadre de préparation en vigueur' })
  async current(@Param('consortiumId') consortiumId: string) {
    await this.access.requireConsortium(consortiumId);
    return this.frameworks.forConsortium(consortiumId);
  }

  @Put('consortia/:consortiumId/framework')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Pin the framework version the consortium’s new assessments use / Fixer la version du cadre' })
  @ApiBody(openApiBody(pinBody))
  async pin(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(pinBody)) body: z.infer<typeof pinBody>) {
    await this.access.requireConsortium(consortiumId);
    return this.frameworks.pin(consortiumId, body.version);
  }
}
