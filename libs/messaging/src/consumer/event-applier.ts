import { JsMsg } from '@nats-io/jetstream';
import { MessageHandler } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { CloudEventEnvelope, eventSubject, parseEnvelope, parseEventData } from '@ccndr/contracts';
import { asPlatform, query } from '@ccndr/persistence';
import { EventBusTopology } from '../topology';
import { extractTraceContext, inSpan, messagingAttributes } from '../trace-context';
import { recordProcessed, useSchema } from './event-applier.sql';
import { AtCommit, EventOrigin, JetStreamContext } from './jetstream-context';

/** What to do with a message: apply it with its handler, dead-letter it (with the reason), or skip it. */
export type Decoded = { kind: 'apply'; event: CloudEventEnvelope; handler: MessageHandler } | { kind: 'dead-letter'; reason: string } | { kind: 'skip' };

/** An event to apply with its handler, and where it was read. */
export interface Application {
  event: CloudEventEnvelope;
  handler: MessageHandler;
  origin: EventOrigin;
  /** The live message, acknowledged once the event's transaction commits (absent in replays and redrives). */
  msg?: JsMsg;
}

/** An event of a batch failed: which one, and why. */
export class EventFailed extends Error {
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
 * Applies events exactly once in effect, whoever read them (the live consumer, a replay, a
 * redrive): it decodes a message (JSON, envelope, the subject it came on, which must be its own
 * type's and consortium's, then the data's schema if the service handles the type), then applies a batch in one transaction: the processed-event records,
 * each new event's handler, the work the events asked for at commit (batch writes, `beforeCommit`).
 * Handlers are the service's `@EventPattern('<event type>')` methods, registered by the transport.
 */
export class EventApplier {
  private readonly handlers = new Map<string, MessageHandler>();

  constructor(
    private readonly db: DataSource,
    private readonly topology: EventBusTopology,
  ) {}

  /** The handler of one event type. */
  handle(type: string, handler: MessageHandler): void {
    this.handlers.set(type, handler);
  }

  /** What to do with a message's text read on `subject`. */
  decode(text: string, subject: string): Decoded {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { kind: 'dead-letter', reason: `not JSON: ${String(error)}` };
    }
    const envelope = parseEnvelope(raw);
    // A version newer than this service's catalogue.
    if (!envelope.ok) return envelope.unknownType ? { kind: 'skip' } : { kind: 'dead-letter', reason: envelope.reason };
    const { type, consortiumid } = envelope.event;
    // An event is read on the subject of its own type and consortium: anything else is forged or misrouted.
    if (subject !== eventSubject(type, consortiumid, this.topology.namespace)) {
      return { kind: 'dead-letter', reason: `published on ${subject}, not the subject of a ${type} event of consortium ${consortiumid}` };
    }
    // Patterns are event types, plain strings: looked up directly. (Nest's getHandlerByPattern first
    // tries JSON.parse on each, and the exception it throws and catches per message cost a tenth of ingest.)
    const handler = this.handlers.get(type);
    // A well-formed event this service does not need: its data is not checked (nothing reads it).
    if (!handler) return { kind: 'skip' };
    const parsed = parseEventData(envelope.event);
    if (!parsed.ok) return { kind: 'dead-letter', reason: parsed.reason };
    return { kind: 'apply', event: parsed.event, handler };
  }

  /**
   * Applies events in one transaction of the platform's (row-level security lets it see every
   * consortium), optionally into another schema: each event's processed-event record and effect,
   * then the work they asked for at commit. Returns, per event, whether it was new. A failing
   * event rolls the whole transaction back and is named by an EventFailed. `fence`, first in the
   * transaction, may refuse it (a partition's lease no longer held) by throwing.
   */
  applyTogether(consumer: string, applications: Application[], schema?: string, fence?: (manager: EntityManager) => Promise<void>): Promise<boolean[]> {
    return asPlatform(() =>
      this.db.transaction(async (manager) => {
        if (schema) await query(manager, useSchema, [schema]);
        await fence?.(manager);
        // The batch's processed-event records in one statement: those already there were applied before.
        const recorded = await query(manager, recordProcessed, [consumer, applications.map((a) => a.event.id), applications.map((a) => a.event.consortiumid)]);
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
    // Nest hands a handler's outcome (and its error, through the exception filter) back as an observable.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
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
}
