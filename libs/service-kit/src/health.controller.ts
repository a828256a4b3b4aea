import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ccndr/auth';
import { ServiceHealth } from './service-health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: ServiceHealth) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up and answers / Le processus est en marche et répond' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'ready, degraded (still serving: NATS unreachable, events waiting in the outbox, consumers detached) or not-ready (503: the database does not answer), with the outbox backlog, consumer lag, dead letters, events applied and derived work pending; answers within a second whatever hangs / prêt, dégradé (le service répond toujours) ou pas prêt (503 : la base de données ne répond pas), avec retards, lettres mortes et travail dérivé en attente ; répond en moins d’une seconde',
  })
  async ready(@Res({ passthrough: true }) response: { status(code: number): void }) {
    const report = await this.health.report();
    response.status(report.status === 'not-ready' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}
