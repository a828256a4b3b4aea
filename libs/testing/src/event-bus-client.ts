import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamClient, jetstreamManager, JetStreamManager, PubAck, StoredMsg } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { eventSubject, readFixtures } from '@ccndr/contracts';
import { EventBusTopology } from '@ccndr/messaging';

/**
 * A raw NATS client on a test system's bus: the test plays an outside publisher or subscriber.
 * It connects on first use; the test system closes it when it stops.
 */
export class EventBusClient {
  private connection?: Promise<{ nc: NatsConnection; js: JetStreamClient }>;

  constructor(
    private readonly natsUrl: string,
    private readonly topology: EventBusTopology,
  ) {}

  /** A fixture of `type` re-targeted at `consortiumId`, with a fresh event id. */
  event(type: string, consortiumId: string, data: Record<string, unknown> = {}): any {
    const fixture = readFixtures().find((f) => f.type === type);
    if (!fixture) throw new Error(`no fixture for ${type}`);
    const envelope = structuredClone(fixture.envelope) as any;
    return { ...envelope, id: randomUUID(), consortiumid: consortiumId, traceparent: undefined, data: { ...envelope.data, ...data } };
  }

  /** Publishes an envelope (or raw text) on the subject of its type; the message id defaults to the event id. */
  async publish(envelope: any, options: { msgId?: string; raw?: string } = {}): Promise<PubAck> {
    const { js } = await this.connect();
    const subject = eventSubject(envelope.type, envelope.consortiumid, this.topology.namespace);
    return js.publish(subject, options.raw ?? JSON.stringify(envelope), { msgID: options.msgId ?? envelope.id });
  }

  deadLetters(): Promise<StoredMsg[]> {
    return this.storedMessages(this.topology.deadLetterStream);
  }

  /** Every event published so far in the system's namespace, parsed, in stream order. */
  async publishedEvents(): Promise<any[]> {
    return (await this.publishedMessages()).map((m) => JSON.parse(m.string()));
  }

  /** Every message of the events stream in the system's namespace, with its headers, in stream order. */
  publishedMessages(): Promise<StoredMsg[]> {
    return this.storedMessages(this.topology.eventsStream);
  }

  /** JetStream's management API on this connection: stream and consumer state. */
  async manager(): Promise<JetStreamManager> {
    return jetstreamManager((await this.connect()).nc);
  }

  async close(): Promise<void> {
    if (this.connection) await (await this.connection).nc.close();
    this.connection = undefined;
  }

  private async connect(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    // Connected again if the connection gave up (a test stopped NATS for longer than the client retries).
    if (this.connection && (await this.connection.catch(() => undefined))?.nc.isClosed() !== false) this.connection = undefined;
    this.connection ??= connect({ servers: this.natsUrl }).then((nc) => ({ nc, js: jetstream(nc) }));
    return this.connection;
  }

  private async storedMessages(stream: string): Promise<StoredMsg[]> {
    const jsm = await this.manager();
    const info = await jsm.streams.info(stream);
    const messages: StoredMsg[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message) messages.push(message);
    }
    return messages;
  }
}
