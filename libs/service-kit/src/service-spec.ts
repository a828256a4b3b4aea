import { DurableConsumerSpec, EventBusTopology, messagingMigrations } from '@ccndr/messaging';
import { DataSource } from 'typeorm';
import { EntityTarget, MigrationClass } from '@ccndr/persistence';
import { CreateIdempotencyKeys1764000000002 } from './idempotency.migration';

/** What a service declares about itself; the platform module wires the rest. */
export interface ServiceSpec {
  /** Service name: also the default database schema and the CloudEvents source `/ccndr/<name>`. */
  name: string;
  defaultPort: number;
  title: { en: string; fr: string };
  entities: EntityTarget[];
  /** The service's own migrations; the platform's tables (outbox, processed events, idempotency keys) are added for it. */
  migrations: MigrationClass[];
  /**
   * The service that erases a deleted consortium's events from the events stream (the owner of
   * consortia): its NATS user alone may purge the stream; every other service erases only its dead letters.
   */
  purgesConsortiumEvents?: boolean;
  /** Durable consumers this service attaches, given the deployment's topology and settings (the environment). */
  consumers?: (topology: EventBusTopology, settings: Record<string, string | undefined>) => DurableConsumerSpec[];
  /**
   * A service whose tables are projections of the event stream can be rebuilt from it
   * (`POST /admin/rebuild`); `keep` names the tables that are state of its own, carried over;
   * `settle` finishes what the replay left to do in the rebuilt schema before it goes live.
   */
  rebuild?: { keep: string[]; settle?: (db: DataSource, schema: string) => Promise<void> };
  /**
   * Work derived from applied events and done after their commit, not yet done (evaluation:
   * consortia whose indicators are to be recomputed): in /health/ready and /metrics.
   */
  refreshBacklog?: (db: DataSource) => Promise<RefreshBacklog>;
}

export interface RefreshBacklog {
  pending: number;
  oldestAgeSeconds: number | null;
}

/** The tables every service has, created before its own. */
export const platformMigrations: MigrationClass[] = [...messagingMigrations, CreateIdempotencyKeys1764000000002];

export const SERVICE_SPEC = Symbol('SERVICE_SPEC');
export const EVENT_TOPOLOGY = Symbol('EVENT_TOPOLOGY');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
