import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, NatsConnection } from '@nats-io/transport-node';
import { parse } from 'yaml';
import { readFixtures } from '@ccndr/contracts';
import { subscribe } from '@ccndr/example-subscriber';
import { NatsServerProcess } from '@ccndr/local-stack';
import {
  ConsortiumEventsPurge,
  ConsumerStatistics,
  DeadLetterStore,
  deadLetterHeaders,
  DurableConsumerSpec,
  ensureConsumerGroup,
  ensureDurableConsumer,
  ensureStreams,
  EventApplier,
  eventBusTopology,
  natsInboxPrefix,
  partitionedConsumers,
  StreamReplayer,
} from '@ccndr/messaging';
import { expectEventually } from '@ccndr/testing';
import { runCommand } from './support/command';

const root = join(__dirname, '..');
const shippedConf = join(root, 'infra', 'nats', 'nats-server.conf');
const passwords = {
  NATS_SERVER_NAME: 'permissions-check',
  NATS_COMMUNITY_PASSWORD: 'community-pw',
  NATS_ASSESSMENTS_PASSWORD: 'assessments-pw',
  NATS_PROVIDER_MATCHING_PASSWORD: 'provider-matching-pw',
  NATS_EVALUATION_PASSWORD: 'evaluation-pw',
  NATS_SUBSCRIBER_EXAMPLE_PASSWORD: 'subscriber-pw',
  NATS_OPERATOR_PASSWORD: 'operator-pw',
  NATS_SYSTEM_PASSWORD: 'system-pw',
};
const passwordOf = (user: string) => passwords[`NATS_${user.replace(/-/g, '_').toUpperCase()}_PASSWORD` as keyof typeof passwords];
const topology = eventBusTopology('');
const stream = topology.eventsStream;
/** The durable consumers each service declares in services/<name>/src/<name>.service-spec.ts. */
const durables: Record<string, DurableConsumerSpec[]> = {
  community: [
    { durable: 'community-notifications', filterSubject: 'ccndr.community.>' },
    { durable: 'community-engagement-notifications', filterSubject: 'ccndr.provider-matching.>' },
    { durable: 'community-journey-notifications', filterSubject: 'ccndr.assessments.>' },
  ],
  assessments: [{ durable: 'assessments', filterSubject: 'ccndr.community.>' }],
  'provider-matching': [
    { durable: 'provider-matching', filterSubject: 'ccndr.community.>' },
    { durable: 'provider-matching-readiness', filterSubject: 'ccndr.assessments.>' },
  ],
  evaluation: [{ durable: 'evaluation', filterSubject: 'ccndr.>' }],
};
const consortiumId = '0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10';
const otherConsortium = '5d0e2c52-0f5a-4a8e-9a55-6c1d6a3f2b90';
/** The consortium of the subjects probed with bodies that are not events. */
const probed = '9a3e51f0-7c2d-4b6e-8f14-3d2c1b0a9e87';
const createdEnvelope = readFixtures().find((f) => f.type === 'ccndr.community.consortium.created.v1')!.envelope as Record<string, unknown>;

/** A server on its own port and folder, stopped with the test file. */
async function startServer(config: string, env: Record<string, string> = passwords): Promise<{ server: NatsServerProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccndr-nats-conf-'));
  return { server: await NatsServerProcess.start(dataDir, undefined, { config, env }), dataDir };
}

/**
 * infra/nats/nats-server.conf, run for real: services publish only their own events and use only
 * their own consumers; an outside subscriber reads through its own consumers and nothing else.
 */
