import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { consortiumToken, TestSystem } from '@ccndr/testing';
import { caughtUp, fill, liveIngest, rawConsume } from './evaluation-ingest.bench';
import { percentilesOf, report, reportLatency, seriesOf } from './harness';

const events = Number(process.env.BENCH_EVENTS ?? 50_000);
const consortiaCounts = (process.env.BENCH_GROWTH_CONSORTIA ?? '1,50,1000').split(',').map(Number);
const appliedCounts = (process.env.BENCH_GROWTH_EVENTS ?? '1000,100000,1000000').split(',').map(Number);
const readSeconds = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * How costs grow. Ingest: the same number of events spread over 1, 50 and 1,000 consortia, each
 * against raw pull-consume in the same run (more consortia: more indicator recomputations, each on
 * less history). Reads: a consortium's indicators under autocannon (10 connections) once 10³, 10⁵
 * and 10⁶ events are applied in all; reads never scan raw events, so their latency should stay flat.
 */
export async function costGrowthBenchmark(): Promise<void> {
  for (const consortia of consortiaCounts) {
    const system = await TestSystem.start({ services: ['evaluation'] });
    try {
      await system.service('evaluation').stop();
      system.services.delete('evaluation');
      const published = await fill(system, events, Array.from({ length: consortia }, () => randomUUID()));
      const raw = await rawConsume(system, published, 0);
      const ingest = await liveIngest(system, published);
      report({
        name: `cost-growth-ingest-${consortia}`,
        description: `evaluation applies ${published} events across ${consortia} consortia`,
        setup: { events: published, consortia },
        baseline: seriesOf(`raw pull consume with ack of ${published} events`, [raw]),
        product: seriesOf(`evaluation ingest, ${consortia} consortia`, [ingest]),
      });
    } finally {
      await system.stop();
    }
  }

  const system = await TestSystem.start({ services: ['evaluation'] });
  try {
    const consortia = Array.from({ length: 50 }, () => randomUUID());
    // Each consortium exists (the fixtures' mix need not give each one its creation).
    for (const consortiumId of consortia) await system.bus.publish(system.bus.event('ccndr.community.consortium.created.v1', consortiumId, { consortiumId }));
    const token = await consortiumToken({ [consortia[0]]: ['observer'] });
    const url = `${system.service('evaluation').url}/consortia/${consortia[0]}/indicators`;
    let applied = 0;
    let first: ReturnType<typeof percentilesOf> | undefined;
    for (const target of appliedCounts) {
      applied += await fill(system, target - applied, consortia);
      await caughtUp(system, applied);
      const result = await autocannon({ url, connections: 10, duration: readSeconds, headers: { authorization: `Bearer ${token}` } });
      if (result.non2xx + result.errors > 0) throw new Error(`indicator reads failed: ${result.non2xx + result.errors} of ${result.requests.total} (${JSON.stringify(result.statusCodeStats)})`);
      const latency = { label: `GET indicators with ${applied} events applied`, count: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max };
      first ??= latency;
      reportLatency({
        name: `cost-growth-read-${target}`,
        description: `a consortium's indicators read with ${applied} events applied across ${consortia.length} consortia (baseline: with ${appliedCounts[0]})`,
        setup: { applied, consortia: consortia.length, seconds: readSeconds },
        baseline: first,
        product: latency,
        extra: { requestsPerSecond: result.requests.average, p99Ratio: Math.round((latency.p99 / Math.max(first.p99, 0.001)) * 100) / 100 },
      });
    }
  } finally {
    await system.stop();
  }
}
