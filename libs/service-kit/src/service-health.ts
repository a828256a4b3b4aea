import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { healthCheckBudgetMs, SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { ConsumerActivity, ConsumerLag, ConsumerStatistics, DeadLetterStore, EventBusTopology, LiveConsumer, OutboxBacklog, OutboxRelay } from '@ccndr/messaging';
import { asPlatform } from '@ccndr/persistence';
import { NatsLink } from './nats-link';
import { Deadline } from './within';
import { EVENT_TOPOLOGY, SERVICE_SPEC, ServiceSpec } from './service-spec';


/** Events older than this in the outbox mean publishing is held up (NATS away or refusing). */
const outboxDelayedAfterSeconds = 15;

/**
 * - `ready`: takes commands and answers reads, and its events flow;
 * - `degraded`: still takes commands and answers reads (so it stays in the load balancer), but
 *   something needs an operator: NATS unreachable, events waiting in the outbox, consumers detached;
 * - `not-ready`: cannot serve (its database does not answer): 503.
 */
export type HealthStatus = 'ready' | 'degraded' | 'not-ready';

/** Why a service is degraded or not ready; stable codes, in the report and in /metrics. */
export type HealthReason = 'database-unreachable' | 'nats-unreachable' | 'consumers-detached' | 'outbox-delayed';

export interface HealthReport {
  status: HealthStatus;
  reasons: HealthReason[];
  checks: { database: boolean; nats: boolean; consumers: { attached: string[]; ready: boolean } };
  outbox?: OutboxBacklog;
  lag?: Record<string, ConsumerLag>;
  deadLetters?: Record<string, number>;
  /** The events stream's storage: bytes held and its byte limit (-1: unlimited), as JetStream reports them. */
  eventsStream?: { name: string; bytes: number; maxBytes: number };
  refresh?: { pending: number; oldestAgeSeconds: number | null };
  activity: Record<string, ConsumerActivity>;
  /** This process: how long it has run and how many times its supervisor started it again. */
  process: { uptimeSeconds: number; restarts: number };
  /** Where traces go: the exporter (`none`: traced, context propagated, nothing exported) and its endpoint. */
  tracing: { exporter: string; endpoint?: string };
  /** Look-ups that did not answer within the budget or failed: their figures are left out. */
  unknown: string[];
}

/** The one place a service's health is worked out: /health/ready and /metrics both read it. */
@Injectable()
export class ServiceHealth {
  constructor(
    private readonly db: DataSource,
    private readonly nats: NatsLink,
    private readonly consumer: LiveConsumer,
    private readonly statistics: ConsumerStatistics,
    private readonly deadLetterStore: DeadLetterStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_TOPOLOGY) private readonly topology: EventBusTopology,
  ) {}

  async report(): Promise<HealthReport> {
    // One deadline for the whole report: the database's figures wait for the database to answer
    // and NATS's for NATS, side by side, each step within what is left, so the route answers
    // within `healthCheckBudgetMs` whatever hangs. A figure not read in time is named in `unknown`.
    const deadline = new Deadline(healthCheckBudgetMs);
    const unknown: string[] = [];
    const look = <T>(name: string, work: () => Promise<T>) => deadline.race(work()).then((value) => (value === undefined && unknown.push(name), value));
    const [[database, outbox, refresh], [nats, lag, deadLetters, eventsStream]] = await Promise.all([
      (async () => {
        const database = (await deadline.race(this.db.query('SELECT 1').then(() => true))) ?? false;
        if (!database) return [false, undefined, undefined] as const;
        return [
          true,
          ...(await Promise.all([
            look('outbox', () => this.relay.backlog()),
            this.spec.refreshBacklog ? look('refresh', () => asPlatform(() => this.spec.refreshBacklog!(this.db))) : undefined,
          ])),
        ] as const;
      })(),
      (async () => {
        const nats = await this.nats.responsive(deadline.remainingMs);
        if (!nats) return [false, undefined, undefined, undefined] as const;
        return [
          true,
          ...(await Promise.all([look('lag', () => this.statistics.lag()), look('deadLetters', () => this.deadLetterStore.counts()), look('eventsStream', () => this.eventsStream())])),
        ] as const;
      })(),
    ]);
    const consumers = this.consumer.allConsumersAttached();
    const reasons: HealthReason[] = [];
    if (!database) reasons.push('database-unreachable');
    if (!nats) reasons.push('nats-unreachable');
    if (!consumers) reasons.push('consumers-detached');
    if (outbox && outbox.pending > 0 && (outbox.failing > 0 || outbox.oldestAgeSeconds > outboxDelayedAfterSeconds)) reasons.push('outbox-delayed');
    return {
      status: !database ? 'not-ready' : reasons.length > 0 ? 'degraded' : 'ready',
      reasons,
      checks: { database, nats, consumers: { attached: this.consumer.attachedConsumers(), ready: consumers } },
      outbox,
      lag,
      deadLetters,
      eventsStream,
      ...(this.spec.refreshBacklog ? { refresh } : {}),
      activity: this.statistics.activity(),
      process: { uptimeSeconds: Math.round(process.uptime()), restarts: this.config.RESTARTS },
      tracing: { exporter: this.config.OTEL_TRACES_EXPORTER, ...(this.config.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: this.config.OTEL_EXPORTER_OTLP_ENDPOINT } : {}) },
      unknown,
    };
  }

  private async eventsStream(): Promise<HealthReport['eventsStream']> {
    const info = await (await this.nats.js.jetstreamManager()).streams.info(this.topology.eventsStream);
    return { name: this.topology.eventsStream, bytes: info.state.bytes, maxBytes: info.config.max_bytes };
  }
}