describe('the NATS account layout in infra/', () => {
  let server: NatsServerProcess;
  let dataDir: string;
  const open: NatsConnection[] = [];

  /** Signs in as a user of the configuration, on its own inbox prefix as the platform's code does. */
  async function as(user: string, pass = passwordOf(user)): Promise<NatsConnection> {
    const nc = await connect({ servers: server.url, user, pass, inboxPrefix: natsInboxPrefix(user), reconnect: false });
    open.push(nc);
    return nc;
  }

  beforeAll(async () => {
    ({ server, dataDir } = await startServer(shippedConf));
    // The streams and durable consumers as the services create them at start, each with its own user.
    await ensureStreams(await jetstreamManager(await as('community')), topology);
    for (const [service, specs] of Object.entries(durables)) {
      const jsm = await jetstreamManager(await as(service));
      await ensureStreams(jsm, topology);
      for (const spec of specs) await ensureDurableConsumer(jsm, stream, spec);
    }
    const js = jetstream(await as('community'));
    for (const id of [consortiumId, otherConsortium]) await js.publish(`ccndr.community.consortium.created.v1.${id}`, JSON.stringify({ ...createdEnvelope, consortiumid: id }));
  });
  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Publishes and flushes; resolves with the permission error the server sends back, if any. */
  async function tryPublish(user: string, subject: string, payload = 'probe'): Promise<string | undefined> {
    const nc = await connect({ servers: server.url, user, pass: passwordOf(user), inboxPrefix: natsInboxPrefix(user), reconnect: false });
    let denied: string | undefined;
    const watching = (async () => {
      for await (const status of nc.status()) if (status.type === 'error') denied = String(status.error);
    })();
    nc.publish(subject, payload);
    // The server answers a denied publish with -ERR before the PONG of this flush.
    await nc.flush();
    await nc.close();
    await watching.catch(() => undefined);
    return denied;
  }

  /** Subscribes and flushes; resolves with the permission error, if any. */
  async function trySubscribe(user: string, subject: string): Promise<string | undefined> {
    const nc = await connect({ servers: server.url, user, pass: passwordOf(user), inboxPrefix: natsInboxPrefix(user), reconnect: false });
    let denied: string | undefined;
    const watching = (async () => {
      for await (const status of nc.status()) if (status.type === 'error') denied = String(status.error);
    })();
    nc.subscribe(subject);
    await nc.flush();
    await nc.close();
    await watching.catch(() => undefined);
    return denied;
  }

  /** A JetStream API request as `user`: its answer, or `denied` when the server refuses the publish. */
  async function api(user: string, subject: string, body: unknown = {}): Promise<any> {
    const nc = await as(user);
    try {
      const answer = await nc.request(subject, JSON.stringify(body), { timeout: 5000 });
      return JSON.parse(answer.string());
    } catch (error) {
      if (/permission/i.test(String(error)) || /permission/i.test(String((error as Error).cause))) return 'denied';
      throw error;
    }
  }

  async function evaluationConsumer() {
    return (await jetstreamManager(await as('evaluation'))).consumers.info(stream, 'evaluation');
  }

  it('lets a service publish its own context’s events only', async () => {
    expect(await tryPublish('community', `ccndr.community.member.joined.v1.${probed}`)).toBeUndefined();
    expect(await tryPublish('community', `ccndr.evaluation.indicator.changed.v1.${probed}`)).toMatch(/permission/i);
  });

  it('lets each durable consumer of each service send its dead letters, and no other service send them', async () => {
    for (const [service, specs] of Object.entries(durables)) {
      for (const { durable } of specs) {
        expect({ durable, denied: await tryPublish(service, `ccndr-dead-letter.${durable}`) }).toEqual({ durable, denied: undefined });
        const other = service === 'evaluation' ? 'assessments' : 'evaluation';
        expect(await tryPublish(other, `ccndr-dead-letter.${durable}`)).toMatch(/permission/i);
      }
    }
  });

  it('keeps an outside subscriber read-only', async () => {
    expect(await tryPublish('subscriber-example', `ccndr.community.member.joined.v1.${probed}`)).toMatch(/permission/i);
    for (const subject of [`$JS.API.STREAM.DELETE.${stream}`, `$JS.API.STREAM.PURGE.${stream}`, `$JS.API.STREAM.UPDATE.${stream}`, `$JS.API.STREAM.MSG.DELETE.${stream}`]) {
      expect({ subject, answer: await api('subscriber-example', subject, { name: stream }) }).toEqual({ subject, answer: 'denied' });
    }
  });

  it('refuses a subscriber the evaluation consumer: pulling from it, acking its deliveries, updating and deleting it', async () => {
    const before = await evaluationConsumer();
    expect(before.num_pending).toBeGreaterThan(0);
    // A delivery of evaluation's, in hand and not yet acknowledged, with its real ack subject.
    const delivery = (await (await jetstream(await as('evaluation')).consumers.get(stream, 'evaluation')).next({ expires: 2000 }))!;
    expect(delivery.subject).toMatch(/^ccndr\./);
    // The ack subject the server gave with it ($JS.ACK.<stream>.evaluation.…).
    const ackSubject = (delivery as unknown as { reply: string }).reply;
    expect(ackSubject).toMatch(/^\$JS\.ACK\.CCNDR_EVENTS\.evaluation\./);

    expect(await api('subscriber-example', `$JS.API.CONSUMER.MSG.NEXT.${stream}.evaluation`, { batch: 10, no_wait: true })).toBe('denied');
    expect(await tryPublish('subscriber-example', ackSubject, '+ACK')).toMatch(/permission/i);
    expect(await tryPublish('subscriber-example', ackSubject, '+TERM')).toMatch(/permission/i);
    const update = { max_ack_pending: 1, description: 'changed by a subscriber', ack_policy: AckPolicy.Explicit, filter_subject: 'ccndr.>', deliver_policy: 'all' };
    expect(await api('subscriber-example', `$JS.API.CONSUMER.CREATE.${stream}.evaluation`, { stream_name: stream, action: 'update', config: { ...update, name: 'evaluation', durable_name: 'evaluation' } })).toBe('denied');
    expect(await api('subscriber-example', `$JS.API.CONSUMER.CREATE.${stream}.evaluation.ccndr.>`, { stream_name: stream, action: 'update', config: { ...update, name: 'evaluation', durable_name: 'evaluation' } })).toBe('denied');
    expect(await api('subscriber-example', `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.evaluation`, { stream_name: stream, config: { ...update, durable_name: 'evaluation' } })).toBe('denied');
    // On 2.9 the subject without a name creates or changes the consumer the request names.
    expect(await api('subscriber-example', `$JS.API.CONSUMER.CREATE.${stream}`, { stream_name: stream, config: { ...update, name: 'evaluation' } })).toBe('denied');
    // Nor through its own name: the server holds the request to the name in the subject.
    expect(await api('subscriber-example', `$JS.API.CONSUMER.CREATE.${stream}.example`, { stream_name: stream, config: { ...update, name: 'evaluation', durable_name: 'evaluation' } })).toMatchObject({ error: { err_code: 10017 } });
    expect(await api('subscriber-example', `$JS.API.CONSUMER.DELETE.${stream}.evaluation`)).toBe('denied');
    expect(await api('subscriber-example', `$JS.API.CONSUMER.INFO.${stream}.evaluation`)).toBe('denied');

    const after = await evaluationConsumer();
    expect({ description: after.config.description, maxAckPending: after.config.max_ack_pending, pending: after.num_pending, unacknowledged: after.num_ack_pending }).toEqual({
      description: before.config.description,
      maxAckPending: 1000,
      pending: before.num_pending - 1,
      unacknowledged: before.num_ack_pending + 1,
    });
    delivery.nak();
  });

  it('refuses a subscriber a consumer under another programme’s name, and any inbox but its own', async () => {
    const config = { durable_name: 'partner', ack_policy: AckPolicy.Explicit, filter_subject: 'ccndr.>', deliver_policy: 'all' };
    expect(await api('subscriber-example', `$JS.API.CONSUMER.CREATE.${stream}.partner`, { stream_name: stream, config: { ...config, name: 'partner' } })).toBe('denied');
    expect(await api('subscriber-example', `$JS.API.CONSUMER.CREATE.${stream}.partner.ccndr.>`, { stream_name: stream, config: { ...config, name: 'partner' } })).toBe('denied');
    expect(await api('subscriber-example', `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.partner`, { stream_name: stream, config })).toBe('denied');
    for (const inbox of ['_INBOX.>', '_INBOX_evaluation.>', '>', '_INBOX_subscriber-partner.>']) {
      expect({ inbox, denied: await trySubscribe('subscriber-example', inbox) }).toEqual({ inbox, denied: expect.stringMatching(/permission/i) });
    }
    for (const inbox of ['_INBOX.>', '_INBOX_subscriber-example.>']) {
      expect({ inbox, denied: await trySubscribe('evaluation', inbox) }).toEqual({ inbox, denied: expect.stringMatching(/permission/i) });
    }
  });

  it('lets the example subscriber read its own durable consumer, resume it and acknowledge what it handled', async () => {
    const received: string[] = [];
    const options = { servers: server.url, user: 'subscriber-example', pass: 'subscriber-pw', consumer: 'example', filter: `ccndr.*.*.*.*.${consortiumId}` };
    const first = await subscribe(options, (event) => void received.push(`${event.type} ${event.consortiumid}`));
    try {
      await expectEventually(() => expect(received).toEqual([`ccndr.community.consortium.created.v1 ${consortiumId}`]));
    } finally {
      await first.stop();
    }
    await jetstream(await as('community')).publish(`ccndr.community.organization.joined.v1.${consortiumId}`, JSON.stringify({ ...createdEnvelope, type: 'ccndr.community.organization.joined.v1', id: 'c7d5c6b8-3e1e-4f38-9d1c-0b5e8f0c9a11', consortiumid: consortiumId }));
    const resumed = await subscribe(options, (event) => void received.push(`${event.type} ${event.consortiumid}`));
    try {
      await expectEventually(() => expect(received.slice(1)).toEqual([`ccndr.community.organization.joined.v1 ${consortiumId}`]));
      // Both acknowledged, as the subscriber reads its own consumer's state.
      const jsm = await jetstreamManager(await as('subscriber-example'));
      await expectEventually(async () => {
        const info = await jsm.consumers.info(stream, 'example');
        expect({ pending: info.num_pending, unacknowledged: info.num_ack_pending, acknowledged: info.ack_floor.consumer_seq }).toEqual({ pending: 0, unacknowledged: 0, acknowledged: 2 });
      });
    } finally {
      await resumed.stop();
    }
  });

  it('refuses every service deleting the streams or another’s consumer, and all but community purging the events stream', async () => {
    for (const service of ['community', ...Object.keys(durables)]) {
      for (const target of [stream, topology.deadLetterStream]) expect({ service, target, answer: await api(service, `$JS.API.STREAM.DELETE.${target}`) }).toEqual({ service, target, answer: 'denied' });
      expect({ service, answer: await api(service, `$JS.API.CONSUMER.DELETE.${stream}.example`) }).toEqual({ service, answer: 'denied' });
      if (service !== 'community') expect({ service, answer: await api(service, `$JS.API.STREAM.PURGE.${stream}`, { filter: 'ccndr.>' }) }).toEqual({ service, answer: 'denied' });
    }
    expect(await api('community', `$JS.API.CONSUMER.DELETE.${stream}.evaluation`)).toBe('denied');
    expect(await api('assessments', `$JS.API.CONSUMER.MSG.NEXT.${stream}.evaluation`, { batch: 1, no_wait: true })).toBe('denied');
    expect(await api('assessments', `$JS.API.CONSUMER.CREATE.${stream}.evaluation`, { stream_name: stream, config: { name: 'evaluation', durable_name: 'evaluation', ack_policy: 'explicit', max_ack_pending: 1 } })).toBe('denied');
    expect((await evaluationConsumer()).config.max_ack_pending).toBe(1000);
  });

  it('lets a service replay its consumer, list and remove its dead letters, and community alone purge a consortium’s events, each with its own user', async () => {
    /** The service's replayer, dead-letter store and consortium purge, as PlatformModule wires them, on its own NATS user. */
    const partsOf = async (service: string) => {
      const js = jetstream(await as(service));
      const consumers = durables[service] ?? [];
      const applier = new EventApplier(undefined as never, topology);
      const deadLetters = new DeadLetterStore({ js, topology, consumers, applier, statistics: new ConsumerStatistics(js, topology, consumers), log: () => undefined });
      return { replayer: new StreamReplayer(js, topology, applier), deadLetters, purge: new ConsortiumEventsPurge(js, topology, deadLetters, service === 'community') };
    };
    const evaluation = await partsOf('evaluation');
    // No handlers: the replay reads every event of the filter (and applies none) through its own consumer.
    const { lastSequence } = await evaluation.replayer.replay(durables.evaluation[0], 'unused');
    const jsm = await jetstreamManager(await as('evaluation'));
    expect(lastSequence).toBe((await jsm.streams.info(stream)).state.last_seq);

    const h = headers();
    h.set(deadLetterHeaders.consumer, 'evaluation');
    h.set(deadLetterHeaders.reason, 'refused');
    for (const id of [consortiumId, otherConsortium]) {
      await jetstream(await as('evaluation')).publish(topology.deadLetterSubject('evaluation'), JSON.stringify({ ...createdEnvelope, consortiumid: id }), { headers: h });
    }
    // Besides the probes of the dead-letter test, which are not JSON.
    const eventsOf = async () => (await evaluation.deadLetters.list()).flatMap((letter) => (typeof letter.event === 'object' ? [(letter.event as { consortiumid: string }).consortiumid] : []));
    expect(await eventsOf()).toEqual([consortiumId, otherConsortium]);

    expect(await evaluation.purge.purge(consortiumId)).toEqual({ events: 0, deadLetters: 1 });
    const community = await partsOf('community');
    expect((await community.purge.purge(consortiumId)).events).toBeGreaterThan(0);
    const eventCount = async (id: string) => Object.values((await jsm.streams.info(stream, { subjects_filter: `ccndr.*.*.*.*.${id}` })).state.subjects ?? {}).reduce((a, b) => a + b, 0);
    expect(await eventCount(consortiumId)).toBe(0);
    expect(await eventCount(otherConsortium)).toBe(1);
    expect(await eventsOf()).toEqual([otherConsortium]);
  });

  it('lets the operator back up and restore the events stream and move the services’ consumers back, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccndr-operator-nats-'));
    const operator = (...args: string[]) =>
      runCommand('npm', ['run', '--silent', 'operator', '--', ...args], { env: { ...process.env, NATS_URL: server.url, NATS_USER: 'operator', NATS_PASSWORD: passwordOf('operator') } });
    const jsm = await jetstreamManager(await as('operator'));
    try {
      const snapshot = join(dir, 'events.snapshot');
      const before = (await jsm.streams.info(stream)).state;
      expect(await operator('stream', 'backup', '--out', snapshot)).toMatchObject({ code: 0, stderr: '' });
      const everyConsumer = Object.values(durables).flatMap((specs) => specs.flatMap((spec) => ['--consumer', spec.durable]));
      expect(await operator('consumers', 'replay', '--sequence', '1', ...everyConsumer)).toMatchObject({ code: 0, stderr: '' });
      expect((await evaluationConsumer()).config).toMatchObject({ deliver_policy: 'by_start_sequence', opt_start_seq: 1, max_ack_pending: 1000 });
      expect(await operator('stream', 'restore', snapshot, '--confirm', stream)).toMatchObject({ code: 0, stderr: '' });
      expect((await jsm.streams.info(stream)).state).toMatchObject({ messages: before.messages, first_seq: before.first_seq, last_seq: before.last_seq });
      expect((await evaluationConsumer()).config.deliver_policy).toBe('all');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await tryPublish('operator', `ccndr.community.member.joined.v1.${probed}`)).toMatch(/permission/i);
    expect(await api('operator', `$JS.API.STREAM.PURGE.${stream}`, { filter: 'ccndr.>' })).toBe('denied');
    expect(await api('operator', `$JS.API.STREAM.DELETE.${topology.deadLetterStream}`)).toBe('denied');
    expect(await api('operator', `$JS.API.CONSUMER.DELETE.${stream}.example`)).toBe('denied');
    expect(await api('operator', `$JS.API.CONSUMER.MSG.NEXT.${stream}.evaluation`, { batch: 1, no_wait: true })).toBe('denied');
    expect(await api('operator', `$JS.API.STREAM.MSG.GET.${stream}`, { seq: 1 })).toBe('denied');
  });

  it('lets evaluation change its partition count with its own user (the new consumers from where the old had got to), pull and ack each partition, and the operator move them back', async () => {
    const jsm = await jetstreamManager(await as('evaluation'));
    const before = await evaluationConsumer();
    // 1 → 3 partitions: evaluation-0…2 start at the old consumer's acknowledgement floor; `evaluation` is deleted.
    const three = partitionedConsumers('evaluation', 'ccndr.>', 3);
    expect(await ensureConsumerGroup(jsm, stream, three)).toEqual(['evaluation']);
    // An event past the old consumer's floor (earlier tests may have acknowledged all there was): every partition delivers it.
    expect(await tryPublish('community', `ccndr.community.member.joined.v1.${probed}`)).toBeUndefined();
    for (const spec of three) {
      const info = await jsm.consumers.info(stream, spec.durable);
      expect(info.config).toMatchObject({ description: `evaluation: partition ${spec.partition!.index} of 3`, deliver_policy: 'by_start_sequence', opt_start_seq: before.ack_floor.stream_seq + 1, max_ack_pending: 1000 });
      const delivery = await (await jetstream(await as('evaluation')).consumers.get(stream, spec.durable)).next({ expires: 2000 });
      expect(delivery).not.toBeNull();
      expect(await delivery!.ackAck()).toBe(true);
    }
    // Nothing to change the second time; the operator moves a partition back by its exact name.
    expect(await ensureConsumerGroup(jsm, stream, three)).toEqual([]);
    const operator = await runCommand('npm', ['run', '--silent', 'operator', '--', 'consumers', 'replay', '--sequence', '1', '--consumer', 'evaluation-2'], {
      env: { ...process.env, NATS_URL: server.url, NATS_USER: 'operator', NATS_PASSWORD: passwordOf('operator') },
    });
    expect(operator).toMatchObject({ code: 0, stderr: '' });
    expect((await jsm.consumers.info(stream, 'evaluation-2')).config).toMatchObject({ opt_start_seq: 1, description: 'evaluation: partition 2 of 3' });
    // Another service cannot pull from, or delete, a partition.
    expect(await api('assessments', `$JS.API.CONSUMER.MSG.NEXT.${stream}.evaluation-1`, { batch: 1, no_wait: true })).toBe('denied');
    expect(await api('community', `$JS.API.CONSUMER.DELETE.${stream}.evaluation-1`)).toBe('denied');
    // Back to one: `evaluation` again, from the partitions' lowest floor (evaluation-2's, moved back to 1).
    expect((await ensureConsumerGroup(jsm, stream, partitionedConsumers('evaluation', 'ccndr.>', 1))).sort()).toEqual(['evaluation-0', 'evaluation-1', 'evaluation-2']);
    expect((await evaluationConsumer()).config).toMatchObject({ deliver_policy: 'by_start_sequence', opt_start_seq: 1, max_ack_pending: 1000 });
  });

  it('refuses a wrong password', async () => {
    await expect(connect({ servers: server.url, user: 'community', pass: 'wrong', reconnect: false })).rejects.toThrow(/authorization/i);
  });
});

