import { AckPolicy, ConsumerMessages, DeliverPolicy, JetStreamClient, JsMsg, MsgRequest } from '@nats-io/jetstream';
import { headers, MsgHdrs, nanos } from '@nats-io/transport-node';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import { lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { CloudEventEnvelope, consortiumEventsSubject, eventSubject, parseEvent } from '@ccndr/contracts';
import { asPlatform } from '@ccndr/persistence';
import { DurableConsumerSpec, EventBusTopology, isJetStreamNotFound, replayConsumerName } from '../topology';
import { extractTraceContext, inSpan, messagingAttributes } from '../trace-context';
import { failpoint } from '../failpoint';
import { AtCommit, EventOrigin, JetStreamContext } from './jetstream-context';

export interface JetStreamServerOptions {
  js: JetStreamClient;
  db: DataSource;
  topology: EventBusTopology;
  consumers: DurableConsumerSpec[];
  maxDeliveries: number;
  /**
   * Whether this service erases a deleted consortium's events from the events stream. One service
   * does (its NATS user alone may purge the stream); the others erase only their dead letters.
   */
  purgesConsortiumEvents?: boolean;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/** What a durable consumer has done since the process started. */
export interface ConsumerActivity {
  applied: number;
  /** Already applied: a redelivery or a duplicate publish. */
  duplicates: number;
  /** Types or versions this service does not handle: acknowledged and skipped. */
  ignored: number;
  deadLettered: number;
  /** `time` of the newest event applied, and how old it is now: the projection's freshness. */
  newestEventTime: string | null;
  newestEventAgeSeconds: number | null;
}

/** Headers a dead letter carries besides the original body. */
export const deadLetterHeaders = {
  reason: 'Ccndr-Dead-Letter-Reason',
  consumer: 'Ccndr-Dead-Letter-Consumer',
  subject: 'Ccndr-Original-Subject',
  sequence: 'Ccndr-Original-Sequence',
  deliveries: 'Ccndr-Deliveries',
} as const;

/** A message a consumer of this service gave up on, as the dead-letter stream holds it. */
export interface DeadLetter {
  /** Its sequence in the dead-letter stream: how an operator names it. */
  sequence: number;
  consumer: string;
  reason: string;
  originalSubject: string;
  originalSequence: number;
  deliveries: number;
  deadLetteredAt: string;
  /** The event as it came (events carry no personal data), or its raw text when it is not JSON. */
  event: unknown;
}

/** What redriving a dead letter did: applied it, found it applied already, or failed again (it stays). */
export interface RedriveOutcome {
  sequence: number;
  outcome: 'applied' | 'already-applied' | 'skipped' | 'failed';
  reason?: string;
}

type Decoded = { kind: 'apply'; event: CloudEventEnvelope; handler: MessageHandler } | { kind: 'dead-letter'; reason: string } | { kind: 'skip' };

/** A live message as read, with what to do with it. */
interface Arrival {
  msg: JsMsg;
  decoded: Decoded;
}

/** An event to apply with its handler, and where it was read. */
interface Application {
  event: CloudEventEnvelope;
  handler: MessageHandler;
  origin: EventOrigin;
  /** The live message, acknowledged once the event's transaction commits (absent in replays and redrives). */
  msg?: JsMsg;
}

/** An event of a batch failed: which one, and why. */
class EventFailed extends Error {
  constructor(
    readonly index: number,
    readonly reason: unknown,
  ) {
    super(String(reason));
  }

  override toString(): string {
    return String(this.reason);
  }
}

/**
 * Live events applied in one transaction at most: what has arrived meanwhile, up to this. Few
 * enough that a batch and the one waiting behind it finish well inside the ack wait even on a
 * loaded machine, or the server would deliver them again.
 */
const liveBatchLimit = 500;
/** Events a replay fetches and applies in one transaction (nothing to acknowledge). */
const replayBatchLimit = 2000;


/**
 * NestJS transport strategy over JetStream durable pull consumers. Handlers are ordinary
 * `@EventPattern('<event type>')` methods with `@Payload()` (the parsed CloudEvent) and `@Ctx()`
 * (a JetStreamContext). Each message is applied exactly once in effect: the processed-event
 * record and the handler's writes commit in one transaction, then the message is acked. Under
 * load, the messages that arrived while a transaction ran are applied together in the next one
 * (if it fails, each is applied on its own); when traffic is light, each goes alone at once.
 * Transient failures are nak'ed with backoff; schema-invalid messages, and messages that keep
 * failing, go to the dead-letter stream with the reason while consumption continues.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly subscriptions = new Map<string, ConsumerMessages>();
  private readonly counters = new Map<string, Omit<ConsumerActivity, 'newestEventAgeSeconds'>>();
  private readonly loops: Promise<void>[] = [];
  private closing = false;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
  }

  /** Names of the durable consumers currently pulling messages. */
  attachedConsumers(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Per durable consumer: messages not yet delivered and delivered but not yet acknowledged. */
  async lag(): Promise<Record<string, { pending: number; unacknowledged: number }>> {
    const lag: Record<string, { pending: number; unacknowledged: number }> = {};
    for (const spec of this.options.consumers) {
      const consumer = await this.options.js.consumers.get(this.options.topology.eventsStream, spec.durable);
      const info = await consumer.info(true);
      lag[spec.durable] = { pending: info.num_pending, unacknowledged: info.num_ack_pending };
    }
    return lag;
  }

  /** Per durable consumer: events applied, duplicates, ignored, dead-lettered, and freshness. */
  activity(): Record<string, ConsumerActivity> {
    const now = Date.now();
    return Object.fromEntries(
      this.options.consumers.map((spec) => {
        const c = this.count(spec.durable);
        return [spec.durable, { ...c, newestEventAgeSeconds: c.newestEventTime ? Math.max(0, (now - Date.parse(c.newestEventTime)) / 1000) : null }];
      }),
    );
  }

  private count(consumer: string) {
    let counter = this.counters.get(consumer);
    if (!counter) this.counters.set(consumer, (counter = { applied: 0, duplicates: 0, ignored: 0, deadLettered: 0, newestEventTime: null }));
    return counter;
  }

  allConsumersAttached(): boolean {
    return this.options.consumers.every((c) => this.subscriptions.has(c.durable));
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const spec of this.options.consumers) {
        const messages = await this.attach(spec);
        this.loops.push(this.run(spec, messages));
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async attach(spec: DurableConsumerSpec): Promise<ConsumerMessages> {
    const consumer = await this.options.js.consumers.get(this.options.topology.eventsStream, spec.durable);
    const messages = await consumer.consume({ max_messages: 256 });
    this.subscriptions.set(spec.durable, messages);
    return messages;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const messages of this.subscriptions.values()) await messages.close().catch(() => undefined);
    // In-flight messages finish (commit and ack) before the connection is drained.
    await Promise.allSettled(this.loops);
    this.subscriptions.clear();
  }

  on(): never {
    throw new Error('JetStreamServer does not emit status events');
  }

  unwrap<T>(): T {
    return this.options.js as T;
  }

  /** Pulls until closed; if the pull ends for another reason, attaches again after a pause. */
  private async run(spec: DurableConsumerSpec, first: ConsumerMessages): Promise<void> {
    let messages: ConsumerMessages | undefined = first;
    while (!this.closing) {
      try {
        messages ??= await this.attach(spec);
        await this.drain(spec.durable, messages);
      } catch (error) {
        this.options.log('warn', 'consumer stopped pulling; attaching again', { consumer: spec.durable, error: String(error) });
      }
      this.subscriptions.delete(spec.durable);
      messages = undefined;
      if (!this.closing) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /**
   * Reads messages as they arrive and applies, each time, all that arrived meanwhile (up to the
   * batch limit; the reader waits beyond it). Messages are decoded as they are read, while the
   * previous batch waits on the database. When closing, messages read but not begun are handed
   * back at once for another instance.
   */
  private async drain(consumer: string, messages: ConsumerMessages): Promise<void> {
    const arrived: Arrival[] = [];
    let ended = false;
    let failure: unknown;
    let wakeApplier: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const reader = (async () => {
      try {
        for await (const msg of messages) {
          arrived.push({ msg, decoded: this.decode(msg.string(), msg.subject) });
          wakeApplier?.();
          if (arrived.length >= liveBatchLimit && !this.closing) await new Promise<void>((resolve) => (wakeReader = resolve));
        }
      } catch (error) {
        failure = error;
      } finally {
        ended = true;
        wakeApplier?.();
      }
    })();
    while (!this.closing) {
      if (arrived.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (wakeApplier = resolve));
        wakeApplier = undefined;
        continue;
      }
      const batch = arrived.splice(0, liveBatchLimit);
      wakeReader?.();
      wakeReader = undefined;
      await this.handle(consumer, batch);
    }
    wakeReader?.();
    await reader;
    for (const { msg } of arrived.splice(0)) msg.nak();
    if (failure) throw failure;
  }

  /**
   * Applies the events of a durable consumer's filter again, from `fromSequence` to the end of the
   * stream as it is now, into another schema (a projection being rebuilt), with the same handlers
   * and the same processed-event records. Events that are not JSON or fail their schema were
   * dead-lettered when they first came and are skipped.
   */
  async replay(spec: DurableConsumerSpec, schema: string, options: { fromSequence?: number; onProgress?: (applied: number, sequence: number) => void } = {}): Promise<{ applied: number; lastSequence: number }> {
    const stream = this.options.topology.eventsStream;
    const jsm = await this.options.js.jetstreamManager();
    // A consumer of one fixed name per durable, which the service's NATS user alone may use (one
    // rebuild runs at a time); one a crashed replay left behind is removed first.
    const name = replayConsumerName(spec.durable);
    await jsm.consumers.delete(stream, name).catch((error) => {
      if (!isJetStreamNotFound(error)) throw error;
    });
    await jsm.consumers.add(stream, {
      name,
      filter_subject: spec.filterSubject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, options.fromSequence ?? 1),
      ack_policy: AckPolicy.None,
      mem_storage: true,
      // Gone by itself if the replay dies; long enough for the slowest batch.
      inactive_threshold: nanos(5 * 60_000),
    });
    const reader = await this.options.js.consumers.get(stream, name);
    // The end of the stream now: live publishing goes on, the replay does not chase it.
    const end = (await jsm.streams.info(stream)).state.last_seq;
    let applied = 0;
    let lastSequence = (options.fromSequence ?? 1) - 1;
    let delivered = 0;
    try {
      while (lastSequence < end) {
        const batch = await reader.fetch({ max_messages: replayBatchLimit, expires: 1000 });
        let received = 0;
        const applications: Application[] = [];
        for await (const msg of batch) {
          // Nothing is acknowledged, so nothing comes again: a message lost on the way (a
          // reconnection) shows as a gap in the consumer's sequence, and the replay fails rather than skip it.
          if (msg.info.deliverySequence !== ++delivered) throw new Error(`replay of ${spec.durable} missed messages (delivery ${msg.info.deliverySequence}, expected ${delivered}): run it again`);
          received++;
          lastSequence = msg.seq;
          const decoded = this.decode(msg.string(), msg.subject);
          if (decoded.kind === 'apply') applications.push({ event: decoded.event, handler: decoded.handler, origin: { subject: msg.subject, sequence: msg.seq } });
        }
        if (applications.length > 0) {
          applied += (await this.applyTogether(spec.durable, applications, schema)).filter(Boolean).length;
          options.onProgress?.(applied, lastSequence);
        }
        if (received === 0 && (await reader.info(false)).num_pending === 0) break;
      }
    } finally {
      await jsm.consumers.delete(stream, name).catch(() => undefined);
    }
    options.onProgress?.(applied, lastSequence);
    return { applied, lastSequence };
  }

  /** How many dead letters each of this service's consumers has waiting. */
  async deadLetterCounts(): Promise<Record<string, number>> {
    const jsm = await this.options.js.jetstreamManager();
    const subjects = (await jsm.streams.info(this.options.topology.deadLetterStream, { subjects_filter: this.options.topology.deadLetterSubjects })).state.subjects ?? {};
    return Object.fromEntries(this.options.consumers.map((c) => [c.durable, subjects[this.options.topology.deadLetterSubject(c.durable)] ?? 0]));
  }

  /** The dead letters of this service's consumers, oldest first (at most `limit`). */
  async deadLetters(options: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const limit = Math.min(options.limit ?? 100, 1000);
    const found: DeadLetter[] = [];
    // Each consumer's letters come in order; the first `limit` of each are enough to merge.
    for await (const letter of this.eachDeadLetter(options.consumer, limit)) found.push(letter);
    return found.sort((a, b) => a.sequence - b.sequence).slice(0, limit);
  }

  /** Every dead letter of this service's consumers (or of one), each consumer's in order, up to `perConsumer` each. */
  private async *eachDeadLetter(consumer?: string, perConsumer = Infinity): AsyncGenerator<DeadLetter> {
    const counts = await this.deadLetterCounts();
    const jsm = await this.options.js.jetstreamManager();
    for (const spec of this.options.consumers.filter((c) => !consumer || c.durable === consumer)) {
      const pending = Math.min(counts[spec.durable], perConsumer);
      // Read message by message (dead letters are few): no consumer to create, so the service's
      // NATS user needs no right over consumers of the dead-letter stream.
      let sequence = 0;
      for (let read = 0; read < pending; read++) {
        // The first message of the subject from this sequence on: NATS 2.9 serves it, nats.js's type omits it.
        const next = { seq: sequence + 1, next_by_subj: this.options.topology.deadLetterSubject(spec.durable) } as unknown as MsgRequest;
        const stored = await jsm.streams.getMessage(this.options.topology.deadLetterStream, next);
        if (!stored) break;
        sequence = stored.seq;
        yield this.deadLetterOf(stored.seq, stored.header, stored.data, stored.time);
      }
    }
  }

  /**
   * Erases one consortium from the streams, for deleting it: its events (the stream is otherwise
   * append-only; only by the service with `purgesConsortiumEvents`) and every dead letter of this
   * service's consumers that carries one of its events.
   */
  async purgeConsortium(consortiumId: string): Promise<{ events: number; deadLetters: number }> {
    const jsm = await this.options.js.jetstreamManager();
    const purged = this.options.purgesConsortiumEvents ? (await jsm.streams.purge(this.options.topology.eventsStream, { filter: consortiumEventsSubject(consortiumId, this.options.topology.namespace) })).purged : 0;
    const carrying: number[] = [];
    for await (const letter of this.eachDeadLetter()) {
      if ((letter.event as { consortiumid?: unknown } | null)?.consortiumid === consortiumId) carrying.push(letter.sequence);
    }
    for (const sequence of carrying) await jsm.streams.deleteMessage(this.options.topology.deadLetterStream, sequence, false);
    return { events: purged, deadLetters: carrying.length };
  }

  /** One dead letter of this service's consumers, or null (none with this sequence, or another service's). */
  async deadLetter(sequence: number): Promise<DeadLetter | null> {
    const jsm = await this.options.js.jetstreamManager();
    const stored = await jsm.streams.getMessage(this.options.topology.deadLetterStream, { seq: sequence }).catch(() => null);
    if (!stored) return null;
    const letter = this.deadLetterOf(stored.seq, stored.header, stored.data, stored.time);
    return this.options.consumers.some((c) => c.durable === letter.consumer) ? letter : null;
  }

  /**
   * Applies a dead letter again through the same path as live events (processed-event record and
   * handler in one transaction), once whatever kept it from applying is fixed: the code or the
   * database, or the event itself when the operator gives a corrected one (with the same id).
   * Applied or found applied, it leaves the dead-letter stream; failing again, it stays.
   */
  async redrive(sequence: number, corrected?: unknown): Promise<RedriveOutcome | null> {
    const letter = await this.deadLetter(sequence);
    if (!letter) return null;
    let text: string;
    if (corrected === undefined) text = typeof letter.event === 'string' ? letter.event : JSON.stringify(letter.event);
    else {
      const original = letter.event as { id?: unknown };
      if (typeof original !== 'object' || original === null || (corrected as { id?: unknown })?.id !== original.id) {
        return { sequence, outcome: 'failed', reason: 'a corrected event keeps the id of the one it replaces' };
      }
      text = JSON.stringify(corrected);
    }
    const decoded = this.decode(text, letter.originalSubject);
    if (decoded.kind === 'dead-letter') return { sequence, outcome: 'failed', reason: decoded.reason };
    let outcome: RedriveOutcome['outcome'] = 'skipped';
    if (decoded.kind === 'apply') {
      try {
        const [fresh] = await this.applyTogether(letter.consumer, [{ event: decoded.event, handler: decoded.handler, origin: { subject: letter.originalSubject, sequence: letter.originalSequence } }]);
        outcome = fresh ? 'applied' : 'already-applied';
        if (fresh) this.count(letter.consumer).applied++;
      } catch (error) {
        return { sequence, outcome: 'failed', reason: String(error) };
      }
    }
    const jsm = await this.options.js.jetstreamManager();
    await jsm.streams.deleteMessage(this.options.topology.deadLetterStream, sequence, false);
    this.options.log('info', 'dead letter redriven', { consumer: letter.consumer, sequence, outcome });
    return { sequence, outcome };
  }

  private deadLetterOf(sequence: number, h: MsgHdrs | undefined, data: Uint8Array, at: Date): DeadLetter {
    const text = new TextDecoder().decode(data);
    let event: unknown = text;
    try {
      event = JSON.parse(text);
    } catch {
      // not JSON: shown as the text it is
    }
    return {
      sequence,
      consumer: h?.get(deadLetterHeaders.consumer) ?? '',
      reason: h?.get(deadLetterHeaders.reason) ?? '',
      originalSubject: h?.get(deadLetterHeaders.subject) ?? '',
      originalSequence: Number(h?.get(deadLetterHeaders.sequence) ?? 0),
      deliveries: Number(h?.get(deadLetterHeaders.deliveries) ?? 0),
      deadLetteredAt: at.toISOString(),
      event,
    };
  }

  /** What to do with a message: apply it with its handler, dead-letter it, or skip it. */
  private decode(text: string, subject: string): Decoded {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { kind: 'dead-letter', reason: `not JSON: ${String(error)}` };
    }
    const parsed = parseEvent(raw);
    if (!parsed.ok && !parsed.unknownType) return { kind: 'dead-letter', reason: parsed.reason };
    // An event is read on the subject of its own type and consortium: anything else is forged or misrouted.
    if (parsed.ok && subject !== eventSubject(parsed.event.type, parsed.event.consortiumid, this.options.topology.namespace)) {
      return { kind: 'dead-letter', reason: `published on ${subject}, not the subject of a ${parsed.event.type} event of consortium ${parsed.event.consortiumid}` };
    }
    // Patterns are event types, plain strings: looked up directly. (getHandlerByPattern first tries
    // JSON.parse on each, and the exception it throws and catches per message cost a tenth of ingest.)
    const handler = parsed.ok ? (this.messageHandlers.get(parsed.event.type) ?? null) : null;
    // A well-formed event this service does not need, or a version newer than its catalogue.
    if (!parsed.ok || !handler) return { kind: 'skip' };
    return { kind: 'apply', event: parsed.event, handler };
  }

  /**
   * Applies events in one transaction of the platform's (row-level security lets it see every
   * consortium), optionally into another schema: each event's processed-event record and effect,
   * then the work they asked for at commit. Returns, per event, whether it was new.
   */
  private applyTogether(consumer: string, applications: Application[], schema?: string): Promise<boolean[]> {
    return asPlatform(() =>
      this.options.db.transaction(async (manager) => {
        if (schema) await manager.query(`SELECT set_config('search_path', $1, true)`, [schema]);
        // The batch's processed-event records in one statement: those already there were applied before.
        const recorded: { event_id: string }[] = await manager.query(
          `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
          [consumer, applications.map((a) => a.event.id)],
        );
        const unapplied = new Set(recorded.map((r) => r.event_id));
        const atCommit = new AtCommit();
        const fresh: boolean[] = [];
        for (const [index, application] of applications.entries()) {
          // Also false for the second copy of an event within the batch.
          const isNew = unapplied.delete(application.event.id);
          fresh.push(isNew);
          if (!isNew) continue;
          try {
            await this.traced(consumer, application, () => this.apply(manager, consumer, application, atCommit));
          } catch (error) {
            throw new EventFailed(index, error);
          }
        }
        await atCommit.run(manager);
        return fresh;
      }),
    );
  }

  /** The handler's writes, in the caller's transaction. */
  private async apply(manager: EntityManager, consumer: string, { event, handler, origin }: Application, atCommit: AtCommit): Promise<void> {
    const result = await handler(event, new JetStreamContext([origin, manager, consumer, atCommit]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  /** A consumer span per event, a child of the span that published it. */
  private traced<T>(consumer: string, { event, origin, msg }: Application, work: () => Promise<T>): Promise<T> {
    const parent = extractTraceContext(msg?.headers, event.traceparent);
    return inSpan(
      `${origin.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: messagingAttributes({ process: consumer }, { subject: origin.subject, id: event.id, type: event.type, consortiumId: event.consortiumid }),
      },
      parent,
      work,
    );
  }

  /** A batch of live messages: dead letters and skips at once, then the events together. */
  private async handle(consumer: string, arrivals: Arrival[]): Promise<void> {
    const applications: Application[] = [];
    for (const { msg, decoded } of arrivals) {
      if (decoded.kind === 'dead-letter') await this.sendToDeadLetters(consumer, msg, decoded.reason);
      else if (decoded.kind === 'skip') {
        this.count(consumer).ignored++;
        msg.ack();
      } else applications.push({ event: decoded.event, handler: decoded.handler, origin: { subject: msg.subject, sequence: msg.seq }, msg });
    }
    if (applications.length > 0) await this.applyLive(consumer, applications);
  }

  /**
   * Live events in one transaction, acknowledged once it commits. If one fails, it is applied on
   * its own (and retried or dead-lettered), those before and after it together again. A failure
   * at commit (a batch write, work at commit) names no event: the batch is halved until it does.
   */
  private async applyLive(consumer: string, applications: Application[]): Promise<void> {
    let fresh: boolean[];
    try {
      fresh = await this.applyTogether(consumer, applications);
    } catch (error) {
      if (applications.length === 1) return this.retryOrDeadLetter(consumer, applications[0].msg!, error instanceof EventFailed ? error.reason : error);
      if (!(error instanceof EventFailed)) {
        const half = Math.ceil(applications.length / 2);
        await this.applyLive(consumer, applications.slice(0, half));
        await this.applyLive(consumer, applications.slice(half));
        return;
      }
      const at = error.index;
      if (at > 0) await this.applyLive(consumer, applications.slice(0, at));
      await this.applyLive(consumer, [applications[at]]);
      if (at + 1 < applications.length) await this.applyLive(consumer, applications.slice(at + 1));
      return;
    }
    if (fresh.some(Boolean)) failpoint('consumer-after-commit');
    const counter = this.count(consumer);
    applications.forEach(({ event, msg }, i) => {
      msg!.ack();
      if (!fresh[i]) counter.duplicates++;
      else {
        counter.applied++;
        if (!counter.newestEventTime || Date.parse(event.time) > Date.parse(counter.newestEventTime)) counter.newestEventTime = event.time;
      }
    });
  }

  private async retryOrDeadLetter(consumer: string, msg: JsMsg, error: unknown): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    if (deliveries >= this.options.maxDeliveries) {
      await this.sendToDeadLetters(consumer, msg, `failed ${deliveries} times: ${String(error)}`);
      return;
    }
    const delay = Math.min(30_000, 250 * 2 ** (deliveries - 1));
    this.options.log('warn', 'event handling failed; will be redelivered', { consumer, subject: msg.subject, deliveries, delay, error: String(error) });
    msg.nak(delay);
  }

  /** Publishes the message to the dead-letter stream, then terminates it; if that fails, retries later. */
  private async sendToDeadLetters(consumer: string, msg: JsMsg, reason: string): Promise<void> {
    const h = headers();
    h.set(deadLetterHeaders.reason, reason.slice(0, 2000).replace(/[\r\n]+/g, ' '));
    h.set(deadLetterHeaders.consumer, consumer);
    h.set(deadLetterHeaders.subject, msg.subject);
    h.set(deadLetterHeaders.sequence, String(msg.seq));
    h.set(deadLetterHeaders.deliveries, String(msg.info.deliveryCount));
    try {
      await this.options.js.publish(this.options.topology.deadLetterSubject(consumer), msg.data, {
        msgID: `${consumer}:${msg.seq}`,
        headers: h,
      });
      // No reason with it: NATS 2.9 does not read `+TERM <reason>` and would deliver the message
      // again at every ack wait (the reason travels in the dead letter's headers).
      msg.term();
      this.count(consumer).deadLettered++;
      this.options.log('warn', 'event dead-lettered', { consumer, subject: msg.subject, sequence: msg.seq, reason });
    } catch (error) {
      this.options.log('error', 'dead-letter publish failed; will retry', { consumer, subject: msg.subject, error: String(error) });
      msg.nak(5000);
    }
  }
}
