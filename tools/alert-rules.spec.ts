import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const metricsSource = readFileSync(join(root, 'libs', 'service-kit', 'src', 'metrics.controller.ts'), 'utf8') + readFileSync(join(root, 'libs', 'service-kit', 'src', 'http-metrics.ts'), 'utf8');

/** The metric names a rule's expression reads (PromQL functions, keywords and labels left out). */
function metricsOf(expression: string): string[] {
  const withoutLabels = expression.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '').replace(/\bby \([^)]*\)/g, '');
  const words = withoutLabels.match(/[a-z_][a-z0-9_]*/gi) ?? [];
  const promql = new Set(['and', 'or', 'unless', 'rate', 'sum', 'by', 'histogram_quantile', 'le', 'increase', 'max', 'min', 'avg']);
  return [...new Set(words.filter((w) => !promql.has(w)))];
}

/** infra/prometheus/alerts.yml: well formed, bilingual, and about metrics the services really export. */
describe('the alert rules', () => {
  const rules = parse(readFileSync(join(root, 'infra', 'prometheus', 'alerts.yml'), 'utf8')).groups.flatMap((g: any) => g.rules);

  it('covers the outbox, consumer lag, dead letters, the events stream’s storage, projection freshness, HTTP latency and errors, and a service down', () => {
    const read = rules.flatMap((r: any) => metricsOf(r.expr));
    for (const metric of ['up', 'ccndr_outbox_oldest_age_seconds', 'ccndr_consumer_pending', 'ccndr_dead_letters', 'ccndr_events_stream_bytes', 'ccndr_events_stream_max_bytes', 'ccndr_refresh_oldest_age_seconds', 'ccndr_http_request_duration_seconds_bucket', 'ccndr_http_request_duration_seconds_count']) {
      expect(read).toContain(metric);
    }
  });

  it('reads only metrics the services export', () => {
    for (const rule of rules) {
      for (const metric of metricsOf(rule.expr).filter((m) => m !== 'up')) {
        const exported = metric.replace(/_(bucket|count|sum)$/, '');
        expect({ alert: rule.alert, metric, exported: metricsSource.includes(`'${exported}'`) || metricsSource.includes(`= '${exported}'`) }).toEqual({ alert: rule.alert, metric, exported: true });
      }
    }
  });

  it('gives each alert a severity, a wait and a summary in English and French', () => {
    for (const rule of rules) {
      expect(rule).toMatchObject({ alert: expect.stringMatching(/^[A-Z][A-Za-z]+$/), for: expect.stringMatching(/^\d+m$/), labels: { severity: expect.stringMatching(/^(warning|critical)$/) } });
      expect(rule.annotations.summary).toMatch(/ \/ /);
      expect(rule.annotations.description.length).toBeGreaterThan(20);
    }
  });

  it('has a runbook entry for each alert in docs/operations.md', () => {
    const runbook = readFileSync(join(root, 'docs', 'operations.md'), 'utf8').split('\n## Runbook\n')[1] ?? '';
    const entries = [...runbook.matchAll(/^### (\S+)\n([\s\S]*?)(?=^### |(?![\s\S]))/gm)].map(([, name, text]) => [name, text.trim().length > 100] as const);
    expect(Object.fromEntries(entries)).toEqual(Object.fromEntries(rules.map((r: any) => [r.alert, true])));
  });

  it('would notice a rule about a metric nobody exports', () => {
    expect(metricsOf('rate(ccndr_made_up_total{service="x"}[5m]) > 0')).toEqual(['ccndr_made_up_total']);
    expect(metricsSource.includes(`'ccndr_made_up_total'`)).toBe(false);
  });
});
