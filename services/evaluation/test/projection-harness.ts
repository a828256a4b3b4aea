import { randomBytes, randomUUID } from 'node:crypto';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { DataSource } from 'typeorm';
import { CloudEventEnvelope, ConsortiumCreatedV1, EventData, EventDefinition, eventSubject, GatheringAttendanceRecordedV1, GatheringScheduledV1, parseEvent, readFixtures } from '@ccndr/contracts';
import { AtCommit, JetStreamContext } from '@ccndr/messaging';
import { asPlatform, createDataSource, openDatabase } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { AppModule } from '../src/app.module';
import { evaluationConsumer, evaluationService } from '../src/evaluation.service-spec';
import { IndicatorsService, IndicatorView } from '../src/indicators/indicators.service';
import { refreshStaleIndicators } from '../src/indicators/refresh';

/*
 * Specification tests of the indicators: given events (contract fixtures with the data a test
 * changes, checked against their contract) → evaluation's own consumers, as the service registers
 * them, in one transaction with their batch writes at commit → a scratch schema migrated like the
 * service's on real PostgreSQL → the refresher's recomputation → the indicators as the API reads
 * them. No service process and no NATS: a spec runs in milliseconds.
 */

type Handler = (event: CloudEventEnvelope, ctx: JetStreamContext) => unknown;

/** Every `@EventPattern` handler of the service's controllers, by event type. */
function registeredHandlers(): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  const controllers: (new () => object)[] = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, AppModule) ?? [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = prototype[name];
      const patterns: string[] | undefined = typeof method === 'function' ? Reflect.getMetadata(PATTERN_METADATA, method) : undefined;
      if (!patterns) continue;
      // Consumers hold no state and take no dependencies: one instance each.
      const instance = new controller();
      for (const pattern of patterns) handlers.set(pattern, (method as Handler).bind(instance));
    }
  }
  return handlers;
}

let fixtures: Map<string, CloudEventEnvelope> | undefined;

/**
 * An event of this version as its first contract fixture has it, with a fresh id, in this
 * consortium, its data fields replaced by `data`; refused unless it satisfies its contract.
 */
export function fixtureEvent<D extends EventDefinition>(definition: D, consortiumId: string, data: Partial<EventData<D>> = {}): CloudEventEnvelope<EventData<D>> {
  fixtures ??= new Map(readFixtures().map((f): [string, CloudEventEnvelope] => [f.type, f.envelope as CloudEventEnvelope]).reverse());
  const fixture = fixtures.get(definition.type);
  if (!fixture) throw new Error(`no contract fixture of ${definition.type}`);
  const parsed = parseEvent({ ...fixture, id: randomUUID(), consortiumid: consortiumId, data: { ...(fixture.data as object), ...data } });
  if (!parsed.ok) throw new Error(`not a valid ${definition.type}: ${parsed.reason}`);
  return parsed.event as CloudEventEnvelope<EventData<D>>;
}

export class ProjectionHarness {
  private readonly handlers = registeredHandlers();
  private readonly indicatorsService: IndicatorsService;

  private constructor(
    private readonly db: DataSource,
    private readonly schema: string,
  ) {
    this.indicatorsService = new IndicatorsService(db);
  }

