import { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { DurableConsumerSpec, EventBusTopology, isLeased, partitionOfSubject, recordedAs } from '../topology';
import { failpoint } from '../failpoint';
import { ConsumerStatistics } from './consumer-statistics';
import { DeadLetterStore } from './dead-letter-store';
import { Application, Decoded, EventApplier, EventFailed } from './event-applier';
import { LeaseLost, PartitionLeases } from './partition-leases';

export interface LiveConsumerOptions {
  js: JetStreamClient;
  topology: EventBusTopology;
  consumers: DurableConsumerSpec[];
  maxDeliveries: number;
  applier: EventApplier;
  deadLetters: DeadLetterStore;
  statistics: ConsumerStatistics;
  /** The leases of a partitioned group's consumers: those consumers are pulled only while leased here. */
  leases?: PartitionLeases;
  log: (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/** A consumer being pulled: its loop, and whether it is to stop (its partition's lease gone). */
interface Pull {
  loop: Promise<void>;
  stopping: boolean;
}

/** A live message as read, with what to do with it. */
interface Arrival {
  msg: JsMsg;
  decoded: Decoded;
}

/**
 * Live events applied in one transaction at most: what has arrived meanwhile, up to this. Few
 * enough that a batch and the one waiting behind it finish well inside the ack wait even on a
 * loaded machine, or the server would deliver them again.
 */
const liveBatchLimit = 500;

/**
 * The NestJS transport strategy over this service's JetStream durable pull consumers. Handlers are
 * ordinary `@EventPattern('<event type>')` methods with `@Payload()` (the parsed CloudEvent) and
 * `@Ctx()` (a JetStreamContext); it hands them to the event applier. Each message is applied
 * exactly once in effect: the applier commits the processed-event record with the handler's
 * writes, then the message is acked. Under load, the messages that arrived while a transaction ran
 * are applied together in the next one (if it fails, each is applied on its own); when traffic is
 * light, each goes alone at once. Transient failures are nak'ed with backoff; schema-invalid
 * messages, and messages that keep failing, go to the dead-letter store with the reason while
 * consumption continues. The consumers of a partitioned group are pulled only while this replica
 * leases their partition (PartitionLeases): each applies its partition's events, under its lease,
 * and acknowledges the others' unread.
 */
export class LiveConsumer extends Server implements CustomTransportStrategy {
  private readonly subscriptions = new Map<string, ConsumerMessages>();
  private readonly pulls = new Map<string, Pull>();
  private closing = false;

  constructor(private readonly options: LiveConsumerOptions) {
    super();
  }

  /** Nest registers each `@EventPattern` handler here; the applier looks them up by event type. */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(pattern, callback, isEventHandler, extras);
    const type = this.normalizePattern(pattern as string);
    // The first handler of a type (Nest chains any others to it).
    this.options.applier.handle(type, this.messageHandlers.get(type)!);
  }

  /** Names of the durable consumers currently pulling messages. */
  attachedConsumers(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Every consumer this replica should pull attached: each unpartitioned one, and each partition it leases. */
  allConsumersAttached(): boolean {
    const held = this.options.leases?.current() ?? new Set<string>();
    return this.options.consumers.every((c) => (isLeased(c) && !held.has(c.durable)) || this.subscriptions.has(c.durable));
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const spec of this.options.consumers.filter((c) => !isLeased(c))) {
        const messages = await this.attach(spec);
        this.pull(spec, messages);
      }
      if (this.options.leases?.active) await this.options.leases.start((held) => this.follow(held));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const messages of this.subscriptions.values()) await messages.close().catch(() => undefined);
    // In-flight messages finish (commit and ack) before the connection is drained, and before the
    // leases are handed back (another replica then takes them at once).
    await Promise.allSettled([...this.pulls.values()].map((p) => p.loop));
    await this.options.leases?.stop();
    this.subscriptions.clear();
  }

  /** Pulls the partitions this replica leases now, and stops pulling those it no longer does. */
  private follow(held: ReadonlySet<string>): void {
    if (this.closing) return;
    for (const spec of this.options.consumers.filter(isLeased)) {
      const pull = this.pulls.get(spec.durable);
      if (held.has(spec.durable) && !pull) this.pull(spec);
      if (!held.has(spec.durable) && pull && !pull.stopping) {
        pull.stopping = true;
        void this.subscriptions.get(spec.durable)?.close().catch(() => undefined);
      }
    }
  }

  private pull(spec: DurableConsumerSpec, first?: ConsumerMessages): void {
    const pull: Pull = { loop: Promise.resolve(), stopping: false };
    this.pulls.set(spec.durable, pull);
    pull.loop = this.run(spec, pull, first).finally(() => {
      if (this.pulls.get(spec.durable) === pull) this.pulls.delete(spec.durable);
      // Taken again while this pull was stopping: pulled again.
      if (!this.closing && this.options.leases?.current().has(spec.durable) && !this.pulls.has(spec.durable)) this.pull(spec);
    });
  }

  on(): never {
    throw new Error('LiveConsumer does not emit status events');
  }

  unwrap<T>(): T {
    return this.options.js as T;
  }

  private async attach(spec: DurableConsumerSpec): Promise<ConsumerMessages> {
    const consumer = await this.options.js.consumers.get(this.options.topology.eventsStream, spec.durable);
    // A consumer deleted on the server ends the pull (rather than being waited for in silence):
    // the service then says it is detached, and attaches again once the consumer is back.
    // Pulls enough for a full batch to gather while the one before it is applied (with 256, a
    // backlog was applied in batches of about a hundred, each paying a batch's statements).
    const messages = await consumer.consume({ max_messages: 2 * liveBatchLimit, abort_on_missing_resource: true });
    this.subscriptions.set(spec.durable, messages);
    return messages;
  }

  /** Pulls until closed (or its lease is gone); if the pull ends for another reason, attaches again after a pause. */
  private async run(spec: DurableConsumerSpec, pull: Pull, first?: ConsumerMessages): Promise<void> {
    let messages: ConsumerMessages | undefined = first;
    while (!this.closing && !pull.stopping) {
      try {
        messages ??= await this.attach(spec);
        await this.drain(spec, pull, messages);
      } catch (error) {
        this.options.log('warn', 'consumer stopped pulling; attaching again', { consumer: spec.durable, error: String(error) });
      }
      this.subscriptions.delete(spec.durable);
      messages = undefined;
      if (!this.closing && !pull.stopping) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /**
   * Reads messages as they arrive and applies, each time, all that arrived meanwhile (up to the
   * batch limit; the reader waits beyond it). Messages are decoded as they are read, while the
   * previous batch waits on the database. When closing, messages read but not begun are handed
   * back at once for another instance.
   */
  private async drain(spec: DurableConsumerSpec, pull: Pull, messages: ConsumerMessages): Promise<void> {
    const arrived: Arrival[] = [];
    // Another partition's event: acknowledged unread (its own partition's consumer delivers it too).
    const elsewhere = isLeased(spec) ? (subject: string) => partitionOfSubject(subject, spec.partition!.count) !== spec.partition!.index : () => false;
    const stopped = () => this.closing || pull.stopping;
    let ended = false;
    let failure: unknown;
    let wakeApplier: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const reader = (async () => {
      try {
        for await (const msg of messages) {
          if (elsewhere(msg.subject)) {
            msg.ack();
            continue;
          }
          arrived.push({ msg, decoded: this.options.applier.decode(msg.string(), msg.subject) });
          wakeApplier?.();
          if (arrived.length >= liveBatchLimit && !stopped()) await new Promise<void>((resolve) => (wakeReader = resolve));
        }
      } catch (error) {
        failure = error;
      } finally {
        ended = true;
        wakeApplier?.();
      }
    })();
    while (!stopped()) {
      if (arrived.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (wakeApplier = resolve));
        wakeApplier = undefined;
        continue;
      }
      const batch = arrived.splice(0, liveBatchLimit);
      wakeReader?.();
      wakeReader = undefined;
      await this.handle(spec, batch);
    }
    wakeReader?.();
    // Stopped while it was attaching, its pull may not have been closed with the others.
    if (stopped()) await messages.close().catch(() => undefined);
    await reader;
    for (const { msg } of arrived.splice(0)) msg.nak();
    if (failure) throw failure;
  }

  /** A batch of live messages: dead letters and skips at once, then the events together. */
  private async handle(spec: DurableConsumerSpec, arrivals: Arrival[]): Promise<void> {
    const applications: Application[] = [];
    for (const { msg, decoded } of arrivals) {
      if (decoded.kind === 'dead-letter') await this.deadLetter(spec, msg, decoded.reason);
      else if (decoded.kind === 'skip') {
        this.options.statistics.ignored(spec.durable);
        msg.ack();
      } else applications.push({ event: decoded.event, handler: decoded.handler, origin: { subject: msg.subject, sequence: msg.seq }, msg });
    }
    if (applications.length === 0) return;
    try {
      await this.applyLive(spec, applications);
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      // The partition is another replica's now: it applies these; this one stops pulling it.
      for (const { msg } of applications) msg!.nak();
      this.options.leases!.lost(spec.durable);
    }
  }

  /**
   * Live events in one transaction, acknowledged once it commits. If one fails, it is applied on
   * its own (and retried or dead-lettered), those before and after it together again. A failure
   * at commit (a batch write, work at commit) names no event: the batch is halved until it does.
   */
  private async applyLive(spec: DurableConsumerSpec, applications: Application[]): Promise<void> {
    const consumer = spec.durable;
    const { leases } = this.options;
    // A partition's batch is applied under its lease, held to the commit.
    const fence = isLeased(spec) ? (manager: EntityManager) => leases!.hold(manager, consumer) : undefined;
    const startedAt = new Date().toISOString();
    let fresh: boolean[];
    try {
      fresh = await this.options.applier.applyTogether(recordedAs(spec), applications, undefined, fence);
    } catch (error) {
      if (error instanceof LeaseLost) throw error;
      if (applications.length === 1) return this.retryOrDeadLetter(spec, applications[0].msg!, error instanceof EventFailed ? error.reason : error);
      if (!(error instanceof EventFailed)) {
        const half = Math.ceil(applications.length / 2);
        await this.applyLive(spec, applications.slice(0, half));
        await this.applyLive(spec, applications.slice(half));
        return;
      }
      const at = error.index;
      if (at > 0) await this.applyLive(spec, applications.slice(0, at));
      await this.applyLive(spec, [applications[at]]);
      if (at + 1 < applications.length) await this.applyLive(spec, applications.slice(at + 1));
      return;
    }
    if (fresh.some(Boolean)) failpoint('consumer-after-commit');
    if (fence) {
      // Who applied which consortia when: the record that no two replicas applied one consortium at once.
      const consortia = [...new Set(applications.map((a) => a.event.consortiumid))];
      this.options.log('debug', 'partition batch applied', { consumer, replica: leases!.replica, consortia, events: applications.length, startedAt, committedAt: new Date().toISOString() });
    }
    const { statistics } = this.options;
    applications.forEach(({ event, msg }, i) => {
      msg!.ack();
      if (fresh[i]) statistics.applied(consumer, event.time);
      else statistics.duplicate(consumer);
    });
  }

  private async retryOrDeadLetter(spec: DurableConsumerSpec, msg: JsMsg, error: unknown): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    if (deliveries >= this.options.maxDeliveries) {
      await this.deadLetter(spec, msg, `failed ${deliveries} times: ${String(error)}`);
      return;
    }
    const delay = Math.min(30_000, 250 * 2 ** (deliveries - 1));
    this.options.log('warn', 'event handling failed; will be redelivered', { consumer: spec.durable, subject: msg.subject, deliveries, delay, error: String(error) });
    msg.nak(delay);
  }

  /**
   * Hands the message to the dead-letter store (under the group's name: a partitioned group's
   * letters are the group's), then terminates it; if that fails, retries later.
   */
  private async deadLetter(spec: DurableConsumerSpec, msg: JsMsg, reason: string): Promise<void> {
    const consumer = spec.durable;
    try {
      await this.options.deadLetters.add(recordedAs(spec), msg, reason);
      // No reason with it: NATS 2.9 does not read `+TERM <reason>` and would deliver the message
      // again at every ack wait (the reason travels in the dead letter's headers).
      msg.term();
      this.options.statistics.deadLettered(consumer);
      this.options.log('warn', 'event dead-lettered', { consumer, subject: msg.subject, sequence: msg.seq, reason });
    } catch (error) {
      this.options.log('error', 'dead-letter publish failed; will retry', { consumer, subject: msg.subject, error: String(error) });
      msg.nak(5000);
    }
  }
}
