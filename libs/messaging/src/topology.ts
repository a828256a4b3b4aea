import { AckPolicy, DeliverPolicy, DiscardPolicy, JetStreamApiError, JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { allEventsSubject, subjectRoot } from '@ccndr/contracts';

/**
 * The platform's streams, declared in code and created idempotently at start:
 * - the events stream holds every domain event for good (new subscribers and rebuilt projections replay it),
 *   within a byte limit at which publishes are refused;
 * - the dead-letter stream holds events a consumer gave up on, with the reason in headers, for a limited age.
 * A namespace prefixes every name and subject so that isolated deployments (tests) never overlap.
 */
export interface EventBusTopology {
  namespace: string;
  eventsStream: string;
  eventsSubjects: string;
  deadLetterStream: string;
  deadLetterSubject(consumer: string): string;
  deadLetterSubjects: string;
}

export function eventBusTopology(namespace = ''): EventBusTopology {
  const prefix = namespace ? `${namespace}.` : '';
  const streamPrefix = namespace ? `${namespace.toUpperCase()}_` : '';
  return {
    namespace,
    eventsStream: `${streamPrefix}CCNDR_EVENTS`,
    eventsSubjects: allEventsSubject(namespace),
    deadLetterStream: `${streamPrefix}CCNDR_DEAD_LETTERS`,
    deadLetterSubject: (consumer) => `${prefix}${subjectRoot}-dead-letter.${consumer}`,
    deadLetterSubjects: `${prefix}${subjectRoot}-dead-letter.>`,
  };
}

/**
 * The consumer a replay of `durable` reads with (a rebuild): a name of its own, so that the
 * service's NATS user is granted exactly this name and never a wildcard over others' consumers.
 */
export function replayConsumerName(durable: string): string {
  return `${durable}-replay`;
}

/**
 * Where a NATS user receives its replies and pulled messages: an inbox prefix of its own, the only
 * one its permissions let it subscribe to, so that nobody reads another's deliveries and ack subjects.
 */
export function natsInboxPrefix(user: string): string {
  return `_INBOX_${user}`;
}

/** How long JetStream remembers a Nats-Msg-Id to drop a duplicate publish (consumers dedupe beyond it). */
export const duplicateWindowMs = 10 * 60 * 1000;

/**
 * The streams' storage limits (docs/operations.md). The events stream refuses publishes at its
 * byte limit (`discard: new`) rather than dropping the oldest events: history is never lost silently,
 * the alert at 70 % gives time to grow it. Dead letters expire after their age limit.
 */
export interface StreamLimits {
  /** Bytes the events stream may hold; -1: unlimited. JetStream reserves them on its servers' storage. */
  eventsMaxBytes: number;
  /** Days the events stream keeps an event; 0: for good (the default: rebuilds replay all of it). */
  eventsMaxAgeDays: number;
  /** Days a dead letter waits to be redriven before it expires; 0: for good. */
  deadLetterMaxAgeDays: number;
}

export const defaultStreamLimits: StreamLimits = { eventsMaxBytes: 40 * 1024 ** 3, eventsMaxAgeDays: 0, deadLetterMaxAgeDays: 30 };

/** The streams' limits the settings ask for (EVENTS_STREAM_MAX_BYTES, EVENTS_STREAM_MAX_AGE_DAYS, DEAD_LETTER_MAX_AGE_DAYS). */
export function streamLimitsOf(c: { EVENTS_STREAM_MAX_BYTES: number; EVENTS_STREAM_MAX_AGE_DAYS: number; DEAD_LETTER_MAX_AGE_DAYS: number }): StreamLimits {
  return { eventsMaxBytes: c.EVENTS_STREAM_MAX_BYTES, eventsMaxAgeDays: c.EVENTS_STREAM_MAX_AGE_DAYS, deadLetterMaxAgeDays: c.DEAD_LETTER_MAX_AGE_DAYS };
}

const dayMs = 24 * 60 * 60 * 1000;

/** The platform's streams' configuration, as created (and as `stream recreate` creates them). */
export function streamConfigs(topology: EventBusTopology, limits: StreamLimits = defaultStreamLimits, replicas = 1) {
  const common = { retention: RetentionPolicy.Limits, storage: StorageType.File, max_msgs: -1, duplicate_window: nanos(duplicateWindowMs), num_replicas: replicas };
  return [
    {
      ...common,
      name: topology.eventsStream,
      subjects: [topology.eventsSubjects],
      description: 'CCNDR readiness platform domain events (CloudEvents 1.0)',
      discard: DiscardPolicy.New,
      max_bytes: limits.eventsMaxBytes,
      max_age: nanos(limits.eventsMaxAgeDays * dayMs),
    },
    {
      ...common,
      name: topology.deadLetterStream,
      subjects: [topology.deadLetterSubjects],
      description: 'Events a platform consumer could not process, with the reason',
      discard: DiscardPolicy.Old,
      max_bytes: -1,
      max_age: nanos(limits.deadLetterMaxAgeDays * dayMs),
    },
  ];
}

/** What ensureStreams did to an existing stream whose limits differed, for the log. */
export type StreamReconciliation = { stream: string; changed: string[]; kept?: string };

/**
 * Creates the platform's streams, or brings an existing one's subjects, window, copies and limits
 * in line (nothing else of it is touched). A byte limit below what the stream already holds is not
 * applied: JetStream would drop events to fit it.
 */
export async function ensureStreams(jsm: JetStreamManager, topology: EventBusTopology, replicas = 1, limits: StreamLimits = defaultStreamLimits): Promise<StreamReconciliation[]> {
  const reconciled: StreamReconciliation[] = [];
  for (const config of streamConfigs(topology, limits, replicas)) {
    let info;
    try {
      info = await jsm.streams.info(config.name);
    } catch (error) {
      if (!isJetStreamNotFound(error)) throw error;
      await addIgnoringRace(() => jsm.streams.add(config)).catch(beyondStorage(config.name, config.max_bytes));
      continue;
    }
    const wanted = { max_bytes: config.max_bytes, max_age: config.max_age, discard: config.discard };
    let kept: string | undefined;
    if (wanted.max_bytes !== -1 && wanted.max_bytes < info.state.bytes) {
      kept = `max_bytes ${info.config.max_bytes} kept: the stream holds ${info.state.bytes} bytes, more than the configured ${wanted.max_bytes}`;
      wanted.max_bytes = info.config.max_bytes;
    }
    const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => info.config[key] !== wanted[key]);
    // The operator's mark of a deliberate recreation (recreateEventsStream) stays on the stream.
    const description = info.config.description?.startsWith(config.description) ? info.config.description : config.description;
    await jsm.streams
      .update(config.name, { subjects: config.subjects, description, duplicate_window: config.duplicate_window, num_replicas: config.num_replicas, ...wanted })
      .catch(beyondStorage(config.name, wanted.max_bytes));
    if (changed.length || kept) reconciled.push({ stream: config.name, changed, ...(kept ? { kept } : {}) });
  }
  return reconciled;
}

