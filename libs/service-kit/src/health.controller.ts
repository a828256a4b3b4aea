import { Controller, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@ccndr/auth';
import { ServiceHealth } from './service-health';
import { Route } from './endpoints';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: ServiceHealth) {}

  @Route('GET', 'live', { summary: 'The process is up and answers / Le processus est en marche et répond' })
  live() {
    return { status: 'ok' };
  }

  @Route('GET', 'ready', { summary: 'ready, degraded (still serving: NATS unreachable, events waiting in the outbox, consumers detached) or not-ready (503: the database does not answer), with the outbox backlog, consumer lag, dead letters, events applied and derived work pending; answers within a second whatever hangs / prêt, dégradé (le service répond toujours) ou pas prêt (503\u00a0: la base de données ne répond pas), avec retards, lettres mortes et travail dérivé en attente\u00a0; répond en moins d’une seconde' })
  async ready(@Res({ passthrough: true }) response: { status(code: number): void }) {
    const report = await this.health.report();
    response.status(report.status === 'not-ready' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}
