import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, JetStreamClient } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventSubject, readFixtures } from '@ccndr/contracts';
import { TestSystem } from '@ccndr/testing';
import { report, seriesOf } from './harness';

const commands = Number(process.env.BENCH_COMMANDS ?? 50_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const window = 256;

/**
 * Outbox relay: `commands` events committed to community's outbox while it is stopped; then the
 * time the relay takes to publish them all with acknowledgements, from the first message's
 * arrival in the stream to the last's. Baseline: the same payloads published raw, `window` in flight.
 */
export async function outboxRelayBenchmark(): Promise<void> {
  const system = await TestSystem.start({ services: ['community'] });
  const nc = await connect({ servers: system.natsUrl });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const rawStream = `${system.topology.eventsStream}_RAW`;
  const rawSubject = `${system.namespace}.bench-raw`;
  await jsm.streams.add({ name: rawStream, subjects: [`${rawSubject}.>`] });
  try {
    await stopCommunity(system);
    const fixture = readFixtures().find((f) => f.type === 'ccndr.community.gathering.attendance-recorded.v1')!.envelope as Record<string, unknown>;
    const consortiumId = randomUUID();
    const raw: number[] = [];
    const relay: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const payloads = Array.from({ length: commands }, () => ({ ...fixture, id: randomUUID(), consortiumid: consortiumId }));

      await jsm.streams.purge(rawStream);
      const started = process.hrtime.bigint();
      await publishWindowed(js, payloads.map((p) => ({ subject: `${rawSubject}.${p.id}`, id: p.id as string, body: JSON.stringify(p) })));
      raw.push(Number(process.hrtime.bigint() - started) / 1e6);

      await jsm.streams.purge(system.topology.eventsStream);
      const subject = eventSubject(fixture.type as string, consortiumId, system.namespace);
      await system.sql(
        `INSERT INTO community.outbox (event_id, subject, payload) SELECT (p->>'id')::uuid, $1, p::text FROM jsonb_array_elements($2::jsonb) p`,
        [subject, JSON.stringify(payloads)],
      );
      await system.startService('community');
      await drained(system);
      const stream = await jsm.streams.info(system.topology.eventsStream);
      if (stream.state.messages !== commands) throw new Error(`${stream.state.messages} of ${commands} events in the stream`);
      relay.push(Date.parse(stream.state.last_ts) - Date.parse(stream.state.first_ts));
      await stopCommunity(system);
      process.stdout.write(`  round ${round + 1}: raw ${raw[round].toFixed(0)} ms, relay ${relay[round].toFixed(0)} ms\n`);
    }
    report({
      name: 'outbox-relay',
      description: `the relay publishes ${commands} committed events`,
      setup: { commands, rounds, window },
      baseline: seriesOf(`raw publish of ${commands} events, ${window} in flight`, raw),
      product: seriesOf('outbox relay (take a batch out, publish, commit)', relay),
    });
  } finally {
    await jsm.streams.delete(rawStream).catch(() => undefined);
    await nc.close();
    await system.stop();
  }
}

async function publishWindowed(js: JetStreamClient, messages: { subject: string; id: string; body: string }[]): Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  for (const message of messages) {
    const publish = js.publish(message.subject, message.body, { msgID: message.id });
    inFlight.add(publish);
    void publish.finally(() => inFlight.delete(publish));
    if (inFlight.size >= window) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

async function stopCommunity(system: TestSystem): Promise<void> {
  await system.service('community').stop();
  system.services.delete('community');
}

async function drained(system: TestSystem): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while ((await system.sql(`SELECT count(*)::int AS n FROM community.outbox`))[0].n > 0) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain in ten minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