/** JetStream refuses a byte limit its servers' storage cannot reserve: say which setting to change. */
function beyondStorage(stream: string, maxBytes: number): (error: unknown) => never {
  return (error) => {
    if (error instanceof JetStreamApiError && /insufficient storage/i.test(error.message)) {
      throw new Error(`stream ${stream}: NATS cannot reserve its byte limit of ${maxBytes} bytes (${error.message}): lower EVENTS_STREAM_MAX_BYTES or raise the NATS servers' max_file_store (docs/operations.md#streams)`);
    }
    throw error;
  };
}

/** What an operator's `stream recreate` adds to the events stream's description: the start-up guard accepts it empty. */
export const recreatedMark = 'recreated empty by an operator';

/** A service that has applied events finds the events stream gone or empty: it must not start on a blank stream. */
export class LostEventsStreamError extends Error {}

/**
 * Start-up guard, before ensureStreams: a service whose database shows it applied events expects the
 * events stream it read them from. Missing, or never having held an event (the NATS store lost, and
 * the stream created afresh), it refuses to start, rather than create an empty one and carry on as if
 * nothing had happened. An operator who accepts the loss recreates it (`npm run operator -- stream
 * recreate`), which marks it; a marked stream is accepted.
 */
export async function guardEventsStream(jsm: JetStreamManager, topology: EventBusTopology, appliedEvents: () => Promise<number>): Promise<void> {
  const info = await jsm.streams.info(topology.eventsStream).catch((error: unknown) => {
    if (isJetStreamNotFound(error)) return null;
    throw error;
  });
  if (info && (info.state.last_seq > 0 || info.config.description?.includes(recreatedMark))) return;
  const applied = await appliedEvents();
  if (applied === 0) return;
  throw new LostEventsStreamError(
    `the events stream ${topology.eventsStream} is ${info ? 'empty (it never held an event)' : 'missing'}, but this service's database shows ${applied} events applied from it: ` +
      'the NATS store was probably lost. Refusing to start on a blank stream. Restore the NATS store if you can; otherwise accept the loss with ' +
      '`npm run operator -- stream recreate` (docs/operations.md#streams), then start the service again.',
  );
}