  /** A scratch schema with the service's migrations, on the test PostgreSQL. */
  static async start(): Promise<ProjectionHarness> {
    const schema = `evaluation_spec_${randomBytes(4).toString('hex')}`;
    const db = createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: [...platformMigrations, ...evaluationService.migrations], poolSize: 2 });
    return new ProjectionHarness(await openDatabase(db, schema), schema);
  }

  async stop(): Promise<void> {
    await this.db.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    await this.db.destroy();
  }

  /** Applies the events as one batch of the live consumer: their handlers, then the batch writes, in one transaction. */
  async apply(...events: CloudEventEnvelope[]): Promise<void> {
    await asPlatform(() =>
      this.db.transaction(async (manager) => {
        const atCommit = new AtCommit();
        for (const [index, event] of events.entries()) {
          const handler = this.handlers.get(event.type);
          if (!handler) throw new Error(`evaluation has no handler for ${event.type}`);
          const origin = { subject: eventSubject(event.type, event.consortiumid), sequence: index + 1 };
          await handler(event, new JetStreamContext([origin, manager, evaluationConsumer, atCommit]));
        }
        await atCommit.run(manager);
      }),
    );
  }

  /** Recomputes what the events marked stale, then reads the consortium's indicators as the API serves them, by key. */
  async indicators(consortiumId: string): Promise<Map<string, IndicatorView>> {
    const list = await asPlatform(async () => {
      while ((await refreshStaleIndicators(this.db)) > 0);
      return this.indicatorsService.list(consortiumId);
    });
    return new Map(list.map((i) => [i.key, i]));
  }

  /** Recomputes what the events marked stale, then runs `read` on the scratch schema as a route of the API would (with the API's services). */
  async read<T>(read: (db: DataSource) => Promise<T>): Promise<T> {
    return asPlatform(async () => {
      while ((await refreshStaleIndicators(this.db)) > 0);
      return read(this.db);
    });
  }

  /** Runs `read` on the scratch schema as it is, nothing recomputed first (what the events marked, before the refresher). */
  async peek<T>(read: (db: DataSource) => Promise<T>): Promise<T> {
    return asPlatform(() => read(this.db));
  }

  /** One indicator, recomputed; fails the test when the consortium has no such indicator. */
  async indicator(consortiumId: string, key: string): Promise<IndicatorView> {
    const found = (await this.indicators(consortiumId)).get(key);
    if (!found) throw new Error(`consortium ${consortiumId} has no indicator ${key}`);
    return found;
  }
}

/** What a test of a projection spec works with: its own consortium, created before it starts. */
export interface Projection {
  readonly consortiumId: string;
  /** An event of the test's consortium (see fixtureEvent). */
  event<D extends EventDefinition>(definition: D, data?: Partial<EventData<D>>): CloudEventEnvelope<EventData<D>>;
  apply(...events: CloudEventEnvelope[]): Promise<void>;
  indicators(): Promise<Map<string, IndicatorView>>;
  indicator(key: string): Promise<IndicatorView>;
  /** What a route reads, with the services it uses, after the recomputation (see ProjectionHarness.read). */
  read<T>(read: (db: DataSource, consortiumId: string) => Promise<T>): Promise<T>;
  /** The same, nothing recomputed first (see ProjectionHarness.peek). */
  peek<T>(read: (db: DataSource, consortiumId: string) => Promise<T>): Promise<T>;
}

/** Registers a spec file's hooks: one scratch schema for the file, a consortium of its own for each test. */
export function projectionSpec(): Projection {
  let harness: ProjectionHarness;
  let consortiumId: string;
  beforeAll(async () => {
    harness = await ProjectionHarness.start();
  });
  afterAll(() => harness?.stop());
  beforeEach(async () => {
    consortiumId = randomUUID();
    await harness.apply(fixtureEvent(ConsortiumCreatedV1, consortiumId, { consortiumId }));
  });
  return {
    get consortiumId() {
      return consortiumId;
    },
    event: (definition, data) => fixtureEvent(definition, consortiumId, data),
    apply: (...events) => harness.apply(...events),
    indicators: () => harness.indicators(consortiumId),
    indicator: (key) => harness.indicator(consortiumId, key),
    read: (read) => harness.read((db) => read(db, consortiumId)),
    peek: (read) => harness.peek((db) => read(db, consortiumId)),
  };
}

/** A consortium meeting that started at `startsAt`, attended by one member of each organisation given. */
export function heldMeeting(projection: Projection, startsAt: string, organizationIds: string[]): CloudEventEnvelope[] {
  const gatheringId = randomUUID();
  return [
    projection.event(GatheringScheduledV1, { gatheringId, kind: 'consortium-meeting', startsAt }),
    projection.event(GatheringAttendanceRecordedV1, {
      gatheringId,
      gatheringKind: 'consortium-meeting',
      attendees: organizationIds.map((organizationId) => ({ memberId: randomUUID(), organizationId })),
      recordedAt: startsAt,
    }),
  ];
}
