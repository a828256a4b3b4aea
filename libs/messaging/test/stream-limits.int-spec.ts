import { randomBytes } from 'node:crypto';
import { DiscardPolicy, jetstream, jetstreamManager, JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, nanos, NatsConnection } from '@nats-io/transport-node';
import { ensureStreams, eventBusTopology } from '../src';

const dayNanos = nanos(24 * 60 * 60 * 1000);

/** The streams' limits against a real JetStream: created with them, an existing stream brought in line at start. */
describe('ensureStreams limits', () => {
  const topology = eventBusTopology(`l${randomBytes(4).toString('hex')}`);
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connect({ servers: process.env.TEST_NATS_URL });
    jsm = await jetstreamManager(nc);
  });

  afterEach(async () => {
    for (const stream of [topology.eventsStream, topology.deadLetterStream]) await jsm.streams.delete(stream).catch(() => undefined);
  });

  afterAll(async () => {
    await nc?.close();
  });

  /** The streams as an earlier release created them: no limits, oldest dropped, plus a setting of the operator's own. */
  async function createWithOldLimits(): Promise<void> {
    for (const [name, subject] of [[topology.eventsStream, topology.eventsSubjects], [topology.deadLetterStream, topology.deadLetterSubjects]]) {
      await jsm.streams.add({ name, subjects: [subject], retention: RetentionPolicy.Limits, storage: StorageType.File, discard: DiscardPolicy.Old, max_age: 0, max_bytes: -1, max_msg_size: 65536 });
    }
  }

  it('creates the events stream with its byte limit refusing publishes (discard new) and the dead letters with their age limit', async () => {
    await ensureStreams(jsm, topology, 1, { eventsMaxBytes: 4096, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 });
    const events = (await jsm.streams.info(topology.eventsStream)).config;
    expect(events).toMatchObject({ max_bytes: 4096, max_age: 0, discard: DiscardPolicy.New });
    expect((await jsm.streams.info(topology.deadLetterStream)).config).toMatchObject({ max_age: 30 * dayNanos, discard: DiscardPolicy.Old });

    // At the limit the publish is refused and the first events are all still there.
    const js = jetstream(nc);
    const subject = topology.eventsSubjects.replace('>', 'test.v1');
    let accepted = 0;
    let refused: unknown;
    while (!refused && accepted < 100) await js.publish(subject, 'x'.repeat(500)).then(() => accepted++, (error: unknown) => (refused = error));
    expect(String(refused)).toMatch(/maximum bytes exceeded/i);
    expect((await jsm.streams.info(topology.eventsStream)).state).toMatchObject({ messages: accepted, first_seq: 1 });
  });

  it('brings an existing stream’s limits in line with the configuration and leaves its other settings alone', async () => {
    await createWithOldLimits();
    const changes = await ensureStreams(jsm, topology, 1, { eventsMaxBytes: 10 * 1024 ** 2, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 });

    expect((await jsm.streams.info(topology.eventsStream)).config).toMatchObject({ max_bytes: 10 * 1024 ** 2, max_age: 0, discard: DiscardPolicy.New, max_msg_size: 65536 });
    expect((await jsm.streams.info(topology.deadLetterStream)).config).toMatchObject({ max_bytes: -1, max_age: 30 * dayNanos, max_msg_size: 65536 });
    expect(changes).toEqual([
      { stream: topology.eventsStream, changed: ['max_bytes', 'discard'] },
      { stream: topology.deadLetterStream, changed: ['max_age'] },
    ]);
    // A second start finds nothing to change.
    expect(await ensureStreams(jsm, topology, 1, { eventsMaxBytes: 10 * 1024 ** 2, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 })).toEqual([]);
  });

  it('keeps the byte limit of a stream already holding more than the configured one, saying so, and drops no event', async () => {
    await createWithOldLimits();
    const js = jetstream(nc);
    for (let i = 0; i < 10; i++) await js.publish(topology.eventsSubjects.replace('>', 'test.v1'), 'x'.repeat(500));

    const changes = await ensureStreams(jsm, topology, 1, { eventsMaxBytes: 1024, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 });

    const events = await jsm.streams.info(topology.eventsStream);
    expect(events.config).toMatchObject({ max_bytes: -1, discard: DiscardPolicy.New });
    expect(events.state.messages).toBe(10);
    expect(changes[0]).toMatchObject({ stream: topology.eventsStream, changed: ['discard'], kept: expect.stringMatching(/max_bytes -1 kept: the stream holds \d+ bytes, more than the configured 1024/) });
  });
});
