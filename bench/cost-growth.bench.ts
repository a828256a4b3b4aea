import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { consortiumToken, TestSystem } from '@ccndr/testing';
import { caughtUp, fill, liveIngest, rawConsume } from './evaluation-ingest.bench';
import { percentilesOf, report, reportLatency, seriesOf } from './harness';

const events = Number(process.env.BENCH_EVENTS ?? 50_000);
const consortiaCounts = (process.env.BENCH_GROWTH_CONSORTIA ?? '1,50,1000').split(',').filter(Boolean).map(Number);
const appliedCounts = (process.env.BENCH_GROWTH_EVENTS ?? '1000,100000,1000000').split(',').map(Number);
const readSeconds = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * How costs grow. Ingest: the same number of events spread over 1, 50 and 1,000 consortia, each
 * against raw pull-consume in the same run (more consortia: more indicator recomputations, each on
 * less history; `BENCH_GROWTH_CONSORTIA=` empty skips them). Reads: see readGrowth.
 */
export async function costGrowthBenchmark(): Promise<void> {
  for (const consortia of consortiaCounts) {
    const system = await TestSystem.start({ services: ['evaluation'] });
    try {
      await system.service('evaluation').stop();
      system.services.delete('evaluation');
      const published = await fill(system, events, Array.from({ length: consortia }, () => randomUUID()));
      const raw = await rawConsume(system, published, 0);
      const { ms: ingest } = await liveIngest(system, published);
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

  await readGrowth();
}

/** A programme's pace: events a consortium makes in a month (issue 25's deployment: 8,800 a year). */
const eventsPerConsortiumMonth = 733;
/** The recent period read (a quarter) and the month of the series: the fixtures' own months, which older history never reaches. */
const recentQuarter = { from: '2026-04-01', to: '2026-07-01' };
const recentMonth = { from: '2026-06-01', to: '2026-07-01' };
/** Older history starts a year before the fixtures' times: the fixtures span ten months, so no older event falls in the period read. */
const olderHistoryFrom = 12;

/**
 * Reads as history grows: 10³ events applied, then more and more, each later batch spread over
 * older months at a programme's pace (the fixtures' shape kept within each month). At each size,
 * under autocannon (10 connections): the live indicators (stored rows), a fixed recent quarter
 * (computed on read) and one month of an indicator's series. What a period holds does not change
 * as history grows, so its cost should not either.
 */
async function readGrowth(): Promise<void> {
  const system = await TestSystem.start({ services: ['evaluation'] });
  try {
    const consortia = Array.from({ length: 50 }, () => randomUUID());
    // Each consortium exists (the fixtures' mix need not give each one its creation).
    for (const consortiumId of consortia) await system.bus.publish(system.bus.event('ccndr.community.consortium.created.v1', consortiumId, { consortiumId }));
    const token = await consortiumToken({ [consortia[0]]: ['observer'] });
    const base = `${system.service('evaluation').url}/consortia/${consortia[0]}/indicators`;
    const reads = [
      { name: 'read', what: 'live indicators', url: base },
      { name: 'period', what: `indicators of ${recentQuarter.from}..${recentQuarter.to}`, url: `${base}?from=${recentQuarter.from}&to=${recentQuarter.to}` },
      { name: 'series', what: `one month of a series (${recentMonth.from.slice(0, 7)})`, url: `${base}/o1.meeting-participants/series?from=${recentMonth.from}&to=${recentMonth.to}` },
    ];
    const first = new Map<string, ReturnType<typeof percentilesOf>>();
    let applied = 0;
    let monthsBack = olderHistoryFrom;
    for (const target of appliedCounts) {
      const batch = target - applied;
      if (applied === 0) {
        applied += await fill(system, batch, consortia);
      } else {
        const months = Math.max(1, Math.round(batch / (eventsPerConsortiumMonth * consortia.length)));
        applied += await fill(system, batch, consortia, [monthsBack, monthsBack + months - 1]);
        monthsBack += months;
      }
      await caughtUp(system, applied);
      for (const read of reads) {
        const result = await autocannon({ url: read.url, connections: 10, duration: readSeconds, headers: { authorization: `Bearer ${token}` } });
        if (result.non2xx + result.errors > 0) throw new Error(`${read.what} failed: ${result.non2xx + result.errors} of ${result.requests.total} (${JSON.stringify(result.statusCodeStats)})`);
        const latency = { label: `GET ${read.what}, ${applied} events applied`, count: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max };
        const baseline = first.get(read.name) ?? latency;
        first.set(read.name, baseline);
        reportLatency({
          name: `cost-growth-${read.name}-${target}`,
          description: `${read.what} of a consortium with ${applied} events applied across ${consortia.length} consortia, history back ${monthsBack - 1} months before the fixtures' (baseline: with ${appliedCounts[0]})`,
          setup: { applied, consortia: consortia.length, seconds: readSeconds, monthsOfOlderHistory: applied === appliedCounts[0] ? 0 : monthsBack - olderHistoryFrom },
          baseline,
          product: latency,
          extra: { requestsPerSecond: result.requests.average, p99Ratio: Math.round((latency.p99 / Math.max(baseline.p99, 0.001)) * 100) / 100 },
        });
      }
    }
  } finally {
    await system.stop();
  }
}
