import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AccessGuard, clientLimitProviders, ClientLimitsGuard, TokenVerifier } from '@ccndr/auth';
import { loadConfig, SERVICE_CONFIG, ServiceConfig, serviceConfigSchema } from '@ccndr/config';
import {
  consumerGroups,
  ConsortiumEventsPurge,
  ConsumerStatistics,
  DeadLetterStore,
  DurableConsumerSpec,
  EventApplier,
  eventBusTopology,
  EventBusTopology,
  LiveConsumer,
  Outbox,
  OutboxRelay,
  PartitionLeases,
  ProcessedEventsPruner,
  StreamReplayer,
  streamLimitsOf,
} from '@ccndr/messaging';
import { JsonLogger, stopTelemetry } from '@ccndr/observability';
import { createDataSource, escapesRowSecurity, openDatabase } from '@ccndr/persistence';
import { serviceLimits, TokenCheckLimit } from './client-limits';
import { ConsortiumScopeInterceptor } from './consortium-scope.interceptor';
import { ConsortiumDataController } from './consortium-data.controller';
import { DeadLettersController } from './dead-letters.controller';
import { HttpMetrics } from './http-metrics';
import { HealthController } from './health.controller';
import { IdempotencyInterceptor, IdempotencyKeyClaim } from './idempotency';
import { MetricsController, metricsRegistry } from './metrics.controller';
import { NatsLink } from './nats-link';
import { ServiceHealth } from './service-health';
import { ProblemFilter } from './problem.filter';
import { ProjectionRebuild } from './projection-rebuild';
import { RebuildController } from './rebuild.controller';
import { EVENT_TOPOLOGY, platformMigrations, SERVICE_SPEC, ServiceSpec } from './service-spec';

/**
 * Starts the relay and the pruning of processed-event records once the app is up; after the
 * consumers closed, stops them, NATS, the pool and telemetry (flushing spans).
 */
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(ProcessedEventsPruner) private readonly pruner: ProcessedEventsPruner,
    private readonly nats: NatsLink,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.pruner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pruner.stop();
    await this.relay.stop();
    await this.nats.close();
    if (this.db.isInitialized) await this.db.destroy();
    await stopTelemetry();
  }
}

export function loadServiceConfig<S extends z.ZodType = typeof serviceConfigSchema>(spec: ServiceSpec, schema?: S): z.infer<S> {
  return loadConfig({ PORT: String(spec.defaultPort), DATABASE_SCHEMA: spec.name.replace(/-/g, '_') }, process.env, schema);
}

/** The service's database, its schema migrated (under an advisory lock: instances may start together). */
export function openServiceDatabase(spec: ServiceSpec, c: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_SCHEMA'> & Partial<Pick<ServiceConfig, 'DATABASE_POOL_SIZE'>>): Promise<DataSource> {
  return openDatabase(
    createDataSource({
      url: c.DATABASE_URL,
      schema: c.DATABASE_SCHEMA,
      entities: spec.entities,
      migrations: [...platformMigrations, ...spec.migrations],
      subscribers: [IdempotencyKeyClaim],
      poolSize: c.DATABASE_POOL_SIZE,
    }),
    c.DATABASE_SCHEMA,
  );
}