/**
 * The operator's deliberate recreation of a lost events stream: created with the topology's
 * configuration and marked, or an existing empty one marked. A stream holding events is left alone.
 * Also creates the dead-letter stream if it is missing.
 */
export async function recreateEventsStream(jsm: JetStreamManager, topology: EventBusTopology, limits: StreamLimits = defaultStreamLimits, replicas = 1, now = new Date()): Promise<'created' | 'marked'> {
  const [events, deadLetters] = streamConfigs(topology, limits, replicas);
  const mark = `${events.description} (${recreatedMark} on ${now.toISOString()})`;
  const existing = await jsm.streams.info(events.name).catch((error: unknown) => {
    if (isJetStreamNotFound(error)) return null;
    throw error;
  });
  if (existing && existing.state.last_seq > 0) throw new Error(`the events stream ${events.name} exists and has held ${existing.state.last_seq} events: nothing to recreate`);
  if (existing) await jsm.streams.update(events.name, { description: mark });
  else await jsm.streams.add({ ...events, description: mark }).catch(beyondStorage(events.name, events.max_bytes));
  await jsm.streams.info(deadLetters.name).catch(async (error: unknown) => {
    if (!isJetStreamNotFound(error)) throw error;
    await jsm.streams.add(deadLetters);
  });
  return existing ? 'marked' : 'created';
}

/**
 * What a consortium purge adds to the events stream's description when it removed the stream's
 * first events (they were the deleted consortium's): the sequence the stream then starts at, by
 * design. A head further on was lost some other way (limits, a whole purge).
 */
const purgedHeadMark = 'first events erased with deleted consortia; starts at sequence';
const purgedHeadPattern = new RegExp(` \\(${purgedHeadMark} (\\d+)\\)`);

/** The sequence consortium purges left the events stream starting at, if they removed its first events. */
function purgedHead(description = ''): number | null {
  const match = purgedHeadPattern.exec(description);
  return match ? Number(match[1]) : null;
}

/**
 * Purges a deleted consortium's events from the events stream (`filter`: its subjects). If they
 * were the stream's first, the stream then starts further on: that start is recorded in the
 * stream's description (NATS 2.9 streams have no metadata), so that a rebuild tells it from a head
 * lost to limits or a whole purge (streamHistoryGap). Two purges at once may record the earlier of
 * their heads: the next purge, or a rebuild's refusal, says so; nothing is lost by it.
 */
export async function purgeConsortiumEvents(jsm: JetStreamManager, topology: EventBusTopology, filter: string): Promise<number> {
  const stream = topology.eventsStream;
  const before = await jsm.streams.info(stream);
  const intact = before.state.first_seq <= 1 || before.state.first_seq === purgedHead(before.config.description);
  const { purged } = await jsm.streams.purge(stream, { filter });
  const after = await jsm.streams.info(stream);
  if (intact && after.state.first_seq !== before.state.first_seq) {
    const description = (after.config.description ?? '').replace(purgedHeadPattern, '');
    await jsm.streams.update(stream, { description: `${description} (${purgedHeadMark} ${after.state.first_seq})` });
  }
  return purged;
}

/** Why the events stream no longer holds every event since the first: a rebuild from it would be truncated. */
export type StreamHistoryGap =
  | { kind: 'recreated'; description: string }
  | { kind: 'head-lost'; firstSequence: number };

/**
 * Whether the events stream still starts at its first event: not when an operator recreated it
 * empty (marked), nor when its head is gone (first sequence above 1) other than with deleted
 * consortia (purgeConsortiumEvents records that start). Events deleted inside the stream (a
 * consortium purge) are no gap: nothing of the consortia left was lost.
 */
