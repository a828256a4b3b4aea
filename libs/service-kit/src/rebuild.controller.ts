import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ccndr/auth';
import { ProjectionRebuild } from './projection-rebuild';

@ApiTags('operations')
@Controller('admin/rebuild')
export class RebuildController {
  constructor(private readonly rebuild: ProjectionRebuild) {}

  @Post()
  @HttpCode(202)
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Rebuild every projection from the start of the stream, then switch over / Reconstruire les projections' })
  start() {
    return this.rebuild.start();
  }

  @Get()
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Progress of the rebuild / Avancement de la reconstruction' })
  status() {
    return this.rebuild.current();
  }
}
