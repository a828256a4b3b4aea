export * from './consumer/jetstream-context';
export * from './consumer/consortium-events-purge';
export * from './consumer/consumer-statistics';
export * from './consumer/dead-letter-store';
export * from './consumer/event-applier';
export * from './consumer/live-consumer';
export * from './consumer/partition-leases';
export * from './consumer/partition-leases.migration';
export * from './consumer/stream-replayer';
export * from './consumer/processed-events.migration';
export * from './nats-connection';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './outbox/outbox.migration';
export * from './retention/consortium-keys.migration';
export * from './retention/consortium-records';
export * from './retention/processed-events-pruner';
export * from './stream-snapshot';
export * from './topology';
export * from './trace-context';

import { CreateProcessedEvents1764000000001 } from './consumer/processed-events.migration';
import { CreateOutbox1764000000000 } from './outbox/outbox.migration';
import { ConsortiumKeysAndRetention1764000016100 } from './retention/consortium-keys.migration';

/** Migrations every service includes: its outbox and its processed-event records. */
export const messagingMigrations = [CreateOutbox1764000000000, CreateProcessedEvents1764000000001, ConsortiumKeysAndRetention1764000016100];
