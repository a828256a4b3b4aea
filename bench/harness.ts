import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** Timings of one measured path, in milliseconds. */
export interface Series {
  label: string;
  samples: number[];
  min: number;
  median: number;
  max: number;
}

export interface BenchmarkResult {
  name: string;
  description: string;
  /** What was set up before measuring (sizes, counts). */
  setup: Record<string, number | string>;
  baseline: Series;
  product: Series;
  /** product median / baseline median: how many times the raw cost the product path takes. */
  ratio: number;
  /** baseline median / product median: the product's rate as a share of the raw rate (for the same work). */
  rateShare: number;
  /** Figures measured beside the two series (CPU per command, for one). */
  extra?: Record<string, unknown>;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  finishedAt: string;
}

/** Runs `work` `warmup` times unmeasured, then `rounds` times measured. */
export async function measure(label: string, rounds: number, work: () => Promise<unknown>, warmup = 2): Promise<Series> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return seriesOf(label, samples);
}

/** Min, median and max of timings measured elsewhere (one sample per round of a long benchmark). */
export function seriesOf(label: string, samples: number[]): Series {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { label, samples: samples.map(round), min: round(sorted[0]), median: round(median), max: round(sorted[sorted.length - 1]) };
}

/** Where results are written: `BENCH_RESULTS_DIR`, else bench/results. */
export function writeResult(name: string, result: unknown): void {
  const directory = process.env.BENCH_RESULTS_DIR ?? join(__dirname, 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** Prints the result and writes it to bench/results/<name>.json. */
export function report(result: Omit<BenchmarkResult, 'ratio' | 'rateShare' | 'machine' | 'finishedAt'>): BenchmarkResult {
  const full: BenchmarkResult = {
    ...result,
    ratio: round(result.product.median / result.baseline.median),
    rateShare: round(result.baseline.median / result.product.median),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    finishedAt: new Date().toISOString(),
  };
  writeResult(result.name, full);
  const line = (s: Series) => `  ${s.label.padEnd(60)} min ${s.min.toFixed(1).padStart(8)} ms   median ${s.median.toFixed(1).padStart(8)} ms   max ${s.max.toFixed(1).padStart(8)} ms`;
  process.stdout.write(`\n${result.name}: ${result.description}\n${line(result.baseline)}\n${line(result.product)}\n  ratio (product / baseline, medians): ${full.ratio}   rate: ${Math.round(full.rateShare * 100)} % of the baseline's\n`);
  if (result.extra) process.stdout.write(`  ${JSON.stringify(result.extra)}\n`);
  return full;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A latency distribution, in milliseconds. */
export interface Percentiles {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function percentilesOf(label: string, samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN);
  return { label, count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** Prints latency distributions measured against a raw baseline and writes them to bench/results/<name>.json. */
export function reportLatency(result: { name: string; description: string; setup: Record<string, number | string>; baseline: Percentiles; product: Percentiles; extra?: Record<string, unknown> }): void {
  const full = {
    ...result,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    finishedAt: new Date().toISOString(),
  };
  writeResult(result.name, full);
  const line = (p: Percentiles) => `  ${p.label.padEnd(60)} n ${String(p.count).padStart(6)}   p50 ${p.p50.toFixed(1).padStart(7)} ms   p99 ${p.p99.toFixed(1).padStart(7)} ms   max ${p.max.toFixed(1).padStart(7)} ms\n`;
  process.stdout.write(`\n${result.name}: ${result.description}\n${line(result.baseline)}${line(result.product)}`);
  if (result.extra) process.stdout.write(`  ${JSON.stringify(result.extra)}\n`);
}

/**
 * CPU time (user and system, ms) a process has used so far, from /proc on Linux; null elsewhere.
 * For context beside the latencies: where a command's CPU goes, process by process.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
