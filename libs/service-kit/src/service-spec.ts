import { DurableConsumerSpec, EventBusTopology } from '@ccndr/messaging';
import { EntityTarget, MigrationClass } from '@ccndr/persistence';

/** What a service declares about itself; the platform module wires the rest. */
export interface ServiceSpec {
  /** Service name: also the default database schema and the CloudEvents source `/ccndr/<name>`. */
  name: string;
  defaultPort: number;
  title: { en: string; fr: string };
  entities: EntityTarget[];
  /** The service's own migrations; the outbox and processed-event tables are added for it. */
  migrations: MigrationClass[];
  /** Durable consumers this service attaches, given the deployment's topology. */
  consumers?: (topology: EventBusTopology) => DurableConsumerSpec[];
  /**
   * A service whose tables are projections of the event stream can be rebuilt from it
   * (`POST /admin/rebuild`); `keep` names the tables that are state of its own, carried over.
   */
  rebuild?: { keep: string[] };
}

export const SERVICE_SPEC = Symbol('SERVICE_SPEC');
export const EVENT_TOPOLOGY = Symbol('EVENT_TOPOLOGY');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
