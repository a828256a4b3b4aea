import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { readFixtures } from '@ccndr/contracts';
import { subscribe, Subscription } from '@ccndr/example-subscriber';
import { freePort, natsInstallHint, natsServerBinary, waitUntil } from '@ccndr/local-stack';

const root = join(__dirname, '..');
const passwords = {
  NATS_SERVER_NAME: 'permissions-check',
  NATS_COMMUNITY_PASSWORD: 'community-pw',
  NATS_ASSESSMENTS_PASSWORD: 'assessments-pw',
  NATS_PROVIDER_MATCHING_PASSWORD: 'provider-matching-pw',
  NATS_EVALUATION_PASSWORD: 'evaluation-pw',
  NATS_SUBSCRIBER_EXAMPLE_PASSWORD: 'subscriber-pw',
  NATS_SYSTEM_PASSWORD: 'system-pw',
};

/** infra/nats/nats-server.conf, run for real: services publish only their own events, subscribers nothing. */
describe('the NATS account layout in infra/', () => {
  let server: ChildProcess;
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    const binary = natsServerBinary();
    if (!binary) throw new Error(natsInstallHint);
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'ccndr-nats-conf-'));
    server = spawn(binary, ['-c', join(root, 'infra', 'nats', 'nats-server.conf'), '-a', '127.0.0.1', '-p', String(port), '-m', '0', '-sd', dataDir], {
      env: { ...process.env, ...passwords },
      stdio: 'ignore',
    });
    await waitUntil('nats-server with the infra config', async () => {
      const nc = await connect({ servers: `nats://127.0.0.1:${port}`, user: 'system', pass: 'system-pw', reconnect: false });
      await nc.close();
      return true;
    }, 10_000);
  });
  afterAll(() => {
    server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Publishes and flushes; resolves with the permission error the server sends back, if any. */
  async function tryPublish(user: string, pass: string, subject: string): Promise<string | undefined> {
    const nc = await connect({ servers: `nats://127.0.0.1:${port}`, user, pass, reconnect: false });
    let denied: string | undefined;
    const watching = (async () => {
      for await (const status of nc.status()) if (status.type === 'error') denied = String(status.error);
    })();
    nc.publish(subject, 'probe');
    // The server answers a denied publish with -ERR before the PONG of this flush.
    await nc.flush();
    await nc.close();
    await watching.catch(() => undefined);
    return denied;
  }

  it('lets a service publish its own context’s events only', async () => {
    expect(await tryPublish('community', 'community-pw', 'ccndr.community.member.joined.v1.0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10')).toBeUndefined();
    expect(await tryPublish('community', 'community-pw', 'ccndr.evaluation.indicator.changed.v1.0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10')).toMatch(/permission/i);
  });

  it('lets each durable consumer of each service send its dead letters, and no other service send them', async () => {
    // The durable consumers each service declares in services/<name>/src/<name>.service-spec.ts.
    const consumers: Record<string, string[]> = { assessments: ['assessments'], 'provider-matching': ['provider-matching', 'provider-matching-readiness'], evaluation: ['evaluation'] };
    const password = (service: string) => passwords[`NATS_${service.replace(/-/g, '_').toUpperCase()}_PASSWORD` as keyof typeof passwords];
    for (const [service, durables] of Object.entries(consumers)) {
      for (const durable of durables) {
        expect({ durable, denied: await tryPublish(service, password(service), `ccndr-dead-letter.${durable}`) }).toEqual({ durable, denied: undefined });
        const other = service === 'evaluation' ? 'assessments' : 'evaluation';
        expect(await tryPublish(other, password(other), `ccndr-dead-letter.${durable}`)).toMatch(/permission/i);
      }
    }
  });

  it('keeps an outside subscriber read-only', async () => {
    expect(await tryPublish('subscriber-example', 'subscriber-pw', 'ccndr.community.member.joined.v1.0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10')).toMatch(/permission/i);
    expect(await tryPublish('subscriber-example', 'subscriber-pw', '$JS.API.STREAM.DELETE.CCNDR_EVENTS')).toMatch(/permission/i);
  });

  it('lets the outside subscriber keep its own durable consumer and read the events with it', async () => {
    const consortiumId = '0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10';
    const service = await connect({ servers: `nats://127.0.0.1:${port}`, user: 'community', pass: 'community-pw', reconnect: false });
    const received: string[] = [];
    let subscription: Subscription | undefined;
    try {
      await (await jetstreamManager(service)).streams.add({ name: 'CCNDR_EVENTS', subjects: ['ccndr.>'] });
      const envelope = readFixtures().find((f) => f.type === 'ccndr.community.consortium.created.v1')!.envelope as Record<string, unknown>;
      await jetstream(service).publish(`ccndr.community.consortium.created.v1.${consortiumId}`, JSON.stringify({ ...envelope, consortiumid: consortiumId }));
      subscription = await subscribe(
        { servers: `nats://127.0.0.1:${port}`, user: 'subscriber-example', pass: 'subscriber-pw', consumer: 'example-programme', filter: `ccndr.*.*.*.*.${consortiumId}` },
        (event) => void received.push(`${event.type} ${event.consortiumid}`),
      );
      await waitUntil('the subscriber to receive the event', async () => received.length > 0, 10_000);
      expect(received).toEqual([`ccndr.community.consortium.created.v1 ${consortiumId}`]);
    } finally {
      await subscription?.stop();
      await service.close();
    }
  });

  it('refuses a wrong password', async () => {
    await expect(connect({ servers: `nats://127.0.0.1:${port}`, user: 'community', pass: 'wrong', reconnect: false })).rejects.toThrow(/authorization/i);
  });
});
