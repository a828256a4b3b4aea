import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { writeResult } from './harness';

/** A V8 CPU profile as `node --cpu-prof` writes it (times in microseconds). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where self-time goes, first rule that matches a frame's script wins (so libs/auth is auth before
 * it is our code). Paths are those of the scripts the service loaded.
 */
const buckets: [bucket: string, matches: (url: string) => boolean][] = [
  ['HTTP stack (express, router, body parsing, @nestjs/core)', (url) => /node_modules\/(express|router|body-parser|raw-body|@nestjs\/(core|common|platform-express)|path-to-regexp|finalhandler|on-finished|qs|iconv-lite|type-is|content-type|send|helmet|@nestjs\/throttler)\//.test(url)],
  ['auth (jose, libs/auth)', (url) => url.includes('node_modules/jose/') || url.includes('/libs/auth/')],
  ['validation (zod)', (url) => url.includes('node_modules/zod/')],
  ['ORM (typeorm)', (url) => url.includes('node_modules/typeorm/')],
  ['tracing (@opentelemetry)', (url) => url.includes('node_modules/@opentelemetry/')],
  ['pg client (pg, pg-protocol, pg-types)', (url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|pg-connection-string|postgres-[a-z]+)\//.test(url)],
  ['NATS client (@nats-io: the relay publishing)', (url) => url.includes('node_modules/@nats-io/')],
  ['other packages', (url) => url.includes('node_modules/')],
  ['our code (libs, services)', (url) => /\/(libs|services)\//.test(url)],
  // The write system calls themselves (statements to PostgreSQL, HTTP answers, publishes): which socket, a profile cannot say.
  ['socket writes (system calls)', (url) => url === 'node:internal/stream_base_commons'],
  ['Node.js runtime (HTTP parser, streams, events, timers, async hooks)', (url) => url.startsWith('node:')],
];

export interface ProfileSummary {
  /** CPU ms (self-time) per bucket, largest first; idle time left out. */
  buckets: { bucket: string; ms: number; share: number; msPerCommand: number }[];
  totalMs: number;
}

/** Buckets the self-time of a profile's samples; `commands` gives the per-command figures. */
export function cpuProfileSummary(file: string, commands: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // A native or built-in function (no script: JSON.stringify, a socket write) counts for the script that called it.
  const scriptOf = (id: number): { functionName: string; url: string } => {
    let node = byId.get(id)!;
    while (!node.callFrame.url && !node.callFrame.functionName.startsWith('(') && parentOf.has(node.id)) node = byId.get(parentOf.get(node.id)!)!;
    return node.callFrame.url ? node.callFrame : byId.get(id)!.callFrame;
  };
  const bucketOf = new Map<number, string | null>();
  for (const { id } of profile.nodes) {
    const { functionName, url } = scriptOf(id);
    bucketOf.set(id, classify(functionName, url));
  }
  const spent = new Map<string, number>();
  // A sample's time is the delta to the next one (the last has none).
  for (let i = 0; i < profile.samples.length; i++) {
    const bucket = bucketOf.get(profile.samples[i]);
    if (bucket) spent.set(bucket, (spent.get(bucket) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const totalMs = [...spent.values()].reduce((sum, us) => sum + us, 0) / 1000;
  return {
    buckets: [...spent.entries()]
      .map(([bucket, us]) => ({ bucket, ms: round(us / 1000), share: round(us / 1000 / totalMs, 3), msPerCommand: round(us / 1000 / commands, 3) }))
      .sort((a, b) => b.ms - a.ms),
    totalMs: round(totalMs),
  };
}

/** The bucket of a frame; null for idle time. Frames V8 names itself: GC and (program), its own work outside JavaScript. */
function classify(functionName: string, url: string): string | null {
  if (functionName === '(idle)') return null;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (!url) return functionName === '(program)' ? 'V8 and native code outside JavaScript (program)' : 'native and built-in functions (no script)';
  const path = url.replace(/^file:\/\//, '');
  return buckets.find(([, matches]) => matches(path))?.[0] ?? 'other';
}

export function printProfileSummary(name: string, description: string, summary: ProfileSummary): void {
  writeResult(name, { name, description, ...summary, machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version }, finishedAt: new Date().toISOString() });
  const lines = summary.buckets.map((b) => `  ${b.bucket.padEnd(68)} ${b.ms.toFixed(0).padStart(7)} ms  ${(b.share * 100).toFixed(1).padStart(5)} %  ${b.msPerCommand.toFixed(3)} ms/command`);
  process.stdout.write(`\n${name}: ${description}\n${lines.join('\n')}\n  total ${summary.totalMs.toFixed(0)} ms\n`);
}

function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