/**
 * Everything a platform service shares, wired once: config, logger, database (migrated), NATS
 * with streams and durable consumers, outbox and relay, the JetStream transport, auth, errors, health.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(spec: ServiceSpec): DynamicModule {
    const consumersOf = (topology: EventBusTopology): DurableConsumerSpec[] => spec.consumers?.(topology, process.env) ?? [];
    const logTo = (logger: JsonLogger) => (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => logger.write(level, message, fields);
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController, DeadLettersController, ConsortiumDataController, ...(spec.rebuild ? [RebuildController] : [])],
      providers: [
        { provide: SERVICE_SPEC, useValue: spec },
        { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(spec) },
        { provide: JsonLogger, inject: [SERVICE_CONFIG], useFactory: (c: ServiceConfig) => new JsonLogger(spec.name, c.LOG_LEVEL) },
        { provide: EVENT_TOPOLOGY, inject: [SERVICE_CONFIG], useFactory: (c: ServiceConfig) => eventBusTopology(c.EVENT_NAMESPACE) },
        {
          provide: DataSource,
          inject: [SERVICE_CONFIG, JsonLogger],
          useFactory: async (c: ServiceConfig, logger: JsonLogger) => {
            const db = await openServiceDatabase(spec, c);
            if (await escapesRowSecurity(db)) logger.write('warn', 'the database role is a superuser or bypasses row-level security: only the application keeps consortia apart; connect as a role of the service’s own (docs/security.md)');
            return db;
          },
        },
        {
          provide: PartitionLeases,
          inject: [DataSource, EVENT_TOPOLOGY, JsonLogger],
          useFactory: (db: DataSource, topology: EventBusTopology, logger: JsonLogger) => new PartitionLeases(db, consumersOf(topology), logTo(logger)),
        },
        {
          provide: NatsLink,
          inject: [SERVICE_CONFIG, EVENT_TOPOLOGY, DataSource, JsonLogger, PartitionLeases],
          useFactory: async (c: ServiceConfig, topology: EventBusTopology, db: DataSource, logger: JsonLogger, leases: PartitionLeases) => {
            // Replicas of another partition count split the consortia differently: not beside them.
            if (consumersOf(topology).some((consumer) => consumer.partition)) await leases.refuseOtherCounts();
            return NatsLink.open({ url: c.NATS_URL, name: spec.name, user: c.NATS_USER, password: c.NATS_PASSWORD, topology, streamReplicas: c.NATS_STREAM_REPLICAS, streamLimits: streamLimitsOf(c), consumers: consumersOf(topology), db, logger });
          },
        },
        { provide: Outbox, inject: [SERVICE_CONFIG], useFactory: (c: ServiceConfig) => new Outbox(`/ccndr/${spec.name}`, c.EVENT_NAMESPACE) },
        {
          provide: OutboxRelay,
          inject: [DataSource, NatsLink, SERVICE_CONFIG, JsonLogger],
          useFactory: (db: DataSource, nats: NatsLink, c: ServiceConfig, logger: JsonLogger) =>
            new OutboxRelay(db, nats.js, {
              schema: c.DATABASE_SCHEMA,
              databaseUrl: c.DATABASE_URL,
              pollIntervalMs: c.OUTBOX_POLL_INTERVAL_MS,
              log: logTo(logger),
            }),
        },
        {
          provide: ProcessedEventsPruner,
          inject: [DataSource, SERVICE_CONFIG, JsonLogger],
          useFactory: (db: DataSource, c: ServiceConfig, logger: JsonLogger) =>
            new ProcessedEventsPruner(db, {
              horizonDays: c.PROCESSED_EVENTS_RETENTION_DAYS,
              batchSize: c.PROCESSED_EVENTS_PRUNE_BATCH,
              intervalMs: c.PROCESSED_EVENTS_PRUNE_INTERVAL_MS,
              log: logTo(logger),
            }),
        },
        // Consuming events, one job per part: the applier (exactly once, work at commit), the
        // statistics, the dead-letter store, the replayer, the consortium purge, the live transport.
        { provide: EventApplier, inject: [DataSource, EVENT_TOPOLOGY], useFactory: (db: DataSource, topology: EventBusTopology) => new EventApplier(db, topology) },
        {
          provide: ConsumerStatistics,
          inject: [NatsLink, EVENT_TOPOLOGY],
          useFactory: (nats: NatsLink, topology: EventBusTopology) => new ConsumerStatistics(nats.js, topology, consumersOf(topology)),
        },
        {
          provide: DeadLetterStore,
          inject: [NatsLink, EVENT_TOPOLOGY, EventApplier, ConsumerStatistics, JsonLogger],
          useFactory: (nats: NatsLink, topology: EventBusTopology, applier: EventApplier, statistics: ConsumerStatistics, logger: JsonLogger) =>
            new DeadLetterStore({ js: nats.js, topology, consumers: consumerGroups(consumersOf(topology)), applier, statistics, log: logTo(logger) }),
        },
        {
          provide: StreamReplayer,
          inject: [NatsLink, EVENT_TOPOLOGY, EventApplier],
          useFactory: (nats: NatsLink, topology: EventBusTopology, applier: EventApplier) => new StreamReplayer(nats.js, topology, applier),
        },
        {
          provide: ConsortiumEventsPurge,
          inject: [NatsLink, EVENT_TOPOLOGY, DeadLetterStore],
          useFactory: (nats: NatsLink, topology: EventBusTopology, deadLetters: DeadLetterStore) => new ConsortiumEventsPurge(nats.js, topology, deadLetters, spec.purgesConsortiumEvents ?? false),
        },
        {
          provide: LiveConsumer,
          inject: [NatsLink, SERVICE_CONFIG, EVENT_TOPOLOGY, EventApplier, DeadLetterStore, ConsumerStatistics, PartitionLeases, JsonLogger],
          useFactory: (nats: NatsLink, c: ServiceConfig, topology: EventBusTopology, applier: EventApplier, deadLetters: DeadLetterStore, statistics: ConsumerStatistics, leases: PartitionLeases, logger: JsonLogger) =>
            new LiveConsumer({ js: nats.js, topology, consumers: consumersOf(topology), maxDeliveries: c.CONSUMER_MAX_DELIVERIES, applier, deadLetters, statistics, leases, log: logTo(logger) }),
        },
        {
          provide: TokenVerifier,
          inject: [SERVICE_CONFIG],
          useFactory: (c: ServiceConfig) =>
            new TokenVerifier({ secret: c.AUTH_JWT_SECRET, jwksUrl: c.AUTH_JWKS_URL, issuer: c.AUTH_ISSUER, audience: c.AUTH_AUDIENCE }),
        },
        // Authentication, behind the limit on failed token checks; then the limits per caller.
        AccessGuard,
        { provide: APP_GUARD, useClass: TokenCheckLimit },
        { provide: APP_GUARD, useClass: ClientLimitsGuard },
        ...clientLimitProviders(SERVICE_CONFIG, serviceLimits),
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: Registry, useFactory: () => metricsRegistry(spec) },
        HttpMetrics,
        ServiceHealth,
        { provide: APP_INTERCEPTOR, useClass: ConsortiumScopeInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        PlatformLifecycle,
        ...(spec.rebuild ? [ProjectionRebuild] : []),
      ],
      exports: [SERVICE_CONFIG, SERVICE_SPEC, JsonLogger, Registry, EVENT_TOPOLOGY, DataSource, NatsLink, Outbox, OutboxRelay, EventApplier, ConsumerStatistics, DeadLetterStore, StreamReplayer, ConsortiumEventsPurge, LiveConsumer, PartitionLeases, TokenVerifier],
    };
  }
}
