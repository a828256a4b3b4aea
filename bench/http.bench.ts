import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, waitUntil } from '@ccndr/local-stack';
import { TestSystem } from '@ccndr/testing';
import { cpuProfileSummary, printProfileSummary } from './cpu-profile';
import { processCpuMs, report, seriesOf } from './harness';
import { attendance, buildProgramme } from './programme';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Load {
  origin: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Path and body of the next request (each command different). */
  next: () => { path: string; body?: unknown };
}

/**
 * HTTP throughput under autocannon (`connections` connections, `seconds` per round): community's
 * attendance command against a bare NestJS route doing one insert and against a bare route running
 * the same SQL transaction (the same statements and outbox insert) with a plain pg pool, and
 * evaluation's indicators read against the one select of the same indicator rows (no
 * authentication, validation, ORM or tracing). Reported as time per request, so the ratio is the
 * product's cost over the bare route's and the rate share its requests/s as a share of the bare
 * route's. Also: community's CPU per command, and where it goes (a CPU profile of community during
 * one more attendance load, its self-time bucketed by package).
 */
export async function httpBenchmark(): Promise<void> {
  const env = { WRITE_LIMIT: '100000', WRITE_LIMIT_WINDOW_SECONDS: '1' };
  const system = await TestSystem.start({ services: ['community', 'evaluation'], env });
  let bare: ChildProcess | undefined;
  try {
    // Room for every attendance both command loads send (about 2,000/s together at most) to be new: a repeat is a cheaper path.
    const programme = await buildProgramme(system, Math.max(100, Math.ceil((seconds * (rounds + 1) * 2000) / 300)));
    const port = await freePort();
    bare = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'http', 'bare-nest.main.ts')], {
      env: { ...process.env, DATABASE_URL: system.databaseUrl, SCHEMA: 'public', PORT: String(port), COMMUNITY_DATABASE_URL: system.serviceDatabaseUrls.community, EVENT_NAMESPACE: system.namespace },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const bareUrl = `http://127.0.0.1:${port}`;
    await waitUntil('the bare NestJS baseline to answer', async () => (await fetch(`${bareUrl}/indicators/${programme.consortiumId}`).catch(() => undefined))?.status === 200, 60_000);

    // One sequence for the product and the bare transaction, so that every attendance either sends is new.
    let sent = 0;
    const json = { 'content-type': 'application/json' };
    const nextAttendance = () => {
      const { gatheringId, memberId } = attendance(programme, sent++);
      return { path: `/consortia/${programme.consortiumId}/gatherings/${gatheringId}/attendance`, body: { memberId } };
    };
    const commandTo = (origin: string): Load => ({ origin, method: 'POST', headers: { ...json, authorization: `Bearer ${programme.coordinator}` }, next: nextAttendance });
    const command = commandTo(system.service('community').url);
    const bareInsert: Load = { origin: bareUrl, method: 'POST', headers: json, next: () => ({ path: '/items', body: { id: randomUUID(), name: 'item' } }) };
    const bareTransaction: Load = { origin: bareUrl, method: 'POST', headers: json, next: nextAttendance };
    const read: Load = {
      origin: system.service('evaluation').url,
      method: 'GET',
      headers: { authorization: `Bearer ${programme.observer}` },
      next: () => ({ path: `/consortia/${programme.consortiumId}/indicators` }),
    };
    const bareSelect: Load = { origin: bareUrl, method: 'GET', next: () => ({ path: `/indicators/${programme.consortiumId}` }) };

    const commandLabel = 'POST attendance (community: auth, validation, tenancy, transaction, outbox)';
    for (const { name, baselines, product, label } of [
      { name: 'http-command', baselines: [['http-command', 'bare NestJS route, one insert', bareInsert], ['http-command-transaction', 'bare NestJS route, the same SQL transaction', bareTransaction]], product: command, label: commandLabel },
      { name: 'http-read', baselines: [['http-read', 'bare NestJS route, the same indicator rows', bareSelect]], product: read, label: "GET indicators (evaluation: auth, tenancy, one consortium's indicators)" },
    ] as { name: string; baselines: [string, string, Load][]; product: Load; label: string }[]) {
      const base = baselines.map((): number[] => []);
      const prod: number[] = [];
      const cpuPerCommand: number[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const [i, [, , baseline]] of baselines.entries()) {
          base[i].push(1000 / (await load(baseline)).rate);
          await system.settled(120_000);
        }
        const cpuBefore = processCpuMs(system.service('community').pid);
        const measured = await load(product);
        const cpuAfter = processCpuMs(system.service('community').pid);
        prod.push(1000 / measured.rate);
        if (product === command && cpuBefore !== null && cpuAfter !== null) cpuPerCommand.push((cpuAfter - cpuBefore) / measured.answered);
        await system.settled(120_000);
        const bareRates = baselines.map(([, label], i) => `${label} ${(1000 / base[i][round]).toFixed(0)} req/s`).join(', ');
        const cpu = cpuPerCommand.length ? `; community ${cpuPerCommand[round].toFixed(2)} ms of CPU per command` : '';
        process.stdout.write(`  ${name} round ${round + 1}: ${bareRates}, product ${(1000 / prod[round]).toFixed(0)} req/s${cpu}\n`);
      }
      for (const [i, [resultName, baselineLabel]] of baselines.entries()) {
        report({
          name: resultName,
          description: `${label}, ${connections} connections, ${seconds} s a round; time per request (1 / requests per second)`,
          setup: { connections, seconds, rounds },
          baseline: seriesOf(baselineLabel, base[i]),
          product: seriesOf(label, prod),
          ...(cpuPerCommand.length ? { extra: { communityCpuMsPerCommand: seriesOf('community CPU per command (user + system, /proc)', cpuPerCommand) } } : {}),
        });
      }
    }
    await profileCommands(system, env, commandTo);
  } finally {
    bare?.kill();
    await system.stop();
  }
}

