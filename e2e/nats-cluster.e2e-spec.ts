import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { freePort, natsInstallHint, natsServerBinary, waitUntil } from '@ccndr/local-stack';
import { ensureStreams, eventBusTopology, natsInboxPrefix } from '@ccndr/messaging';
import { expectEventually } from '@ccndr/testing';

const infra = join(__dirname, '..', 'infra', 'nats');

/**
 * infra/nats/nats-cluster.conf on three real nats-server processes (its routes pointed at this
 * machine): the platform's streams are created with three copies and keep taking events when a
 * node is lost.
 */
describe('the three-node NATS JetStream cluster of infra/', () => {
  const nodes: { name: string; client: number; route: number; process?: ChildProcess }[] = [];
  let dir: string;
  let nc: NatsConnection | undefined;

  beforeAll(async () => {
    const binary = natsServerBinary();
    if (!binary) throw new Error(natsInstallHint);
    dir = mkdtempSync(join(tmpdir(), 'ccndr-nats-cluster-'));
    for (const name of ['nats-1', 'nats-2', 'nats-3']) nodes.push({ name, client: await freePort(), route: await freePort() });
    // The infra files side by side (NATS includes relative paths only), the routes pointed at local ports.
    copyFileSync(join(infra, 'nats-server.conf'), join(dir, 'nats-server.conf'));
    const cluster = readFileSync(join(infra, 'nats-cluster.conf'), 'utf8')
      .replace(/nats-route:\/\/(nats-\d):6222/g, (_, name) => `nats-route://127.0.0.1:${nodes.find((n) => n.name === name)!.route}`);
    for (const node of nodes) {
      const file = join(dir, `${node.name}.conf`);
      writeFileSync(file, cluster.replace('listen: 0.0.0.0:6222', `listen: 127.0.0.1:${node.route}`));
      node.process = spawn(binary, ['-c', file, '-a', '127.0.0.1', '-p', String(node.client), '-m', '0', '-sd', join(dir, node.name)], {
        env: { ...process.env, NATS_SERVER_NAME: node.name, NATS_COMMUNITY_PASSWORD: 'community-pw', NATS_ASSESSMENTS_PASSWORD: 'a', NATS_PROVIDER_MATCHING_PASSWORD: 'p', NATS_EVALUATION_PASSWORD: 'e', NATS_SUBSCRIBER_EXAMPLE_PASSWORD: 's', NATS_OPERATOR_PASSWORD: 'o', NATS_SYSTEM_PASSWORD: 'system-pw' },
        stdio: 'ignore',
      });
    }
    await waitUntil('the three nodes to accept connections', async () => {
      nc = await connect({ servers: nodes.map((n) => `nats://127.0.0.1:${n.client}`), user: 'community', pass: 'community-pw', inboxPrefix: natsInboxPrefix('community'), reconnectTimeWait: 100 });
      return true;
    }, 10_000);
    // JetStream answers once the cluster has elected its meta leader.
    await waitUntil('the JetStream cluster to elect a leader', async () => Boolean(await (await jetstreamManager(nc!)).getAccountInfo().catch(() => undefined)), 30_000, 200);
  });
  afterAll(async () => {
    await nc?.close().catch(() => undefined);
    for (const node of nodes) node.process?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the platform’s streams with three copies, and takes events with one node down', async () => {
    const jsm = await jetstreamManager(nc!);
    const topology = eventBusTopology();
    await waitUntil('the streams to be created on the cluster', () => ensureStreams(jsm, topology, 3).then(() => true, () => false), 30_000, 500);
    const info = await jsm.streams.info(topology.eventsStream);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas?.length).toBe(2);

    const js = jetstream(nc!);
    await js.publish('ccndr.community.consortium.created.v1.0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10', '{}', { msgID: 'first' });
    // Lose the stream's leader: the two others elect a new one and keep storing.
    const leader = nodes.find((n) => n.name === info.cluster?.leader)!;
    leader.process!.kill();
    await waitUntil(
      'a publish to be stored with the leader down',
      () => js.publish('ccndr.community.consortium.created.v1.0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10', '{}', { msgID: 'second', timeout: 2000 }).then(() => true, () => false),
      30_000,
      200,
    );
    // The client may be reconnecting from the lost node meanwhile: asked again until it answers.
    await expectEventually(
      async () => {
        const after = await jsm.streams.info(topology.eventsStream);
        expect(after.state.messages).toBe(2);
        expect(after.cluster?.leader).not.toBe(leader.name);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });
});
