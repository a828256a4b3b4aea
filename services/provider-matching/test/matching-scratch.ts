import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CloudEventEnvelope, EventData, EventDefinition, FrameworkAdoptedV1, parseEvent, ReadinessGapsIdentifiedV1 } from '@ccndr/contracts';
import { JetStreamContext, Outbox } from '@ccndr/messaging';
import { createDataSource, openDatabase } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { FrameworkAdoptedV1Consumer } from '../src/events/framework-adopted.v1.consumer';
import { ReadinessGapsIdentifiedV1Consumer } from '../src/events/readiness-gaps-identified.v1.consumer';
import { MatchingService } from '../src/matching/matching.service';
import { providerMatchingService } from '../src/provider-matching.service-spec';

export type Handler = (event: CloudEventEnvelope<any>, ctx: JetStreamContext) => Promise<void>;

/** A scratch schema migrated as provider matching's, and the service's real handlers of assessments' events, by type. */
export interface MatchingScratch {
  readonly db: DataSource;
  readonly handlers: Map<string, Handler>;
}

/** Registers a spec file's hooks: the scratch schema (`<prefix>_<random>`) made before its tests and dropped after. */
export function matchingScratch(prefix: string): MatchingScratch {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const scratch = { db: undefined as unknown as DataSource, handlers: new Map<string, Handler>() };
  beforeAll(async () => {
    scratch.db = await openDatabase(
      createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: [...platformMigrations, ...providerMatchingService.migrations], poolSize: 2 }),
      schema,
    );
    const framework = new FrameworkAdoptedV1Consumer();
    const gaps = new ReadinessGapsIdentifiedV1Consumer(new MatchingService(scratch.db, new Outbox('/ccndr/provider-matching', schema)));
    scratch.handlers.set(FrameworkAdoptedV1.type, (e, ctx) => framework.handle(e, ctx));
    scratch.handlers.set(ReadinessGapsIdentifiedV1.type, (e, ctx) => gaps.handle(e, ctx));
  });
  afterAll(async () => {
    await scratch.db?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await scratch.db?.destroy();
  });
  return scratch;
}

/** A valid event of assessments (checked as the consumer checks it). */
export function assessmentsEvent<T extends EventDefinition>(definition: T, consortiumId: string, data: EventData<T>): CloudEventEnvelope {
  const parsed = parseEvent({ specversion: '1.0', id: randomUUID(), source: '/ccndr/assessments', type: definition.type, time: new Date().toISOString(), datacontenttype: 'application/json', consortiumid: consortiumId, data });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}
