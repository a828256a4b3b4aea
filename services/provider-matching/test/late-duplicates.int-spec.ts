import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CloudEventEnvelope, EventData, EventDefinition, eventSubject, FrameworkAdoptedV1, parseEvent, ReadinessGapsIdentifiedV1 } from '@ccndr/contracts';
import { EventApplier, eventBusTopology, JetStreamContext, Outbox } from '@ccndr/messaging';
import { asPlatform, createDataSource, openDatabase } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { FrameworkAdoptedV1Consumer } from '../src/events/framework-adopted.v1.consumer';
import { ReadinessGapsIdentifiedV1Consumer } from '../src/events/readiness-gaps-identified.v1.consumer';
import { MatchingService } from '../src/matching/matching.service';
import { providerMatchingService } from '../src/provider-matching.service-spec';

const consumer = 'provider-matching-readiness';
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();

/**
 * An event redelivered after its processed-event record was pruned (docs/operations.md,
 * "Retention") is applied again by the real applier: provider matching's handlers must leave every
 * table as it was and append nothing to the outbox (no second `match.suggested`).
 */
describe('provider matching: duplicates arriving after pruning', () => {
  const schema = `matching_dup_${randomBytes(4).toString('hex')}`;
  let db: DataSource;
  let applier: EventApplier;
  const handlers = new Map<string, (e: CloudEventEnvelope<any>, ctx: JetStreamContext) => Promise<void>>();

  beforeAll(async () => {
    db = await openDatabase(
      createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: [...platformMigrations, ...providerMatchingService.migrations], poolSize: 2 }),
      schema,
    );
    applier = new EventApplier(db, eventBusTopology(''));
    const gaps = new ReadinessGapsIdentifiedV1Consumer(new MatchingService(db, new Outbox('/ccndr/provider-matching', '')));
    const framework = new FrameworkAdoptedV1Consumer();
    handlers.set(ReadinessGapsIdentifiedV1.type, (e, ctx) => gaps.handle(e, ctx));
    handlers.set(FrameworkAdoptedV1.type, (e, ctx) => framework.handle(e, ctx));
  });

  afterAll(async () => {
    await db?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await db?.destroy();
  });

  function event<T extends EventDefinition>(definition: T, consortiumId: string, data: EventData<T>): CloudEventEnvelope {
    const parsed = parseEvent({ specversion: '1.0', id: randomUUID(), source: '/ccndr/assessments', type: definition.type, time: new Date().toISOString(), datacontenttype: 'application/json', consortiumid: consortiumId, data });
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.event;
  }

  /** Applies the event as the live consumer does; true when it was applied (not known as processed). */
  async function deliver(e: CloudEventEnvelope): Promise<boolean> {
    const handler = handlers.get(e.type)! as never;
    const [fresh] = await applier.applyTogether(consumer, [{ event: e, handler, origin: { subject: eventSubject(e.type, e.consortiumid), sequence: 1 } }]);
    return fresh;
  }

  /** What the consortium's event left: its needs, suggestions, framework, and the events appended to the outbox. */
  const state = (consortiumId: string) =>
    asPlatform(async () => ({
      needs: await db.query(`SELECT * FROM needs WHERE consortium_id = $1 ORDER BY dimension, status`, [consortiumId]),
      suggestions: await db.query(`SELECT * FROM suggestions WHERE consortium_id = $1 ORDER BY need_id, provider_id`, [consortiumId]),
      frameworks: await db.query(`SELECT * FROM consortium_frameworks WHERE consortium_id = $1`, [consortiumId]),
      outbox: await db.query(`SELECT event_id, subject FROM outbox WHERE consortium_id = $1 ORDER BY position`, [consortiumId]),
    }));

  /** Delivers `e`, runs `between` (what happened since), prunes its record, delivers it again: the second delivery is applied and changes nothing. */
  async function redeliveredAfterPruning(e: CloudEventEnvelope, between?: () => Promise<void>) {
    expect(await deliver(e)).toBe(true);
    await between?.();
    const before = await state(e.consortiumid);
    await db.query(`DELETE FROM processed_events WHERE consumer = $1 AND event_id = $2`, [consumer, e.id]);
    expect(await deliver(e)).toBe(true);
    expect(await state(e.consortiumid)).toEqual(before);
    return before;
  }

  const gapsOf = (consortiumId: string, organizationId: string) =>
    event(ReadinessGapsIdentifiedV1, consortiumId, {
      assessmentId: randomUUID(),
      organizationId,
      frameworkVersion: '2026.1',
      gaps: [
        { dimension: 'data-governance', currentStage: 1, targetStage: 3, priority: 1 },
        { dimension: 'cybersecurity', currentStage: 2, targetStage: 4, priority: 2 },
      ],
      identifiedAt: at(1),
    });

  it('creates no second need and announces no second suggestion for readiness gaps redelivered', async () => {
    const consortiumId = randomUUID();
    const before = await redeliveredAfterPruning(gapsOf(consortiumId, randomUUID()));
    expect(before.needs).toHaveLength(2);
    expect(before.outbox).toHaveLength(2);
  });

  it('leaves a need posted since, and one closed since, as they are when their gaps are redelivered', async () => {
    const consortiumId = randomUUID();
    await redeliveredAfterPruning(gapsOf(consortiumId, randomUUID()), () =>
      asPlatform(async () => {
        await db.query(`UPDATE needs SET status = 'open', description = 'Politique de données', posted_at = $2 WHERE consortium_id = $1 AND dimension = 'data-governance'`, [consortiumId, at(5)]);
        await db.query(`UPDATE needs SET status = 'closed' WHERE consortium_id = $1 AND dimension = 'cybersecurity'`, [consortiumId]);
      }),
    );
  });

  it('keeps the framework a later adoption left when an earlier adoption is redelivered', async () => {
    const consortiumId = randomUUID();
    const dimensions = (key: string) => [{ key, name: { fr: key, en: key } }];
    const first = event(FrameworkAdoptedV1, consortiumId, { frameworkVersion: '2026.1', dimensions: dimensions('data-literacy'), adoptedAt: at(1) });
    const before = await redeliveredAfterPruning(first, async () => {
      await deliver(event(FrameworkAdoptedV1, consortiumId, { frameworkVersion: '2026.2', dimensions: dimensions('data-strategy'), adoptedAt: at(2) }));
    });
    expect(before.frameworks).toEqual([expect.objectContaining({ framework_version: '2026.2' })]);
  });
});
