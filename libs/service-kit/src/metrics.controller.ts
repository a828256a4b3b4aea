import { Controller, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@ccndr/auth';
import { HttpMetrics } from './http-metrics';
import { HealthReason, HealthStatus, ServiceHealth } from './service-health';
import { SERVICE_SPEC, ServiceSpec } from './service-spec';
import { Route } from './endpoints';

const statuses: HealthStatus[] = ['ready', 'degraded', 'not-ready'];
const reasons: HealthReason[] = ['database-unreachable', 'nats-unreachable', 'consumers-detached', 'outbox-delayed'];

/** Prometheus text exposition of what operators watch: outbox backlog, consumer lag, events by outcome, dead letters, freshness, HTTP latency. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly health: ServiceHealth,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    private readonly http: HttpMetrics,
  ) {}

  @Route('GET', { summary: 'Metrics in the Prometheus text format / Métriques au format Prometheus' })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const service = `service="${this.spec.name}"`;
    const lines: string[] = [];
    const metric = (name: string, help: string, type: 'gauge' | 'counter', samples: [string, number | null][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) if (value !== null) lines.push(`${name}{${[service, labels].filter(Boolean).join(',')}} ${value}`);
    };
    const report = await this.health.report();
    metric('ccndr_health_status', 'The service’s health (1 for its current state): ready, degraded (still serving, something needs an operator) or not-ready.', 'gauge', statuses.map((s) => [`status="${s}"`, report.status === s ? 1 : 0]));
    metric('ccndr_health_reason', 'Why the service is degraded or not ready (1 while the reason holds).', 'gauge', reasons.map((r) => [`reason="${r}"`, report.reasons.includes(r) ? 1 : 0]));
    const outbox = report.outbox;
    metric('ccndr_outbox_pending', 'Events committed but not yet published.', 'gauge', [['', outbox?.pending ?? null]]);
    metric('ccndr_outbox_oldest_age_seconds', 'Age of the oldest event waiting in the outbox.', 'gauge', [['', outbox?.oldestAgeSeconds ?? null]]);
    const lag = report.lag ?? {};
    const activity = Object.entries(report.activity);
    metric('ccndr_consumer_pending', 'Messages not yet delivered to the durable consumer.', 'gauge', Object.entries(lag).map(([c, l]) => [`consumer="${c}"`, l.pending]));
    metric('ccndr_consumer_unacknowledged', 'Messages delivered but not yet applied.', 'gauge', Object.entries(lag).map(([c, l]) => [`consumer="${c}"`, l.unacknowledged]));
    metric(
      'ccndr_consumer_events_total',
      'Events handled by outcome: applied, duplicate, ignored (a type or version not handled), dead-lettered.',
      'counter',
      activity.flatMap(([c, a]) => [
        [`consumer="${c}",outcome="applied"`, a.applied],
        [`consumer="${c}",outcome="duplicate"`, a.duplicates],
        [`consumer="${c}",outcome="ignored"`, a.ignored],
        [`consumer="${c}",outcome="dead-lettered"`, a.deadLettered],
      ]),
    );
    const deadLetters = report.deadLetters ?? {};
    metric('ccndr_dead_letters', 'Events this service’s consumers gave up on, waiting in the dead-letter stream to be redriven.', 'gauge', Object.entries(deadLetters).map(([c, n]) => [`consumer="${c}"`, n]));
    metric('ccndr_consumer_newest_event_age_seconds', 'Age of the newest event applied: how fresh the projections are.', 'gauge', activity.map(([c, a]) => [`consumer="${c}"`, a.newestEventAgeSeconds]));
    if (this.spec.refreshBacklog) {
      const refresh = report.refresh;
      metric('ccndr_refresh_pending', 'Derived work (such as indicators to recompute) waiting after the events that asked for it committed.', 'gauge', [['', refresh?.pending ?? null]]);
      metric('ccndr_refresh_oldest_age_seconds', 'Age of the oldest derived work waiting.', 'gauge', [['', refresh?.oldestAgeSeconds ?? null]]);
    }
    lines.push('# HELP ccndr_http_request_duration_seconds HTTP requests by method, route and status class: how long they took.', '# TYPE ccndr_http_request_duration_seconds histogram');
    lines.push(...this.http.samples(service));
    return `${lines.join('\n')}\n`;
  }
}
