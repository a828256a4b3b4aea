import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CloudEventEnvelope, EventData, EventDefinition, eventSubject } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { currentTraceparent } from '../trace-context';
import { appendEvents } from './outbox.sql';

/**
 * The only way a service publishes: events are appended in the transaction of the state change
 * and the relay sends them after commit.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly namespace: string,
  ) {}

  /**
   * Appends one event of `definition` per item of `events` (their data), each about the subject its
   * contract derives from the data.
   */
  append<T extends EventDefinition>(manager: EntityManager, consortiumId: string, definition: T, ...events: EventData<T>[]): Promise<CloudEventEnvelope[]> {
    return this.appendAll(
      manager,
      consortiumId,
      events.map((data) => outgoing(definition, data)),
    );
  }

  /** Appends events of several contracts in one statement, in the order given. */
  async appendAll(manager: EntityManager, consortiumId: string, events: Outgoing[]): Promise<CloudEventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Outbox.append must run inside the transaction of the state change');
    if (events.length === 0) return []; // callers append "whatever changed", which may be nothing
    const traceparent = currentTraceparent();
    const envelopes: CloudEventEnvelope[] = [];
    for (const { definition, data: event } of events) {
      // Producer-side check: a service never publishes data its own contract rejects.
      const data = definition.schema.parse(event);
      const envelope: CloudEventEnvelope = {
        specversion: '1.0',
        id: randomUUID(),
        source: this.source,
        type: definition.type,
        time: new Date().toISOString(),
        subject: definition.subjectOf(data),
        datacontenttype: 'application/json',
        dataschema: `urn:ccndr:event-schema:${definition.type}`,
        consortiumid: consortiumId,
        ...(traceparent ? { traceparent } : {}),
        data,
      };
      envelopes.push(envelope);
    }
    await query(manager, appendEvents, [
      envelopes.map((e) => e.id),
      envelopes.map((e) => eventSubject(e.type, e.consortiumid, this.namespace)),
      envelopes.map((e) => JSON.stringify(e)),
      envelopes.map(() => traceparent ?? null),
      envelopes.map((e) => e.consortiumid),
    ]);
    return envelopes;
  }
}

/** An event to append: its contract and its data. */
export interface Outgoing<T extends EventDefinition = EventDefinition> {
  definition: T;
  data: EventData<T>;
}

/** An event of `definition` with this data, typed by its contract. */
export function outgoing<T extends EventDefinition>(definition: T, data: EventData<T>): Outgoing {
  return { definition, data } as Outgoing;
}
