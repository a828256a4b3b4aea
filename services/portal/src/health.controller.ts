import { Controller, Get } from '@nestjs/common';
import { healthCheckBudgetMs } from '@ccndr/config';
import { Api, PlatformService } from './pages/api';

const services: PlatformService[] = ['community', 'assessments', 'provider-matching', 'evaluation'];

/**
 * Live: the process is up. Ready: the portal serves pages, so it stays in the load balancer even
 * when a service it calls is down (that service's pages say so, the others work); the body says
 * which services answer, and `degraded` when one does not.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly api: Api) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const checks = Object.fromEntries(
      await Promise.all(
        services.map(async (s) => [s, await fetch(`${this.api.baseUrl(s)}/health/live`, { signal: AbortSignal.timeout(healthCheckBudgetMs) }).then((r) => r.ok, () => false)] as const),
      ),
    );
    return { status: Object.values(checks).every(Boolean) ? 'ready' : 'degraded', checks };
  }
}