/** `npm run operator -- subscriber add`: what an operations team pastes to let a programme in. */
describe('adding a subscribing programme', () => {
  it('prints a user block, Helm values and a password that let the programme read its own consumer and nothing of another’s', async () => {
    const added = await runCommand('npm', ['run', '--silent', 'operator', '--', 'subscriber', 'add', 'partner', '--consumer', 'partner-live', '--consumer', 'partner-replay']);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const out = added.stdout;
    const block = out.slice(out.indexOf('      { user: subscriber-partner,'), out.indexOf('        } }') + '        } }'.length);
    const password = out.match(/^NATS_SUBSCRIBER_PARTNER_PASSWORD=(\S+)$/m)![1];
    // Starting with a letter: nats-server reads a substituted value that starts with a digit or a sign as a number.
    expect(password).toMatch(/^[a-z][0-9a-f]{64}$/);
    expect(out).toContain('named exactly partner-live, partner-replay');
    // The Helm entry holds the same subjects as the block.
    const helm = parse(out.slice(out.indexOf('          - user: subscriber-partner'), out.indexOf('#    and in container.env:')))[0];
    expect([...helm.permissions.publish, ...helm.permissions.subscribe]).toEqual([...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    expect(helm.password).toBe('<< $NATS_SUBSCRIBER_PARTNER_PASSWORD >>');

    const dir = mkdtempSync(join(tmpdir(), 'ccndr-nats-added-'));
    const conf = readFileSync(shippedConf, 'utf8');
    const exampleEnd = conf.indexOf('        } }', conf.indexOf('{ user: subscriber-example,')) + '        } }'.length;
    writeFileSync(join(dir, 'nats-server.conf'), `${conf.slice(0, exampleEnd)}\n${block}${conf.slice(exampleEnd)}`);
    const { server, dataDir } = await startServer(join(dir, 'nats-server.conf'), { ...passwords, NATS_SUBSCRIBER_PARTNER_PASSWORD: password });
    const connections: NatsConnection[] = [];
    try {
      const community = await connect({ servers: server.url, user: 'community', pass: 'community-pw', inboxPrefix: natsInboxPrefix('community') });
      connections.push(community);
      await ensureStreams(await jetstreamManager(community), topology);
      await jetstream(community).publish(`ccndr.community.consortium.created.v1.${consortiumId}`, JSON.stringify({ ...createdEnvelope, consortiumid: consortiumId }));
      const received: string[] = [];
      const subscription = await subscribe({ servers: server.url, user: 'subscriber-partner', pass: password, consumer: 'partner-live' }, (event) => void received.push(event.type));
      try {
        await expectEventually(() => expect(received).toEqual(['ccndr.community.consortium.created.v1']));
      } finally {
        await subscription.stop();
      }
      const partner = await connect({ servers: server.url, user: 'subscriber-partner', pass: password, inboxPrefix: '_INBOX_subscriber-partner' });
      connections.push(partner);
      const jsm = await jetstreamManager(partner);
      await expect(jsm.consumers.add(stream, { durable_name: 'example', ack_policy: AckPolicy.Explicit })).rejects.toThrow(/permission/i);
      await expect(jsm.consumers.add(stream, { durable_name: 'partner', ack_policy: AckPolicy.Explicit })).rejects.toThrow(/permission/i);
    } finally {
      for (const nc of connections) await nc.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a programme whose user or consumer name the configuration grants already', async () => {
    const taken = await runCommand('npm', ['run', '--silent', 'operator', '--', 'subscriber', 'add', 'example']);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('has a user subscriber-example already');
    const platform = await runCommand('npm', ['run', '--silent', 'operator', '--', 'subscriber', 'add', 'partner', '--consumer', 'evaluation']);
    expect(platform.code).not.toBe(0);
    expect(platform.stderr).toContain('consumer name evaluation is granted to another user');
  });
});
