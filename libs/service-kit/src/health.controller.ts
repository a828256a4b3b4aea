import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@ccndr/auth';
import { JetStreamServer, OutboxRelay } from '@ccndr/messaging';
import { asPlatform } from '@ccndr/persistence';
import { NatsLink } from './nats-link';
import { SERVICE_SPEC, ServiceSpec } from './service-spec';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly nats: NatsLink,
    private readonly server: JetStreamServer,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up / Le processus est en marche' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Database, NATS and consumers are ready; outbox backlog, consumer lag, dead letters, events applied, freshness and derived work pending / Base de données, NATS et consommateurs prêts; retards, lettres mortes, fraîcheur et travail dérivé en attente',
  })
  async ready(@Res({ passthrough: true }) response: { status(code: number): void }) {
    const database = await Promise.race([
      this.db.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    const nats = this.nats.connected && !this.nats.connection.isClosed();
    const consumers = this.server.allConsumersAttached();
    const outbox = database ? await this.relay.backlog().catch(() => undefined) : undefined;
    const lag = nats ? await this.server.lag().catch(() => undefined) : undefined;
    const deadLetters = nats ? await this.server.deadLetterCounts().catch(() => undefined) : undefined;
    const refresh = database && this.spec.refreshBacklog ? await asPlatform(() => this.spec.refreshBacklog!(this.db)).catch(() => undefined) : undefined;
    const ready = database && nats && consumers;
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'not-ready',
      checks: { database, nats, consumers: { attached: this.server.attachedConsumers(), ready: consumers } },
      outbox,
      lag,
      deadLetters,
      ...(this.spec.refreshBacklog ? { refresh } : {}),
      activity: this.server.activity(),
    };
  }
}
