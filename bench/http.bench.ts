import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, waitUntil } from '@ccndr/local-stack';
import { TestSystem } from '@ccndr/testing';
import { report, seriesOf } from './harness';
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
 * attendance command and evaluation's indicators read, each against a bare NestJS route doing one
 * insert, or the one select of the same indicator rows, with a plain pg pool (no authentication, validation, tenancy, outbox or
 * tracing) in the same run. Reported as time per request, so the ratio is the product's cost
 * over the bare route's and the rate share its requests/s as a share of the bare route's.
 */
export async function httpBenchmark(): Promise<void> {
  const system = await TestSystem.start({ services: ['community', 'evaluation'], env: { WRITE_LIMIT: '100000', WRITE_LIMIT_WINDOW_SECONDS: '1' } });
  let bare: ChildProcess | undefined;
  try {
    const programme = await buildProgramme(system, 100);
    const port = await freePort();
    bare = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'http', 'bare-nest.main.ts')], {
      env: { ...process.env, DATABASE_URL: system.databaseUrl, SCHEMA: 'public', PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const bareUrl = `http://127.0.0.1:${port}`;
    await waitUntil('the bare NestJS baseline to answer', async () => (await fetch(`${bareUrl}/indicators/${programme.consortiumId}`).catch(() => undefined))?.status === 200, 60_000);

    let sent = 0;
    const json = { 'content-type': 'application/json' };
    const command: Load = {
      origin: system.service('community').url,
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${programme.coordinator}` },
      next: () => {
        const { gatheringId, memberId } = attendance(programme, sent++);
        return { path: `/consortia/${programme.consortiumId}/gatherings/${gatheringId}/attendance`, body: { memberId } };
      },
    };
    const bareInsert: Load = { origin: bareUrl, method: 'POST', headers: json, next: () => ({ path: '/items', body: { id: randomUUID(), name: 'item' } }) };
    const read: Load = {
      origin: system.service('evaluation').url,
      method: 'GET',
      headers: { authorization: `Bearer ${programme.observer}` },
      next: () => ({ path: `/consortia/${programme.consortiumId}/indicators` }),
    };
    const bareSelect: Load = { origin: bareUrl, method: 'GET', next: () => ({ path: `/indicators/${programme.consortiumId}` }) };

    for (const [name, baseline, product, label] of [
      ['http-command', bareInsert, command, 'POST attendance (community: auth, validation, tenancy, transaction, outbox)'],
      ['http-read', bareSelect, read, 'GET indicators (evaluation: auth, tenancy, one consortium\'s indicators)'],
    ] as const) {
      const base: number[] = [];
      const prod: number[] = [];
      for (let round = 0; round < rounds; round++) {
        base.push(1000 / (await load(baseline)));
        prod.push(1000 / (await load(product)));
        await system.settled(120_000);
        process.stdout.write(`  ${name} round ${round + 1}: bare ${(1000 / base[round]).toFixed(0)} req/s, product ${(1000 / prod[round]).toFixed(0)} req/s\n`);
      }
      report({
        name,
        description: `${label}, ${connections} connections, ${seconds} s a round; time per request (1 / requests per second)`,
        setup: { connections, seconds, rounds },
        baseline: seriesOf(baseline.method === 'POST' ? 'bare NestJS route, one insert' : 'bare NestJS route, the same indicator rows', base),
        product: seriesOf(label, prod),
      });
    }
  } finally {
    bare?.kill();
    await system.stop();
  }
}

/** Requests per second autocannon reaches on this load; fails on any answer other than 2xx. */
async function load(target: Load): Promise<number> {
  const result = await autocannon({
    url: target.origin,
    connections,
    duration: seconds,
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
  return result.requests.average;
}
