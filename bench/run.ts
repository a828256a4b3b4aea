/**
 * Benchmarks: `npm run bench` runs them all, `npm run bench -- matching` one. Each measures a raw
 * baseline and the product path in the same run and reports the ratio (see docs/benchmarks.md).
 * Servers come from TEST_DATABASE_URL / TEST_NATS_URL, else Testcontainers, else embedded.
 */
import { resolveNats, resolvePostgres } from '@ccndr/testing';
import { costGrowthBenchmark } from './cost-growth.bench';
import { evaluationIngestBenchmark } from './evaluation-ingest.bench';
import { freshnessBenchmark } from './freshness.bench';
import { httpBenchmark } from './http.bench';
import { matchingBenchmark } from './matching.bench';
import { outboxRelayBenchmark } from './outbox-relay.bench';
import { recomputeBenchmark } from './recompute.bench';
import { soakBenchmark } from './soak.bench';
import { validationBenchmark } from './validation.bench';

const benchmarks: Record<string, () => Promise<unknown>> = {
  matching: matchingBenchmark,
  'evaluation-ingest': evaluationIngestBenchmark,
  'outbox-relay': outboxRelayBenchmark,
  freshness: freshnessBenchmark,
  http: httpBenchmark,
  'cost-growth': costGrowthBenchmark,
  recompute: recomputeBenchmark,
  validation: validationBenchmark,
  soak: soakBenchmark,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benchmarks[name]);
  if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}`);
  const [postgres, nats] = await Promise.all([resolvePostgres(), resolveNats()]);
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.TEST_NATS_URL = nats.url;
  try {
    for (const name of wanted.length ? wanted : Object.keys(benchmarks)) await benchmarks[name]();
  } finally {
    await Promise.all([postgres.stop(), nats.stop()]);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