/**
 * Community restarted with a profiler preloaded (bench/cpu-profiler.preload.js) for one more
 * attendance load, profiled between two signals: its self-time bucketed by package, printed and
 * written as http-command-profile. Community is left stopped (the benchmark's last step).
 */
async function profileCommands(system: TestSystem, env: Record<string, string>, commandTo: (origin: string) => Load): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'ccndr-cpu-profile-'));
  const file = join(directory, 'community.cpuprofile');
  try {
    await system.service('community').stop();
    const preload = `--require ${join(__dirname, 'cpu-profiler.preload.js')}`;
    const service = await system.startService('community', { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim(), CPU_PROFILE_FILE: file });
    const command = commandTo(service.url);
    await load(command, 1); // warm-up, outside the profile
    process.kill(service.pid!, 'SIGWINCH');
    const measured = await load(command);
    process.kill(service.pid!, 'SIGWINCH');
    await waitUntil('community to write its CPU profile', async () => existsSync(file), 30_000);
    await system.service('community').stop();
    // BENCH_CPU_PROFILE keeps the profile itself (to open in Chrome DevTools' Performance panel or speedscope).
    if (process.env.BENCH_CPU_PROFILE) copyFileSync(file, process.env.BENCH_CPU_PROFILE);
    const summary = cpuProfileSummary(file, measured.answered);
    printProfileSummary('http-command-profile', `where community's CPU goes during ${seconds} s of attendance commands (${measured.answered} answered), self-time by package`, summary);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Requests per second autocannon reaches on this load and the requests answered; fails on any answer other than 2xx. */
async function load(target: Load, duration = seconds): Promise<{ rate: number; answered: number }> {
  const result = await autocannon({
    url: target.origin,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = target.next();
          return { ...request, method: target.method, path, headers: target.headers ?? {}, body: body === undefined ? undefined : JSON.stringify(body) };
        },
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${target.method} ${target.origin}: ${failed} of ${result.requests.total} requests failed`);
  return { rate: result.requests.average, answered: result['2xx'] };
}
