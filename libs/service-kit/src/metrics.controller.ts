import { Controller, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Counter, Gauge, Registry } from 'prom-client';
import { Public } from '@ccndr/auth';
import { HealthReason, HealthReport, HealthStatus, ServiceHealth } from './service-health';
import { SERVICE_SPEC, ServiceSpec } from './service-spec';
import { Route } from './endpoints';

const statuses: HealthStatus[] = ['ready', 'degraded', 'not-ready'];
const reasons: HealthReason[] = ['database-unreachable', 'nats-unreachable', 'consumers-detached', 'outbox-delayed'];

/** This process's metrics, every series labelled with the service's name. */
export function metricsRegistry(spec: ServiceSpec): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: spec.name });
  return registry;
}

/**
 * Prometheus exposition (prom-client) of what operators watch: outbox backlog, consumer lag,
 * events by outcome, dead letters, freshness, the events stream's storage, and the HTTP latency HttpMetrics records. The
 * figures of the health report are set afresh at each scrape; one that is unknown is left out.
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly figures: ((report: HealthReport) => void)[] = [];

  constructor(
    private readonly health: ServiceHealth,
    @Inject(SERVICE_SPEC) spec: ServiceSpec,
    @Inject(Registry) private readonly registry: Registry,
  ) {
    this.gauge('ccndr_health_status', 'The service’s health (1 for its current state): ready, degraded (still serving, something needs an operator) or not-ready.', ['status'], (r, set) =>
      statuses.forEach((status) => set({ status }, r.status === status ? 1 : 0)),
    );
    this.gauge('ccndr_health_reason', 'Why the service is degraded or not ready (1 while the reason holds).', ['reason'], (r, set) =>
      reasons.forEach((reason) => set({ reason }, r.reasons.includes(reason) ? 1 : 0)),
    );
    this.gauge('ccndr_outbox_pending', 'Events committed but not yet published.', [], (r, set) => r.outbox && set({}, r.outbox.pending));
    this.gauge('ccndr_outbox_oldest_age_seconds', 'Age of the oldest event waiting in the outbox.', [], (r, set) => r.outbox && set({}, r.outbox.oldestAgeSeconds));
    this.gauge('ccndr_consumer_pending', 'Messages not yet delivered to the durable consumer.', ['consumer'], (r, set) =>
      Object.entries(r.lag ?? {}).forEach(([consumer, l]) => set({ consumer }, l.pending)),
    );
    this.gauge('ccndr_consumer_unacknowledged', 'Messages delivered but not yet applied.', ['consumer'], (r, set) =>
      Object.entries(r.lag ?? {}).forEach(([consumer, l]) => set({ consumer }, l.unacknowledged)),
    );
    // The consumers count their events themselves: the counter reads their totals.
    const events = new Counter({
      name: 'ccndr_consumer_events_total',
      help: 'Events handled by outcome: applied, duplicate, ignored (a type or version not handled), dead-lettered.',
      labelNames: ['consumer', 'outcome'],
      registers: [registry],
    });
    this.figures.push((r) => {
      events.reset();
      for (const [consumer, a] of Object.entries(r.activity)) {
        events.inc({ consumer, outcome: 'applied' }, a.applied);
        events.inc({ consumer, outcome: 'duplicate' }, a.duplicates);
        events.inc({ consumer, outcome: 'ignored' }, a.ignored);
        events.inc({ consumer, outcome: 'dead-lettered' }, a.deadLettered);
      }
    });
    this.gauge('ccndr_dead_letters', 'Events this service’s consumers gave up on, waiting in the dead-letter stream to be redriven.', ['consumer'], (r, set) =>
      Object.entries(r.deadLetters ?? {}).forEach(([consumer, n]) => set({ consumer }, n)),
    );
    // Every service reads the same stream: alerts take the max over services.
    this.gauge('ccndr_events_stream_bytes', 'Bytes the events stream holds.', ['stream'], (r, set) => r.eventsStream && set({ stream: r.eventsStream.name }, r.eventsStream.bytes));
    this.gauge('ccndr_events_stream_max_bytes', 'The events stream’s byte limit, at which publishes are refused (-1: unlimited).', ['stream'], (r, set) =>
      r.eventsStream && set({ stream: r.eventsStream.name }, r.eventsStream.maxBytes),
    );
    this.gauge('ccndr_consumer_newest_event_age_seconds', 'Age of the newest event applied: how fresh the projections are.', ['consumer'], (r, set) =>
      Object.entries(r.activity).forEach(([consumer, a]) => set({ consumer }, a.newestEventAgeSeconds)),
    );
    if (spec.refreshBacklog) {
      this.gauge('ccndr_refresh_pending', 'Derived work (such as indicators to recompute) waiting after the events that asked for it committed.', [], (r, set) => r.refresh && set({}, r.refresh.pending));
      this.gauge('ccndr_refresh_oldest_age_seconds', 'Age of the oldest derived work waiting.', [], (r, set) => r.refresh && set({}, r.refresh.oldestAgeSeconds));
    }
  }

  @Route('GET', { summary: 'Metrics in the Prometheus text format / Métriques au format Prometheus' })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    const report = await this.health.report();
    for (const figure of this.figures) figure(report);
    return this.registry.metrics();
  }

  /** A gauge whose series are those `read` sets from the report; a figure set to null is left out. */
  private gauge<L extends string>(name: string, help: string, labelNames: L[], read: (report: HealthReport, set: (labels: Partial<Record<L, string>>, value: number | null) => void) => void): void {
    const gauge = new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
    this.figures.push((report) => {
      gauge.reset();
      // An unlabelled gauge starts at 0 after a reset: it is left out too until the report gives it a figure.
      if (!labelNames.length) gauge.remove({});
      read(report, (labels, value) => {
        if (value !== null) gauge.set(labels, value);
      });
    });
  }
}
