import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { eventSubject, readFixtures } from '@ccndr/contracts';
import { ServiceProcess } from '@ccndr/local-stack';
import { adminToken, TestSystem } from '@ccndr/testing';
import { processCpuMs, report, seriesOf } from './harness';

const events = Number(process.env.BENCH_EVENTS ?? 200_000);
const consortia = 50;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** Evaluation processes started together for ingest (as replicas would): a list, each measured in turn. */
const replicaCounts = (process.env.BENCH_REPLICAS ?? '1').split(',').map(Number);
/** EVALUATION_PARTITIONS for ingest: a list, each measured with each replica count (1: the one shared consumer). */
const partitionCounts = (process.env.BENCH_PARTITIONS ?? '1').split(',').map(Number);
/** The evaluation service's durable consumers: the one shared, or one per partition. */
const durables = ['evaluation', ...Array.from({ length: 8 }, (_, k) => `evaluation-${k}`)];

/**
 * Evaluation ingest: a stream pre-filled with `events` domain events of every type across 50
 * consortia; the time until evaluation has applied them all through its live path (durable
 * consumer, dedupe, projections, indicators), from its first commit to its last. Baseline: a raw
 * pull consumer acknowledging the same messages. Then a full rebuild of the projections from the
 * same stream, against the same baseline.
 */
export async function evaluationIngestBenchmark(): Promise<void> {
  // Evaluation starts once to declare the stream and its consumer, then stops while the stream fills.
  const system = await TestSystem.start({ services: ['evaluation'] });
  try {
    await system.service('evaluation').stop();
    system.services.delete('evaluation');
    const published = await fill(system, events, Array.from({ length: consortia }, () => randomUUID()));
    const raw: number[] = [];
    const configurations = partitionCounts.flatMap((partitions) => replicaCounts.map((replicas) => ({ partitions, replicas, ms: [] as number[], cpuMs: [] as number[] })));
    const rebuild: number[] = [];
    for (let round = 0; round < rounds; round++) {
      raw.push(await rawConsume(system, published, round));
      for (const configuration of configurations) {
        const { ms, cpuMs } = await liveIngest(system, published, configuration.replicas, configuration.partitions);
        configuration.ms.push(ms);
        configuration.cpuMs.push(cpuMs);
        process.stdout.write(`  round ${round + 1}: ${configuration.replicas} replica(s), ${configuration.partitions} partition(s): ingest ${ms.toFixed(0)} ms, ${(published / (ms / 1000)).toFixed(0)} events/s, CPU ${((cpuMs * 1000) / published).toFixed(0)} µs/event\n`);
      }
      rebuild.push(await fullRebuild(system));
      process.stdout.write(`  round ${round + 1}: raw ${raw[round].toFixed(0)} ms, rebuild ${rebuild[round].toFixed(0)} ms\n`);
    }
    const baseline = seriesOf(`raw pull consume with ack of ${published} events`, raw);
    const [first] = configurations;
    const setup = { events: published, consortia, rounds, replicas: first.replicas, partitions: first.partitions };
    const processes = first.replicas > 1 || first.partitions > 1 ? `, ${first.replicas} processes, ${first.partitions} partitions` : '';
    const median = (values: number[]) => seriesOf('', values).median;
    // Per replica and partition count: the rate, and the CPU the evaluation processes spent per event (from /proc, all of them summed).
    const table = configurations.map(({ partitions, replicas, ms, cpuMs }) => ({
      replicas,
      partitions,
      medianMs: median(ms),
      eventsPerSecond: Math.round(published / (median(ms) / 1000)),
      cpuMicrosecondsPerEvent: Math.round((median(cpuMs) * 1000) / published),
    }));
    report({
      name: 'evaluation-ingest',
      description: `evaluation applies ${published} events of every type across ${consortia} consortia${processes}`,
      setup,
      baseline,
      product: seriesOf(`evaluation ingest (live consumer, dedupe, projections${processes})`, first.ms),
      extra: { configurations: table },
    });
    report({ name: 'evaluation-rebuild', description: `evaluation rebuilds its projections from ${published} events`, setup, baseline, product: seriesOf('evaluation rebuild (POST /admin/rebuild until done)', rebuild) });
  } finally {
    await system.stop();
  }
}

