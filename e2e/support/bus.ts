import { randomUUID } from 'node:crypto';
import { jetstream, JetStreamClient, jetstreamManager, StoredMsg } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { eventSubject, readFixtures } from '@ccndr/contracts';
import { TestSystem } from '@ccndr/testing';

/** A raw NATS client on the system's bus: the test plays an outside publisher. */
export class Bus {
  private constructor(
    private readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    private readonly system: TestSystem,
  ) {}

  static async open(system: TestSystem): Promise<Bus> {
    const nc = await connect({ servers: system.natsUrl });
    return new Bus(nc, jetstream(nc), system);
  }

  /** A fixture of `type` re-targeted at `consortiumId`, with a fresh event id. */
  event(type: string, consortiumId: string, data: Record<string, unknown> = {}): any {
    const fixture = readFixtures().find((f) => f.type === type);
    if (!fixture) throw new Error(`no fixture for ${type}`);
    const envelope = structuredClone(fixture.envelope) as any;
    return { ...envelope, id: randomUUID(), consortiumid: consortiumId, traceparent: undefined, data: { ...envelope.data, ...data } };
  }

  /** Publishes an envelope (or raw bytes) on the subject of its type; msgId defaults to the event id. */
  async publish(envelope: any, options: { msgId?: string; raw?: string } = {}) {
    const subject = eventSubject(envelope.type, envelope.consortiumid, this.system.namespace);
    return this.js.publish(subject, options.raw ?? JSON.stringify(envelope), { msgID: options.msgId ?? envelope.id });
  }

  deadLetters(): Promise<StoredMsg[]> {
    return this.storedMessages(this.system.topology.deadLetterStream);
  }

  /** Every event published so far in this system's namespace, parsed, in stream order. */
  async publishedEvents(): Promise<any[]> {
    return (await this.storedMessages(this.system.topology.eventsStream)).map((m) => JSON.parse(m.string()));
  }

  private async storedMessages(stream: string): Promise<StoredMsg[]> {
    const jsm = await jetstreamManager(this.nc);
    const info = await jsm.streams.info(stream);
    const messages: StoredMsg[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message) messages.push(message);
    }
    return messages;
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}