export async function streamHistoryGap(jsm: JetStreamManager, topology: EventBusTopology): Promise<StreamHistoryGap | null> {
  const { config, state } = await jsm.streams.info(topology.eventsStream);
  if (config.description?.includes(recreatedMark)) return { kind: 'recreated', description: config.description };
  if (state.first_seq > 1 && state.first_seq !== purgedHead(config.description)) return { kind: 'head-lost', firstSequence: state.first_seq };
  return null;
}

/** Where a durable consumer is moved back to: a time (the first event stored at or after it) or a stream sequence. */
export type ReplayStart = { since: Date } | { sequence: number };

/**
 * Moves a durable consumer back so that it delivers again from `start` (after a PostgreSQL restore
 * to an earlier point: the processed-event records make the events applied twice harmless). NATS
 * 2.9 cannot move a consumer: it is deleted and created again with the same configuration and a
 * deliver policy by start time or sequence. A service instance pulling from it attaches again to
 * the new one by itself (LiveConsumer); acknowledgements of messages in flight are lost with the
 * old one, and those messages come again. Returns where the consumer had got to.
 */
export async function replayDurableConsumer(jsm: JetStreamManager, stream: string, durable: string, start: ReplayStart): Promise<{ acknowledgedTo: number }> {
  const { config, ack_floor } = await jsm.consumers.info(stream, durable);
  const { deliver_policy: _policy, opt_start_seq: _sequence, opt_start_time: _time, ...kept } = config;
  await jsm.consumers.delete(stream, durable);
  const from = 'since' in start ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: start.since.toISOString() } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, start.sequence) };
  await jsm.consumers.add(stream, { ...kept, ...from });
  return { acknowledgedTo: ack_floor.stream_seq };
}

export interface DurableConsumerSpec {
  /** Durable name, shared by every instance of the service so that they split the work. */
  durable: string;
  /** One filter subject (NATS 2.9 has no filter_subjects). */
  filterSubject: string;
  /**
   * One of a group's partitions (partitionedConsumers): the replica leasing it applies only the
   * events whose consortium hashes to `index`, and acknowledges the others unread.
   */
  partition?: ConsumerPartition;
}

export interface ConsumerPartition {
  /** The group's name: its events' processed-event records, dead letters and replays go by it. */
  group: string;
  index: number;
  count: number;
}

/** Partitions a group may have: the NATS users are granted each partition's consumer by exact name. */
export const maxPartitions = 8;

/**
 * A group's durable consumers: with one partition, the one durable `group` shared by every
 * replica, as before partitions existed (no lease, no filtering); with `count` > 1, durables `<group>-0` … `<group>-<count-1>`
 * on the same filter, each applied by the one replica that leases it.
 */
export function partitionedConsumers(group: string, filterSubject: string, count: number): DurableConsumerSpec[] {
  if (!Number.isInteger(count) || count < 1 || count > maxPartitions) throw new Error(`partitions of ${group}: ${count}, not an integer from 1 to ${maxPartitions}`);
  if (count === 1) return [{ durable: group, filterSubject, partition: { group, index: 0, count } }];
  return Array.from({ length: count }, (_, index) => ({ durable: `${group}-${index}`, filterSubject, partition: { group, index, count } }));
}

/**
 * The partition of an event, from its subject alone (`…<consortiumId>`: the last token): FNV-1a of
 * the consortium id, so every replica, and every release, agrees without reading the event.
 */
