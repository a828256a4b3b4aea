import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { jetstream, JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/transport-node';
import { JsonLogger } from '@ccndr/observability';
import { within } from './within';
import { DataSource } from 'typeorm';
import { connectNats, consumerGroups, DurableConsumerSpec, ensureConsumerGroup, ensureDurableConsumer, ensureStreams, EventBusTopology, guardEventsStream, recordedAs, StreamLimits } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { appliedEventCount } from './nats-link.sql';

/** The service's NATS connection with its JetStream handle, and whether it is connected right now. */
export class NatsLink {
  connected = true;
  readonly js: JetStreamClient;
  /** The round trip under way, shared by every caller asking meanwhile (a frozen server would otherwise pile them up). */
  private roundTrip?: Promise<boolean>;

  private constructor(readonly connection: NatsConnection, logger: JsonLogger) {
    this.js = jetstream(connection);
    // Outside any trace: started while the service starts, it would otherwise log every later
    // disconnect under the start-up's trace id.
    context.with(ROOT_CONTEXT, () => {
      void (async () => {
        for await (const status of connection.status()) {
          if (status.type === 'disconnect') this.connected = false;
          if (status.type === 'reconnect') this.connected = true;
          if (status.type === 'disconnect' || status.type === 'reconnect') logger.write('warn', `nats ${status.type}`);
        }
      })();
    });
  }

  static async open(options: { url: string; name: string; user?: string; password?: string; topology: EventBusTopology; streamReplicas: number; streamLimits: StreamLimits; consumers: DurableConsumerSpec[]; db: DataSource; logger: JsonLogger }): Promise<NatsLink> {
    const connection = await connectNats(options);
    const jsm = await jetstreamManager(connection);
    if (options.consumers.length) {
      await guardEventsStream(jsm, options.topology, async () => (await query(options.db, appliedEventCount, []))[0].n).catch(async (error: unknown) => {
        await connection.close();
        throw error;
      });
    }
    for (const { stream, changed, kept } of await ensureStreams(jsm, options.topology, options.streamReplicas, options.streamLimits)) {
      if (changed.length) options.logger.write('info', `stream ${stream}: limits brought in line with the configuration (${changed.join(', ')})`);
      if (kept) options.logger.write('warn', `stream ${stream}: ${kept}; grow EVENTS_STREAM_MAX_BYTES or the stream's storage (docs/operations.md)`);
    }
    for (const consumer of options.consumers.filter((c) => !c.partition)) await ensureDurableConsumer(jsm, options.topology.eventsStream, consumer);
    for (const group of consumerGroups(options.consumers.filter((c) => c.partition))) {
      const specs = options.consumers.filter((c) => recordedAs(c) === group.durable);
      // One replica at a time changes the group's consumers (replicas may start together).
      const deleted = await options.db.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`consumer-group:${group.durable}`]);
        return ensureConsumerGroup(jsm, options.topology.eventsStream, specs);
      });
      if (deleted.length) options.logger.write('info', `consumer group ${group.durable}: now ${specs.length} partition(s); consumers ${deleted.join(', ')} deleted, the new ones start where they had all got to`);
    }
    return new NatsLink(connection, options.logger);
  }

  /**
   * Whether the server answers a round trip within `timeoutMs`. Being connected is not enough: a
   * frozen server keeps its socket open and answers nothing until the client's pings give up.
   */
  async responsive(timeoutMs: number): Promise<boolean> {
    if (!this.connected || this.connection.isClosed()) return false;
    this.roundTrip ??= this.connection.rtt().then(() => true, () => false).finally(() => (this.roundTrip = undefined));
    return (await within(this.roundTrip, timeoutMs)) ?? false;
  }

  async close(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain().catch(() => this.connection.close());
  }
}
