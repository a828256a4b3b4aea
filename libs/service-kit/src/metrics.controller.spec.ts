import { HttpMetrics } from './http-metrics';
import { MetricsController, metricsRegistry } from './metrics.controller';
import { HealthReport, ServiceHealth } from './service-health';
import { ServiceSpec } from './service-spec';

const activity = { applied: 7, duplicates: 1, ignored: 2, deadLettered: 0, newestEventTime: null, newestEventAgeSeconds: 3.5 };
const degraded: HealthReport = {
  status: 'degraded',
  reasons: ['nats-unreachable'],
  checks: { database: true, nats: false, consumers: { attached: [], ready: false } },
  outbox: { pending: 4, failing: 0, oldestAgeSeconds: 12 },
  activity: { evaluation: activity },
  refresh: { pending: 0, oldestAgeSeconds: null },
  process: { uptimeSeconds: 1, restarts: 0 },
  tracing: { exporter: 'none' },
  unknown: [],
};

/** The exposition a service with `spec` gives for each report in turn, with the HTTP requests `requests` made. */
async function scrape(spec: Partial<ServiceSpec>, reports: HealthReport[], requests: (http: HttpMetrics) => void = () => undefined): Promise<string[]> {
  const registry = metricsRegistry({ name: 'evaluation', ...spec } as ServiceSpec);
  requests(new HttpMetrics(registry));
  let next = 0;
  const health = { report: async () => reports[next++] } as unknown as ServiceHealth;
  const controller = new MetricsController(health, { name: 'evaluation', ...spec } as ServiceSpec, registry);
  const scraped: string[] = [];
  for (let i = 0; i < reports.length; i++) scraped.push(await controller.metrics());
  return scraped;
}

describe('the metrics exposition', () => {
  it('gives the health report’s figures under their names, help text and labels, each series labelled with the service', async () => {
    const [text] = await scrape({ refreshBacklog: async () => ({ pending: 0, oldestAgeSeconds: null }) }, [degraded]);
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# HELP ccndr_health_status The service’s health (1 for its current state): ready, degraded (still serving, something needs an operator) or not-ready.',
        '# TYPE ccndr_health_status gauge',
        'ccndr_health_status{status="degraded",service="evaluation"} 1',
        'ccndr_health_status{status="ready",service="evaluation"} 0',
        'ccndr_health_reason{reason="nats-unreachable",service="evaluation"} 1',
        'ccndr_health_reason{reason="outbox-delayed",service="evaluation"} 0',
        'ccndr_outbox_pending{service="evaluation"} 4',
        'ccndr_outbox_oldest_age_seconds{service="evaluation"} 12',
        '# TYPE ccndr_consumer_events_total counter',
        'ccndr_consumer_events_total{consumer="evaluation",outcome="applied",service="evaluation"} 7',
        'ccndr_consumer_events_total{consumer="evaluation",outcome="duplicate",service="evaluation"} 1',
        'ccndr_consumer_events_total{consumer="evaluation",outcome="ignored",service="evaluation"} 2',
        'ccndr_consumer_newest_event_age_seconds{consumer="evaluation",service="evaluation"} 3.5',
        'ccndr_refresh_pending{service="evaluation"} 0',
        '# TYPE ccndr_http_request_duration_seconds histogram',
      ]),
    );
  });

  it('leaves out what the report does not know (NATS away: no lag, no dead letters; no age of nothing waiting)', async () => {
    const [text] = await scrape({ refreshBacklog: async () => ({ pending: 0, oldestAgeSeconds: null }) }, [degraded]);
    expect(text).not.toMatch(/^ccndr_(consumer_pending|consumer_unacknowledged|dead_letters|refresh_oldest_age_seconds)\{/m);
    expect(text).toContain('# TYPE ccndr_dead_letters gauge');
  });

  it('shows a figure that became unknown no longer, and a consumer’s totals as they are now', async () => {
    const [, later] = await scrape({}, [degraded, { ...degraded, outbox: undefined, activity: { evaluation: { ...activity, applied: 9 } } }]);
    expect(later).not.toMatch(/^ccndr_outbox_pending/m);
    expect(later).toContain('ccndr_consumer_events_total{consumer="evaluation",outcome="applied",service="evaluation"} 9');
    expect(later).not.toMatch(/^ccndr_refresh_/m);
  });

  it('gives the events stream’s bytes and byte limit, labelled with the stream, and leaves them out when NATS did not say', async () => {
    const [text, later] = await scrape({}, [{ ...degraded, eventsStream: { name: 'CCNDR_EVENTS', bytes: 7340032, maxBytes: 10485760 } }, degraded]);
    expect(text).toContain('ccndr_events_stream_bytes{stream="CCNDR_EVENTS",service="evaluation"} 7340032');
    expect(text).toContain('ccndr_events_stream_max_bytes{stream="CCNDR_EVENTS",service="evaluation"} 10485760');
    expect(later).not.toMatch(/^ccndr_events_stream_/m);
  });

  it('times HTTP requests per method, route pattern and status class', async () => {
    const [text] = await scrape({}, [degraded], (http) => {
      http.observe('GET', '/consortia/:consortiumId/indicators', 200, 0.02);
      http.observe('GET', '/consortia/:consortiumId/indicators', 404, 0.2);
    });
    const series = 'method="GET",route="/consortia/:consortiumId/indicators"';
    expect(text).toContain(`ccndr_http_request_duration_seconds_bucket{le="0.025",service="evaluation",${series},status="2xx"} 1`);
    expect(text).toContain(`ccndr_http_request_duration_seconds_bucket{le="0.1",service="evaluation",${series},status="4xx"} 0`);
    expect(text).toContain(`ccndr_http_request_duration_seconds_count{service="evaluation",${series},status="4xx"} 1`);
  });
});