export function partitionOfSubject(subject: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = subject.lastIndexOf('.') + 1; i < subject.length; i++) {
    hash ^= subject.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/** Whether one replica at a time applies this consumer's events (a group of more than one partition). */
export function isLeased(spec: DurableConsumerSpec): boolean {
  return (spec.partition?.count ?? 1) > 1;
}

/** The name an event applied through this consumer is recorded, dead-lettered and replayed under. */
export function recordedAs(spec: DurableConsumerSpec): string {
  return spec.partition?.group ?? spec.durable;
}

/** One spec per group (a partitioned group as its single, unpartitioned whole): what replays and dead letters go by. */
export function consumerGroups(specs: DurableConsumerSpec[]): DurableConsumerSpec[] {
  const groups = new Map<string, DurableConsumerSpec>();
  for (const spec of specs) if (!groups.has(recordedAs(spec))) groups.set(recordedAs(spec), { durable: recordedAs(spec), filterSubject: spec.filterSubject });
  return [...groups.values()];
}

/** What a partition's consumer says of itself on the server: how a change of partition count is recognised. */
function partitionDescription(spec: DurableConsumerSpec): string | undefined {
  return spec.partition && isLeased(spec) ? `${spec.partition.group}: partition ${spec.partition.index} of ${spec.partition.count}` : undefined;
}

/** Unacked messages (e.g. of a crashed instance) come back after this long. */
export const ackWaitMs = 10_000;

function durableConfig(spec: DurableConsumerSpec, fromSequence?: number) {
  const description = partitionDescription(spec);
  return {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    ...(fromSequence ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSequence } : { deliver_policy: DeliverPolicy.All }),
    filter_subject: spec.filterSubject,
    ack_wait: nanos(ackWaitMs),
    // Unlimited on the server: the consumer itself dead-letters after its own limit, so nothing is dropped silently.
    max_deliver: -1,
    max_ack_pending: 1000,
    ...(description ? { description } : {}),
  };
}

export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, spec: DurableConsumerSpec): Promise<void> {
  try {
    await jsm.consumers.info(stream, spec.durable);
  } catch (error) {
    if (!isJetStreamNotFound(error)) throw error;
    await addIgnoringRace(() => jsm.consumers.add(stream, durableConfig(spec)));
  }
}

/**
 * A group's durable consumers as `specs` (one group's, from partitionedConsumers) ask, whatever
 * partition count it had before. When the count changed, the new consumers start where the old
 * ones had all got to (the lowest acknowledgement floor), so no event is skipped; those applied
 * again are recognised by their processed-event records. The old consumers are deleted last, so an
 * interrupted change starts over from the same place. Every replica of the group must be stopped
 * meanwhile (docs/operations.md#evaluation-partitions); returns the consumers deleted.
 */
export async function ensureConsumerGroup(jsm: JetStreamManager, stream: string, specs: DurableConsumerSpec[]): Promise<string[]> {
  const group = recordedAs(specs[0]);
  const names = [group, ...Array.from({ length: maxPartitions }, (_, k) => `${group}-${k}`)];
  const found = await Promise.all(
    names.map((name) =>
      jsm.consumers.info(stream, name).catch((error: unknown) => {
        if (isJetStreamNotFound(error)) return null;
        throw error;
      }),
    ),
  );
  const existing = found.filter((info) => info !== null);
  const wanted = new Map(specs.map((spec) => [spec.durable, spec]));
  const current = (name: string, description?: string) => wanted.has(name) && (description || undefined) === partitionDescription(wanted.get(name)!);
  const stale = existing.filter((info) => !current(info.name, info.config.description));
  if (stale.length === 0) {
    for (const spec of specs) await ensureDurableConsumer(jsm, stream, spec);
    return [];
  }
  const from = Math.max(1, Math.min(...stale.map((info) => info.ack_floor.stream_seq + 1)));
  const staleNames = new Set(stale.map((info) => info.name));
  for (const spec of specs) {
    if (staleNames.has(spec.durable)) continue;
    if (existing.some((info) => info.name === spec.durable)) continue;
    await addIgnoringRace(() => jsm.consumers.add(stream, durableConfig(spec, from)));
  }
  // A stale consumer of a wanted name is replaced in place: it is the last step that could lose its floor.
  for (const spec of specs.filter((s) => staleNames.has(s.durable))) {
    await jsm.consumers.delete(stream, spec.durable);
    await jsm.consumers.add(stream, durableConfig(spec, from));
  }
  const deleted = stale.filter((info) => !wanted.has(info.name)).map((info) => info.name);
  for (const name of deleted) await jsm.consumers.delete(stream, name);
  return deleted;
}

/** A JetStream API answer saying the stream or consumer asked for does not exist. */
export function isJetStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && (error.code === 404 || /not found/i.test(error.message));
}

async function addIgnoringRace(add: () => Promise<unknown>): Promise<void> {
  try {
    await add();
  } catch (error) {
    // Another instance created it between our lookup and our add.
    if (!(error instanceof JetStreamApiError && /already in use|already exists/i.test(error.message))) throw error;
  }
}
