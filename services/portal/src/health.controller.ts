import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Api, PlatformService } from './pages/api';

/** Live: the process is up. Ready: the four services it calls answer. */
@Controller('health')
export class HealthController {
  constructor(private readonly api: Api) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: { status(code: number): void }) {
    const services: PlatformService[] = ['community', 'assessments', 'provider-matching', 'evaluation'];
    const checks = Object.fromEntries(
      await Promise.all(
        services.map(async (s) => [s, await fetch(`${this.api.baseUrl(s)}/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)] as const),
      ),
    );
    const ready = Object.values(checks).every(Boolean);
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not-ready', checks };
  }
}
