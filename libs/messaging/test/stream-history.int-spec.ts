import { randomBytes, randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstream, JetStreamClient, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, NatsConnection } from '@nats-io/transport-node';
import { consortiumEventsSubject, eventSubject } from '@ccndr/contracts';
import { ensureDurableConsumer, ensureStreams, eventBusTopology, natsInboxPrefix, purgeConsortiumEvents, readSnapshotFile, recreateEventsStream, replayDurableConsumer, restoreStream, snapshotFile, snapshotStream, streamHistoryGap } from '../src';

/**
 * Against a real JetStream: durable consumers moved back to a time or a sequence (replay after a
 * PostgreSQL restore), and whether the events stream still starts at its first event (a rebuild's
 * precondition) when consortia were purged, its head was lost, or it was recreated; a snapshot of
 * the stream restored as it was.
 */
describe('stream history: replay by time, and a stream that lost its head', () => {
  const topology = eventBusTopology(`h${randomBytes(4).toString('hex')}`);
  const [a, b] = [randomUUID(), randomUUID()];
  const subject = (id: string) => eventSubject('ccndr.community.consortium.opened.v1', id, topology.namespace);
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let js: JetStreamClient;

  beforeAll(async () => {
    nc = await connect({ servers: process.env.TEST_NATS_URL });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
  });
  beforeEach(() => ensureStreams(jsm, topology, 1, { eventsMaxBytes: 1024 ** 2, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 }));
  afterEach(async () => {
    for (const stream of [topology.eventsStream, topology.deadLetterStream]) await jsm.streams.delete(stream).catch(() => undefined);
  });
  afterAll(() => nc?.close());

  /** Publishes one event per consortium given, in order; returns their stream sequences. */
  const publish = async (...consortia: string[]) => {
    const sequences: number[] = [];
    for (const id of consortia) sequences.push((await js.publish(subject(id), '{}')).seq);
    return sequences;
  };

  /** Everything the durable delivers now, acknowledged: the stream sequences. */
  async function drain(durable: string): Promise<number[]> {
    const consumer = await js.consumers.get(topology.eventsStream, durable);
    const sequences: number[] = [];
    while ((await consumer.info()).num_pending > 0) {
      for await (const msg of await consumer.fetch({ max_messages: 100, expires: 1000 })) {
        sequences.push(msg.seq);
        msg.ack();
      }
    }
    return sequences;
  }

  it('moves a durable consumer back to a time or a sequence, keeping the rest of its configuration', async () => {
    const spec = { durable: 'projector', filterSubject: topology.eventsSubjects };
    await ensureDurableConsumer(jsm, topology.eventsStream, spec);
    await publish(a, a);
    // The stream's clock, not ours: the time the third event is stored at.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [third] = await publish(b);
    const since = new Date((await jsm.streams.getMessage(topology.eventsStream, { seq: third }))!.time);
    await publish(b, a);
    expect(await drain(spec.durable)).toEqual([1, 2, 3, 4, 5]);

    expect(await replayDurableConsumer(jsm, topology.eventsStream, spec.durable, { since })).toEqual({ acknowledgedTo: 5 });
    const moved = await jsm.consumers.info(topology.eventsStream, spec.durable);
    expect(moved.config).toMatchObject({ durable_name: 'projector', deliver_policy: DeliverPolicy.StartTime, filter_subject: topology.eventsSubjects, ack_policy: AckPolicy.Explicit, ack_wait: nanos(10_000), max_ack_pending: 1000 });
    expect(await drain(spec.durable)).toEqual([3, 4, 5]);

    await replayDurableConsumer(jsm, topology.eventsStream, spec.durable, { sequence: 2 });
    expect((await jsm.consumers.info(topology.eventsStream, spec.durable)).config).toMatchObject({ deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: 2 });
    expect(await drain(spec.durable)).toEqual([2, 3, 4, 5]);
    // Later events come as usual.
    await publish(a);
    expect(await drain(spec.durable)).toEqual([6]);
  });

  it('counts a head erased with deleted consortia, and events deleted inside the stream, as no gap', async () => {
    await publish(a, a, b, a, b);
    expect(await streamHistoryGap(jsm, topology)).toBeNull();
    // The first two events were consortium a's: the stream now starts at 3, by design.
    expect(await purgeConsortiumEvents(jsm, topology, consortiumEventsSubject(a, topology.namespace))).toBe(3);
    expect((await jsm.streams.info(topology.eventsStream)).state).toMatchObject({ first_seq: 3, messages: 2 });
    expect(await streamHistoryGap(jsm, topology)).toBeNull();
    // A restarted service reconciling the stream keeps the record.
    await ensureStreams(jsm, topology, 1, { eventsMaxBytes: 2 * 1024 ** 2, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 });
    expect(await streamHistoryGap(jsm, topology)).toBeNull();
    // Erasing b (now the head too) moves the recorded start on.
    await publish(a);
    await purgeConsortiumEvents(jsm, topology, consortiumEventsSubject(b, topology.namespace));
    expect((await jsm.streams.info(topology.eventsStream)).state.first_seq).toBe(6);
    expect(await streamHistoryGap(jsm, topology)).toBeNull();
  });

  it('finds a gap when the head is gone otherwise (limits, a whole purge), and a purge then records nothing', async () => {
    await publish(a, b, a, b);
    await jsm.streams.purge(topology.eventsStream, { seq: 3 });
    expect(await streamHistoryGap(jsm, topology)).toEqual({ kind: 'head-lost', firstSequence: 3 });
    // Erasing a consortium does not make a truncated stream whole.
    await purgeConsortiumEvents(jsm, topology, consortiumEventsSubject(a, topology.namespace));
    expect(await streamHistoryGap(jsm, topology)).toEqual({ kind: 'head-lost', firstSequence: 4 });
  });

  it('finds a gap in a stream recreated by an operator, although it starts at sequence 1', async () => {
    await jsm.streams.delete(topology.eventsStream);
    await recreateEventsStream(jsm, topology, { eventsMaxBytes: 1024 ** 2, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 });
    await publish(a);
    expect(await streamHistoryGap(jsm, topology)).toEqual({ kind: 'recreated', description: expect.stringContaining('recreated empty by an operator') });
  });

  it('restores a snapshot as the stream was: its events with their sequences and times, its consumers where they were', async () => {
    const spec = { durable: 'projector', filterSubject: topology.eventsSubjects };
    await ensureDurableConsumer(jsm, topology.eventsStream, spec);
    await publish(a, b, a);
    expect(await drain(spec.durable)).toEqual([1, 2, 3]);
    const backedUp = readSnapshotFile(snapshotFile(await snapshotStream(nc, topology.eventsStream, natsInboxPrefix('operator'))));
    const times = async () => Promise.all([1, 2, 3].map(async (seq) => (await jsm.streams.getMessage(topology.eventsStream, { seq }))!.time.toISOString()));
    const before = await times();
    await publish(b, b);

    await jsm.streams.delete(topology.eventsStream);
    expect(await restoreStream(nc, backedUp)).toMatchObject({ messages: 3, first_seq: 1, last_seq: 3 });
    expect(await times()).toEqual(before);
    expect((await jsm.consumers.info(topology.eventsStream, spec.durable)).ack_floor.stream_seq).toBe(3);
    // The stream goes on from where the snapshot was taken.
    expect(await publish(a)).toEqual([4]);
    expect(await drain(spec.durable)).toEqual([4]);
  });
});
