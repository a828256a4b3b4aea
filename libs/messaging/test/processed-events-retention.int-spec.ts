import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CloudEventEnvelope, EventData, OrganizationJoinedV1, readFixtures } from '@ccndr/contracts';
import { createDataSource, openDatabase } from '@ccndr/persistence';
import { EventApplier, eraseConsortiumMessaging, eventBusTopology, messagingMigrations, Outbox, ProcessedEventsPruner } from '../src';

/** Processed-event records: their consortium, their pruning past the horizon in batches, their erasure with a consortium. */
describe('processed-event records', () => {
  const schema = `retention_test_${randomBytes(4).toString('hex')}`;
  const topology = eventBusTopology('');
  const fixture = readFixtures().find((f) => f.type === 'ccndr.community.organization.joined.v1')!.envelope as CloudEventEnvelope;
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase(createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: messagingMigrations, poolSize: 2 }), schema);
  });

  afterAll(async () => {
    await db?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await db?.destroy();
  });

  const records = async (): Promise<{ event_id: string; consortium_id: string | null }[]> => db.query(`SELECT event_id, consortium_id FROM processed_events ORDER BY event_id`);

  /** Records aged `days` (as if processed that long ago), of one consortium. */
  async function recordsAged(days: number, count: number, consortiumId = randomUUID()): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await db.query(`INSERT INTO processed_events (consumer, event_id, consortium_id, processed_at) SELECT 'projector', unnest($1::uuid[]), $2, now() - make_interval(days => $3)`, [ids, consortiumId, days]);
    return ids;
  }

  beforeEach(() => db.query(`TRUNCATE processed_events, outbox`));

  it('records the consortium of each event applied', async () => {
    const applier = new EventApplier(db, topology);
    const [a, b] = [randomUUID(), randomUUID()];
    const event = (consortiumid: string) => ({ ...fixture, id: randomUUID(), consortiumid });
    const applications = [event(a), event(b)].map((e) => ({ event: e, handler: async () => undefined, origin: { subject: 'any', sequence: 1 } }));
    await applier.applyTogether('projector', applications);
    expect((await records()).map((r) => r.consortium_id).sort()).toEqual([a, b].sort());
  });

  it('keeps the consortium of each event appended to the outbox', async () => {
    const consortiumId = randomUUID();
    await db.transaction((manager) => new Outbox('/ccndr/test', '').append(manager, consortiumId, OrganizationJoinedV1, fixture.data as EventData<typeof OrganizationJoinedV1>));
    expect(await db.query(`SELECT consortium_id FROM outbox`)).toEqual([{ consortium_id: consortiumId }]);
  });

  it('prunes the records past the horizon, a batch per transaction, and keeps the others', async () => {
    const old = await recordsAged(91, 7);
    const recent = await recordsAged(89, 3);
    const pruner = new ProcessedEventsPruner(db, { horizonDays: 90, batchSize: 3, intervalMs: 60_000, log: () => undefined });
    expect(await pruner.prune()).toBe(old.length);
    expect((await records()).map((r) => r.event_id)).toEqual([...recent].sort());
    // Nothing more to prune: a pass deletes nothing.
    expect(await pruner.prune()).toBe(0);
  });

  it('keeps the newest record however old, so a service with history still shows it', async () => {
    await recordsAged(95, 3);
    const newest = await recordsAged(91, 2);
    const pruner = new ProcessedEventsPruner(db, { horizonDays: 90, batchSize: 10, intervalMs: 60_000, log: () => undefined });
    expect(await pruner.prune()).toBe(3);
    expect((await records()).map((r) => r.event_id)).toEqual([...newest].sort());
  });

  it('finds the records past the horizon through the processed_at index', async () => {
    await recordsAged(91, 2000);
    const [plan] = await db.transaction(async (m) => {
      await m.query(`ANALYZE processed_events`);
      await m.query(`SET LOCAL enable_seqscan = off`);
      return m.query(`EXPLAIN (FORMAT JSON) SELECT consumer, event_id FROM processed_events WHERE processed_at < now() - make_interval(days => 90) ORDER BY processed_at LIMIT 10`);
    });
    expect(JSON.stringify(plan)).toContain('processed_events_age');
  });

  it('erases a deleted consortium’s records and outbox rows, and only those', async () => {
    const [gone, kept] = [randomUUID(), randomUUID()];
    await recordsAged(1, 4, gone);
    const keptIds = await recordsAged(1, 2, kept);
    for (const consortiumId of [gone, kept]) await db.query(`INSERT INTO outbox (event_id, subject, payload, consortium_id) VALUES ($1, 'any', '{}', $2)`, [randomUUID(), consortiumId]);
    const erased = await db.transaction((m) => eraseConsortiumMessaging(m, gone));
    expect(erased).toEqual({ outbox: 1, processed_events: 4 });
    expect((await records()).map((r) => r.event_id)).toEqual([...keptIds].sort());
    expect(await db.query(`SELECT consortium_id FROM outbox`)).toEqual([{ consortium_id: kept }]);
  });
});
