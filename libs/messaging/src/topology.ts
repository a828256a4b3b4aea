import { AckPolicy, DeliverPolicy, DiscardPolicy, JetStreamApiError, JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { allEventsSubject, subjectRoot } from '@ccndr/contracts';

/**
 * The platform's streams, declared in code and created idempotently at start:
 * - the events stream holds every domain event for good (new subscribers and rebuilt projections replay it);
 * - the dead-letter stream holds events a consumer gave up on, with the reason in headers.
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

/** Creates the platform's streams, or brings an existing one's subjects, window and copies in line. */
export async function ensureStreams(jsm: JetStreamManager, topology: EventBusTopology, replicas = 1): Promise<void> {
  const streams = [
    { name: topology.eventsStream, subjects: [topology.eventsSubjects], description: 'CCNDR readiness platform domain events (CloudEvents 1.0)' },
    { name: topology.deadLetterStream, subjects: [topology.deadLetterSubjects], description: 'Events a platform consumer could not process, with the reason' },
  ];
  for (const stream of streams) {
    const config = {
      ...stream,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: 0,
      max_msgs: -1,
      max_bytes: -1,
      duplicate_window: nanos(duplicateWindowMs),
      num_replicas: replicas,
    };
    try {
      await jsm.streams.info(stream.name);
      await jsm.streams.update(stream.name, { subjects: config.subjects, description: config.description, duplicate_window: config.duplicate_window, num_replicas: config.num_replicas });
    } catch (error) {
      if (!isJetStreamNotFound(error)) throw error;
      await addIgnoringRace(() => jsm.streams.add(config));
    }
  }
}

export interface DurableConsumerSpec {
  /** Durable name, shared by every instance of the service so that they split the work. */
  durable: string;
  /** One filter subject (NATS 2.9 has no filter_subjects). */
  filterSubject: string;
}

/** Unacked messages (e.g. of a crashed instance) come back after this long. */
export const ackWaitMs = 10_000;

export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, spec: DurableConsumerSpec): Promise<void> {
  const config = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    ack_wait: nanos(ackWaitMs),
    // Unlimited on the server: the consumer itself dead-letters after its own limit, so nothing is dropped silently.
    max_deliver: -1,
    max_ack_pending: 1000,
  };
  try {
    await jsm.consumers.info(stream, spec.durable);
  } catch (error) {
    if (!isJetStreamNotFound(error)) throw error;
    await addIgnoringRace(() => jsm.consumers.add(stream, config));
  }
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
