import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NatsServerProcess } from '@ccndr/local-stack';
import { defaultStreamLimits, ensureStreams } from '@ccndr/messaging';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { runCommand } from './support/command';
import { metricValue } from './support/metrics';
import { createConsortium } from './support/programme';

const maxBytes = 64 * 1024 ** 2;

/**
 * The NATS store lost under services that have applied events: they refuse to start on a blank
 * stream, saying why, until an operator recreates it deliberately. Meanwhile /metrics gives the
 * events stream's storage against its limit.
 */
describe('the NATS store lost', () => {
  let nats: NatsServerProcess;
  let system: TestSystem;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccndr-nats-store-loss-'));
    nats = await NatsServerProcess.start(dataDir);
    system = await TestSystem.start({ services: ['community', 'evaluation'], natsUrl: nats.url, env: { EVENTS_STREAM_MAX_BYTES: String(maxBytes) } });
  });
  afterAll(async () => {
    await system?.stop();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const applied = async () => (await system.sql(`SELECT count(*)::int AS n FROM evaluation.processed_events`))[0].n as number;
  const startFails = async () => {
    const evaluation = system.service('evaluation');
    await expect(evaluation.restart()).rejects.toThrow(/evaluation exited \(1\)/);
    return readFileSync(evaluation.logFile, 'utf8');
  };
  const recreate = (args: string[]) =>
    runCommand('npm', ['run', '--silent', 'operator', '--', 'stream', 'recreate', ...args], {
      env: { ...process.env, NATS_URL: nats.url, EVENT_NAMESPACE: system.namespace, EVENTS_STREAM_MAX_BYTES: String(maxBytes) },
    });

  it('exports the stream’s storage; after the store is wiped a service that applied events refuses to start until the operator recreates the stream', async () => {
    await createConsortium(system);
    await expectEventually(async () => expect(await applied()).toBeGreaterThan(0), { timeoutMs: 30_000 });
    const stream = { stream: system.topology.eventsStream };
    const metrics = await fetch(`${system.service('evaluation').url}/metrics`).then((r) => r.text());
    expect(metricValue(metrics, 'ccndr_events_stream_bytes', stream)).toBeGreaterThan(0);
    expect(metricValue(metrics, 'ccndr_events_stream_max_bytes', stream)).toBe(maxBytes);

    await system.service('evaluation').stop();
    await system.service('community').stop();
    await nats.stop();
    rmSync(join(dataDir, 'jetstream'), { recursive: true, force: true });
    await nats.restart();

    // Missing: refused, with the reason and the way out, and no empty stream created.
    expect(await startFails()).toMatch(/events stream \S+ is missing, but this service's database shows \d+ events applied from it[^"]*Refusing to start on a blank stream[^"]*npm run operator -- stream recreate/);
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      await expect(jsm.streams.info(system.topology.eventsStream)).rejects.toThrow(/not found/i);
      // Empty (created afresh, e.g. by a service that had applied nothing): refused too.
      await ensureStreams(jsm, system.topology, 1, { ...defaultStreamLimits, eventsMaxBytes: maxBytes });
      expect(await startFails()).toMatch(/events stream \S+ is empty \(it never held an event\)/);
    } finally {
      await nc.close();
    }

    expect(await recreate([])).toMatchObject({ code: 1, stderr: expect.stringContaining(`needs --confirm ${system.topology.eventsStream}`) });
    expect(await recreate(['--confirm', system.topology.eventsStream])).toMatchObject({ code: 0, stdout: expect.stringContaining('marked as recreated by an operator') });
    await system.service('evaluation').restart();
    await system.service('community').restart();

    // Events flow again on the new stream; the projections keep what they had applied.
    const before = await applied();
    await createConsortium(system, 'Consortium après la perte');
    await expectEventually(async () => expect(await applied()).toBeGreaterThan(before), { timeoutMs: 30_000 });
    // A stream holding events is never recreated over.
    expect(await recreate(['--confirm', system.topology.eventsStream])).toMatchObject({ code: 1, stderr: expect.stringContaining('nothing to recreate') });
  });
});
