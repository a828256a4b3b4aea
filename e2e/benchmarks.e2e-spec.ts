import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './support/command';

/**
 * The benchmarks are not tests (their figures depend on a shared, noisy machine), but they must
 * keep working: each one runs here end to end at a small size, through `npm run bench` as a person
 * would, and must write its result with a raw baseline, the product path and the ratio between them.
 * No figure is judged.
 */
const benchmarks: { name: string; env: Record<string, string>; results: string[]; profile?: string }[] = [
  { name: 'matching', env: { BENCH_ROUNDS: '2' }, results: ['matching']},
  { name: 'evaluation-ingest', env: { BENCH_EVENTS: '400', BENCH_ROUNDS: '1', BENCH_PARTITIONS: '2', BENCH_REPLICAS: '1,2' }, results: ['evaluation-ingest', 'evaluation-rebuild']},
  { name: 'validation', env: { BENCH_MESSAGES: '2000', BENCH_ROUNDS: '1' }, results: ['validation']},
  { name: 'outbox-relay', env: { BENCH_COMMANDS: '300', BENCH_ROUNDS: '1' }, results: ['outbox-relay']},
  { name: 'http', env: { BENCH_SECONDS: '1', BENCH_ROUNDS: '1' }, results: ['http-command', 'http-command-transaction', 'http-read'], profile: 'http-command-profile' },
  { name: 'freshness', env: { BENCH_RATES: '20', BENCH_SECONDS: '2' }, results: ['freshness-20']},
  {
    name: 'cost-growth',
    env: { BENCH_EVENTS: '300', BENCH_GROWTH_CONSORTIA: '1,5', BENCH_GROWTH_EVENTS: '200,500', BENCH_SECONDS: '1' },
    results: ['cost-growth-ingest-1', 'cost-growth-ingest-5', 'cost-growth-read-200', 'cost-growth-read-500', 'cost-growth-period-500', 'cost-growth-series-500'],
  },
  { name: 'recompute', env: { BENCH_ROUNDS: '3', BENCH_YEARS: '1,2' }, results: ['live', 'outcome1', 'attendance', 'all', 'history', 'quarter'].flatMap((read) => [`recompute-${read}-1y`, `recompute-${read}-2y`]) },
];

describe('the benchmarks run end to end at a small size', () => {
  let resultsDir: string;

  beforeAll(() => {
    resultsDir = mkdtempSync(join(tmpdir(), 'ccndr-bench-'));
  });
  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it.each(benchmarks)('$name writes its baseline, its product path and their ratio', async ({ name, env, results, profile }) => {
    const run = await runCommand('npm', ['run', '--silent', 'bench', '--', name], { env: { ...process.env, ...env, BENCH_RESULTS_DIR: resultsDir } });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    for (const result of results) {
      const written = JSON.parse(readFileSync(join(resultsDir, `${result}.json`), 'utf8'));
      expect(written.name).toBe(result);
      expect(written.machine.cpus).toBeGreaterThan(0);
      if ('ratio' in written) {
        // A series: samples of the baseline and of the product, and the ratio of their medians.
        expect(written.baseline.samples.length).toBeGreaterThan(0);
        expect(written.product.samples.length).toBeGreaterThan(0);
        expect(written.baseline.median).toBeGreaterThan(0);
        expect(written.ratio).toBeCloseTo(written.product.median / written.baseline.median, 1);
        // Measured per configuration (evaluation-ingest: per partition and replica count): a rate and the CPU per event.
        for (const configuration of written.extra?.configurations ?? []) expect(configuration).toMatchObject({ eventsPerSecond: expect.any(Number), cpuMicrosecondsPerEvent: expect.any(Number) });
      } else {
        // A latency distribution: percentiles of the baseline and of the product.
        expect(written.baseline.count).toBeGreaterThan(0);
        expect(written.product.count).toBeGreaterThan(0);
        expect(written.product.p99).toBeGreaterThanOrEqual(written.product.p50);
      }
    }
    if (profile) {
      // A CPU profile summary: self-time by bucket, the buckets adding up to the total.
      const written = JSON.parse(readFileSync(join(resultsDir, `${profile}.json`), 'utf8'));
      expect(written.buckets.length).toBeGreaterThan(0);
      expect(written.buckets.reduce((sum: number, b: { ms: number }) => sum + b.ms, 0)).toBeCloseTo(written.totalMs, -1);
    }
    expect(run.stdout).toContain(results[0]);
  }, 600_000);
});

describe('the soak runs end to end at a small size', () => {
  let resultsDir: string;

  beforeAll(() => {
    resultsDir = mkdtempSync(join(tmpdir(), 'ccndr-soak-'));
  });
  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('answers every command 2xx, drains its backlog and lag to zero, and reports latency, memory and drain figures', async () => {
    const env = { BENCH_CONSORTIA: '10', BENCH_RATE: '10', BENCH_SECONDS: '10', BENCH_WINDOW_SECONDS: '5', BENCH_READ_RATE: '2' };
    const run = await runCommand('npm', ['run', '--silent', 'bench', '--', 'soak'], { env: { ...process.env, ...env, BENCH_RESULTS_DIR: resultsDir } });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const soak = JSON.parse(readFileSync(join(resultsDir, 'soak.json'), 'utf8'));

    // Every command sent was answered, and every answer was a success.
    expect(soak.sent).toBeGreaterThan(0);
    expect(soak.answered).toBe(soak.sent - soak.skipped);
    expect(soak.errors).toEqual({});
    expect(Object.keys(soak.windows[0].byKind)).toEqual(expect.arrayContaining(['attendance', 'member.join', 'knowledge.thread', 'knowledge.reply', 'assessment.start', 'need.post']));
    expect(soak.reads.count).toBeGreaterThan(0);
    // Once the load stopped, every outbox emptied and every durable consumer caught up; evaluation counted each attendance.
    expect(soak.drain).toMatchObject({ drained: true, backlogSeconds: expect.any(Number), derivedWorkSeconds: expect.any(Number) });
    expect(soak.attendanceCheck.length).toBeGreaterThan(0);
    for (const check of soak.attendanceCheck) expect(check.meetingParticipants).toBe(check.attendanceAnswered);
    // The figures: latency per window, each service's memory from the end of the warm-up to the end.
    expect(soak.windows).toHaveLength(2);
    for (const window of soak.windows) expect(window.overall.p99).toBeGreaterThanOrEqual(window.overall.p50);
    for (const service of ['community', 'assessments', 'provider-matching', 'evaluation']) expect(soak.rss[service].growthPercent).toEqual(expect.any(Number));
    expect(soak.p99FirstToLastWindow.ratio).toEqual(expect.any(Number));
    expect(run.stdout).toContain('soak');
    // Four services to start and ten consortia to set up besides the 10 s of load: longer than the default on a busy machine.
  }, 300_000);
});
