import { JetStreamClient, JsMsg, MsgRequest } from '@nats-io/jetstream';
import { headers, MsgHdrs } from '@nats-io/transport-node';
import { DurableConsumerSpec, EventBusTopology } from '../topology';
import { ConsumerStatistics } from './consumer-statistics';
import { EventApplier } from './event-applier';

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

export interface DeadLetterStoreOptions {
  js: JetStreamClient;
  topology: EventBusTopology;
  /** This service's durable consumers: the store sees their dead letters only. */
  consumers: DurableConsumerSpec[];
  applier: EventApplier;
  statistics: ConsumerStatistics;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * The dead letters of this service's consumers, in the dead-letter stream (one subject per
 * consumer, the reason in headers): added by the live consumer, counted, listed, redriven through
 * the event applier, and erased with their consortium.
 */
export class DeadLetterStore {
  constructor(private readonly options: DeadLetterStoreOptions) {}

  /** Publishes a live message to the dead-letter stream with the reason; throws if it could not. */
  async add(consumer: string, msg: JsMsg, reason: string): Promise<void> {
    const h = headers();
    h.set(deadLetterHeaders.reason, reason.slice(0, 2000).replace(/[\r\n]+/g, ' '));
    h.set(deadLetterHeaders.consumer, consumer);
    h.set(deadLetterHeaders.subject, msg.subject);
    h.set(deadLetterHeaders.sequence, String(msg.seq));
    h.set(deadLetterHeaders.deliveries, String(msg.info.deliveryCount));
    await this.options.js.publish(this.options.topology.deadLetterSubject(consumer), msg.data, { msgID: `${consumer}:${msg.seq}`, headers: h });
  }

  /** How many dead letters each of this service's consumers has waiting. */
  async counts(): Promise<Record<string, number>> {
    const jsm = await this.options.js.jetstreamManager();
    const { topology } = this.options;
    const subjects = (await jsm.streams.info(topology.deadLetterStream, { subjects_filter: topology.deadLetterSubjects })).state.subjects ?? {};
    return Object.fromEntries(this.options.consumers.map((c) => [c.durable, subjects[topology.deadLetterSubject(c.durable)] ?? 0]));
  }

  /** The dead letters of this service's consumers, oldest first (at most `limit`). */
  async list(options: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const limit = Math.min(options.limit ?? 100, 1000);
    const found: DeadLetter[] = [];
    // Each consumer's letters come in order; the first `limit` of each are enough to merge.
    for await (const letter of this.each(options.consumer, limit)) found.push(letter);
    return found.sort((a, b) => a.sequence - b.sequence).slice(0, limit);
  }

  /** One dead letter of this service's consumers, or null (none with this sequence, or another service's). */
  async get(sequence: number): Promise<DeadLetter | null> {
    const jsm = await this.options.js.jetstreamManager();
    const stored = await jsm.streams.getMessage(this.options.topology.deadLetterStream, { seq: sequence }).catch(() => null);
    if (!stored) return null;
    const letter = letterOf(stored.seq, stored.header, stored.data, stored.time);
    return this.options.consumers.some((c) => c.durable === letter.consumer) ? letter : null;
  }

  /**
   * Applies a dead letter again through the same path as live events (processed-event record and
   * handler in one transaction), once whatever kept it from applying is fixed: the code or the
   * database, or the event itself when the operator gives a corrected one (with the same id).
   * Applied or found applied, it leaves the dead-letter stream; failing again, it stays.
   */
  async redrive(sequence: number, corrected?: unknown): Promise<RedriveOutcome | null> {
    const letter = await this.get(sequence);
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
    const decoded = this.options.applier.decode(text, letter.originalSubject);
    if (decoded.kind === 'dead-letter') return { sequence, outcome: 'failed', reason: decoded.reason };
    let outcome: RedriveOutcome['outcome'] = 'skipped';
    if (decoded.kind === 'apply') {
      try {
        const [fresh] = await this.options.applier.applyTogether(letter.consumer, [
          { event: decoded.event, handler: decoded.handler, origin: { subject: letter.originalSubject, sequence: letter.originalSequence } },
        ]);
        outcome = fresh ? 'applied' : 'already-applied';
        if (fresh) this.options.statistics.applied(letter.consumer);
      } catch (error) {
        return { sequence, outcome: 'failed', reason: String(error) };
      }
    }
    const jsm = await this.options.js.jetstreamManager();
    await jsm.streams.deleteMessage(this.options.topology.deadLetterStream, sequence, false);
    this.options.log('info', 'dead letter redriven', { consumer: letter.consumer, sequence, outcome });
    return { sequence, outcome };
  }

  /** Erases every dead letter of this service's consumers that carries an event of the consortium; returns how many. */
  async eraseConsortium(consortiumId: string): Promise<number> {
    const carrying: number[] = [];
    for await (const letter of this.each()) {
      if ((letter.event as { consortiumid?: unknown } | null)?.consortiumid === consortiumId) carrying.push(letter.sequence);
    }
    const jsm = await this.options.js.jetstreamManager();
    for (const sequence of carrying) await jsm.streams.deleteMessage(this.options.topology.deadLetterStream, sequence, false);
    return carrying.length;
  }

  /** Every dead letter of this service's consumers (or of one), each consumer's in order, up to `perConsumer` each. */
  private async *each(consumer?: string, perConsumer = Infinity): AsyncGenerator<DeadLetter> {
    const counts = await this.counts();
    const jsm = await this.options.js.jetstreamManager();
    const { topology } = this.options;
    for (const spec of this.options.consumers.filter((c) => !consumer || c.durable === consumer)) {
      const pending = Math.min(counts[spec.durable], perConsumer);
      // Read message by message (dead letters are few): no consumer to create, so the service's
      // NATS user needs no right over consumers of the dead-letter stream.
      let sequence = 0;
      for (let read = 0; read < pending; read++) {
        // The first message of the subject from this sequence on: NATS 2.9 serves it, nats.js's type omits it.
        const next = { seq: sequence + 1, next_by_subj: topology.deadLetterSubject(spec.durable) } as unknown as MsgRequest;
        const stored = await jsm.streams.getMessage(topology.deadLetterStream, next);
        if (!stored) break;
        sequence = stored.seq;
        yield letterOf(stored.seq, stored.header, stored.data, stored.time);
      }
    }
  }
}

function letterOf(sequence: number, h: MsgHdrs | undefined, data: Uint8Array, at: Date): DeadLetter {
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
