import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ProjectionRebuild } from './projection-rebuild';
import { Route } from './endpoints';

@ApiTags('operations')
@Controller('admin/rebuild')
export class RebuildController {
  constructor(private readonly rebuild: ProjectionRebuild) {}

  @Route('POST', { summary: 'Rebuild every projection from the start of the stream, then switch over / Reconstruire les projections', roles: ['platform-admin'], status: 202 })
  start() {
    return this.rebuild.start();
  }

  @Route('GET', { summary: 'Progress of the rebuild / Avancement de la reconstruction', roles: ['platform-admin'] })
  status() {
    return this.rebuild.current();
  }
}