/** Ids of who takes part (people and organisations): they recur across a programme's months; other ids (gatherings, circles, partnerships…) are new each month. */
const lastingIds = new Set(['memberId', 'organizationId', 'nonprofitId', 'providerId']);
const isoTime = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** A fixture's time (ISO instant or calendar day) moved `months` earlier, same day and time of the month (clamped to its length). */
export function monthsEarlier(time: string, months: number): string {
  if (months === 0) return time;
  const at = new Date(time.length === 10 ? `${time}T00:00:00.000Z` : time);
  const month = at.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const moved = new Date(Date.UTC(at.getUTCFullYear(), month, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
  return time.length === 10 ? moved.toISOString().slice(0, 10) : moved.toISOString();
}

/**
 * Publishes `events` fixtures of every type the catalogue has, each re-targeted at one of the
 * consortia and with the ids it names drawn from a pool per consortium (so that members,
 * organisations and gatherings recur as they do in a programme). Many publishes in flight.
 * `monthsBack` [first, last] spreads the events evenly over that many months before the fixtures'
 * own times, each event's times (envelope and data) moved together so the fixtures' relative
 * shape holds within a month; ids other than people and organisations are new in each month.
 */
export async function fill(system: TestSystem, events: number, consortiumIds: string[], monthsBack: [first: number, last: number] = [0, 0]): Promise<number> {
  const fixtures = readFixtures().map((f) => f.envelope as Record<string, any>);
  const pools = new Map<string, string[]>();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const recast = (value: unknown, consortiumId: string, fixtureConsortium: string, shift: number, key?: string): unknown => {
    // The consortium itself (as `consortium.created` names it) stays the consortium.
    if (value === fixtureConsortium) return consortiumId;
    if (typeof value === 'string' && uuid.test(value)) {
      const poolKey = `${consortiumId}:${key && lastingIds.has(key) ? '' : shift}:${value}`;
      let pool = pools.get(poolKey);
      if (!pool) pools.set(poolKey, (pool = Array.from({ length: 20 }, () => randomUUID())));
      return pool[Math.floor(Math.random() * pool.length)];
    }
    if (typeof value === 'string' && isoTime.test(value)) return monthsEarlier(value, shift);
    if (Array.isArray(value)) return value.map((v) => recast(v, consortiumId, fixtureConsortium, shift, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recast(v, consortiumId, fixtureConsortium, shift, k)]));
    return value;
  };
  const [firstMonth, lastMonth] = monthsBack;
  const nc = await connect({ servers: system.natsUrl });
  const js = jetstream(nc);
  try {
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < events; i++) {
      const fixture = fixtures[i % fixtures.length];
      const consortiumId = consortiumIds[i % consortiumIds.length];
      const shift = firstMonth + Math.floor((i * (lastMonth - firstMonth + 1)) / events);
      const time = monthsEarlier(fixture.time, shift);
      const envelope = { ...fixture, id: randomUUID(), time, consortiumid: consortiumId, traceparent: undefined, data: recast(fixture.data, consortiumId, fixture.consortiumid, shift) };
      const publish = js.publish(eventSubject(fixture.type, consortiumId, system.namespace), JSON.stringify(envelope), { msgID: envelope.id });
      inFlight.add(publish);
      void publish.finally(() => inFlight.delete(publish));
      if (inFlight.size >= 256) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await nc.close();
  }
  return events;
}

/** A fresh raw durable consumer on the whole stream: pull, ack each, until all are read. */
export async function rawConsume(system: TestSystem, count: number, round: number): Promise<number> {
  const nc = await connect({ servers: system.natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const name = `bench-raw-${round}`;
    await jsm.consumers.add(system.topology.eventsStream, { durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: system.topology.eventsSubjects });
    const consumer = await jetstream(nc).consumers.get(system.topology.eventsStream, name);
    const started = process.hrtime.bigint();
    const messages = await consumer.consume({ max_messages: 512 });
    let read = 0;
    for await (const msg of messages) {
      JSON.parse(msg.string());
      msg.ack();
      if (++read === count) break;
    }
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    await messages.close();
    await jsm.consumers.delete(system.topology.eventsStream, name);
    return elapsed;
  } finally {
    await nc.close();
  }
}

/**
 * Evaluation from nothing (its schema and its consumers removed) until it has taken in every event;
 * with `replicas` processes, EVALUATION_PARTITIONS `partitions`. The processes start one after
 * another on consumers placed at the end of the stream (idle), then the consumers are moved back to
 * its start, as the operator's `consumers replay` does: every replica takes part from the first
 * event. Returns the time from the first commit to the last, and the CPU all of them spent meanwhile
 * (each from when it was ready).
 */
export async function liveIngest(system: TestSystem, count: number, replicas = 1, partitions = 1): Promise<{ ms: number; cpuMs: number }> {
  await reset(system);
  const env = { EVALUATION_PARTITIONS: String(partitions) };
  // The service's consumers as it declares them (libs/messaging topology.ts): `evaluation`, or one per partition.
  const group = partitions === 1 ? ['evaluation'] : Array.from({ length: partitions }, (_, k) => `evaluation-${k}`);
  const consumerConfig = (durable: string, k: number) => ({
    durable_name: durable,
    filter_subject: system.topology.eventsSubjects,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(10_000),
    max_deliver: -1,
    max_ack_pending: 1000,
    ...(partitions > 1 ? { description: `evaluation: partition ${k} of ${partitions}` } : {}),
  });
  const nc = await connect({ servers: system.natsUrl });
  const jsm = await jetstreamManager(nc);
  const processes: ServiceProcess[] = [];
  const readyCpu = new Map<ServiceProcess, number>();
  try {
    const end = (await jsm.streams.info(system.topology.eventsStream)).state.last_seq;
    for (const [k, durable] of group.entries()) {
      await jsm.consumers.add(system.topology.eventsStream, { ...consumerConfig(durable, k), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: end + 1 });
    }
    for (let i = 0; i < replicas; i++) {
      const service = i === 0 ? await system.startService('evaluation', env) : await system.startReplica('evaluation', `evaluation-${i + 1}`, env);
      readyCpu.set(service, processCpuMs(service.pid) ?? 0);
      processes.push(service);
    }
    // The partitions shared out (each replica at most its share) before the backlog comes.
    const share = Math.ceil(partitions / replicas);
    while (partitions > 1) {
      const attached = await Promise.all(processes.map(async (p) => ((await (await fetch(`${p.url}/health/ready`)).json()) as { checks: { consumers: { attached: string[] } } }).checks.consumers.attached));
      if (attached.flat().length === partitions && attached.every((a) => a.length <= share)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Moved back (NATS 2.9 cannot move a consumer: deleted and created again); the replicas attach again by themselves.
    for (const [k, durable] of group.entries()) {
      await jsm.consumers.delete(system.topology.eventsStream, durable);
      await jsm.consumers.add(system.topology.eventsStream, { ...consumerConfig(durable, k), deliver_policy: DeliverPolicy.All });
    }
    await nc.close();
    await caughtUp(system, count);
    const cpuMs = processes.reduce((sum, p) => sum + (processCpuMs(p.pid) ?? 0) - readyCpu.get(p)!, 0);
    // From the first event's commit to the last event's commit or the last indicator it changed, whichever is later.
    const [{ ms }] = await system.sql(
      `SELECT extract(epoch FROM greatest(max(p.processed_at), (SELECT max(updated_at) FROM evaluation.indicators)) - min(p.processed_at)) * 1000 AS ms FROM evaluation.processed_events p`,
    );
    return { ms: Number(ms), cpuMs };
  } finally {
    await nc.close().catch(() => undefined);
    await Promise.all(processes.filter((p) => p !== system.services.get('evaluation')).map((replica) => replica.stop()));
    await system.services.get('evaluation')?.stop();
    system.services.delete('evaluation');
  }
}

/** With evaluation caught up: POST /admin/rebuild, until it reports done. */
async function fullRebuild(system: TestSystem): Promise<number> {
  await system.startService('evaluation');
  try {
    const token = await adminToken();
    const started = process.hrtime.bigint();
    const begun = await system.call('evaluation', 'POST', '/admin/rebuild', { token });
    if (begun.status !== 202 && begun.status !== 200) throw new Error(`rebuild: ${begun.status} ${JSON.stringify(begun.body)}`);
    for (;;) {
      const { body } = await system.call('evaluation', 'GET', '/admin/rebuild', { token });
      if (body.state === 'done') break;
      if (body.state === 'failed') throw new Error(`rebuild failed: ${body.error}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await system.service('evaluation').stop();
    system.services.delete('evaluation');
  }
}

async function reset(system: TestSystem): Promise<void> {
  await system.sql(`DROP SCHEMA IF EXISTS evaluation CASCADE`);
  const nc = await connect({ servers: system.natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for (const durable of durables) await jsm.consumers.delete(system.topology.eventsStream, durable).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

/** Until the consumer has nothing pending or unacknowledged, and no consortium's indicators are left to recompute. */
export async function caughtUp(system: TestSystem, count: number): Promise<void> {
  const deadline = Date.now() + 60 * 60_000;
  for (;;) {
    const { body } = await system.call('evaluation', 'GET', '/health/ready').catch(() => ({ body: undefined as any }));
    const lags = Object.values((body?.lag ?? {}) as Record<string, { pending: number; unacknowledged: number }>);
    if (lags.length > 0 && lags.every((lag) => lag.pending === 0 && lag.unacknowledged === 0)) {
      const [{ stale }] = await system.sql(`SELECT count(*)::int AS stale FROM evaluation.stale_indicators`);
      if (stale === 0) return;
    }
    if (Date.now() > deadline) throw new Error(`evaluation did not take in ${count} events within an hour`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
