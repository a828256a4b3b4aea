import { randomBytes, randomUUID } from 'node:crypto';
import { jetstream, JetStreamClient, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { CloudEventEnvelope, eventSubject, readFixtures } from '@ccndr/contracts';
import { createDataSource, openDatabase } from '@ccndr/persistence';
import {
  AtCommit,
  BatchWrite,
  ConsumerStatistics,
  DeadLetterStore,
  defaultStreamLimits,
  ensureDurableConsumer,
  ensureStreams,
  EventApplier,
  eventBusTopology,
  JetStreamContext,
  LiveConsumer,
  messagingMigrations,
} from '../src';

/** Waits for `check` to hold, polling (bounded). */
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The consumer against a real PostgreSQL and a real JetStream: batches, fallback, work at commit. */
describe('LiveConsumer', () => {
  const suffix = randomBytes(4).toString('hex');
  const topology = eventBusTopology(`m${suffix}`);
  const schema = `consumer_test_${suffix}`;
  const spec = { durable: 'projector', filterSubject: topology.eventsSubjects };
  const fixture = readFixtures().find((f) => f.type === 'ccndr.community.organization.joined.v1')!.envelope as CloudEventEnvelope;
  let db: DataSource;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let server: LiveConsumer | undefined;
  let deadLetters: DeadLetterStore;

  /** The live consumer with its parts, as PlatformModule wires them. */
  function liveConsumer(maxDeliveries: number): LiveConsumer {
    const log = () => undefined;
    const applier = new EventApplier(db, topology);
    const statistics = new ConsumerStatistics(js, topology, [spec]);
    deadLetters = new DeadLetterStore({ js, topology, consumers: [spec], applier, statistics, log });
    return new LiveConsumer({ js, topology, consumers: [spec], maxDeliveries, applier, deadLetters, statistics, log });
  }

  beforeAll(async () => {
    db = await openDatabase(createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: messagingMigrations, poolSize: 4 }), schema);
    await db.query(`CREATE TABLE applied (event_id uuid NOT NULL, consortium_id uuid NOT NULL)`);
    await db.query(`CREATE TABLE at_commit (consortium_id uuid NOT NULL, events integer NOT NULL)`);
    nc = await connect({ servers: process.env.TEST_NATS_URL });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, topology, 1, { ...defaultStreamLimits, eventsMaxBytes: 1024 ** 3 });
    await ensureDurableConsumer(jsm, topology.eventsStream, spec);
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  afterAll(async () => {
    for (const stream of [topology.eventsStream, topology.deadLetterStream]) await jsm.streams.delete(stream).catch(() => undefined);
    await nc?.close();
    await db?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await db?.destroy();
  });

  it('checks the data of the events a service applies only: bad data of a type it handles is dead-lettered, of one it does not need ignored; a misrouted event is refused either way', () => {
    const applier = new EventApplier(db, topology);
    applier.handle(fixture.type, async () => undefined);
    const other = readFixtures().find((f) => f.type !== fixture.type)!.envelope as CloudEventEnvelope;
    const on = (event: CloudEventEnvelope, consortiumId = event.consortiumid) => applier.decode(JSON.stringify(event), eventSubject(event.type, consortiumId, topology.namespace));
    const bad = { wrong: true };

    expect(on(fixture)).toMatchObject({ kind: 'apply', event: { id: fixture.id } });
    expect(on({ ...fixture, data: bad })).toMatchObject({ kind: 'dead-letter', reason: expect.stringMatching(`^invalid ${fixture.type.replace(/\./g, '\\.')} data`) });
    expect(on({ ...other, data: bad })).toEqual({ kind: 'skip' });
    expect(on({ ...other, type: other.type.replace(/\.v\d+$/, '.v99') })).toEqual({ kind: 'skip' });
    for (const event of [fixture, { ...other, data: bad }]) expect(on(event, randomUUID())).toMatchObject({ kind: 'dead-letter', reason: expect.stringMatching(/^published on /) });
  });

  it('applies a backlog in batches, each event once; a failing event is retried alone, one that keeps failing is dead-lettered; work at commit runs once per key and batch', async () => {
    const consortia = [randomUUID(), randomUUID()];
    const events = Array.from({ length: 300 }, (_, i) => ({ ...fixture, id: randomUUID(), consortiumid: consortia[i % 2], traceparent: undefined }));
    const flaky = events[150].id;
    const poison = events[200].id;
    let flakyCalls = 0;
    // The backlog is in the stream before the consumer starts.
    await Promise.all(events.map((event) => js.publish(eventSubject(event.type, event.consortiumid, topology.namespace), JSON.stringify(event), { msgID: event.id })));

    server = liveConsumer(3);
    server.addHandler(
      fixture.type,
      async (event: CloudEventEnvelope, ctx: JetStreamContext) => {
        if (event.id === poison) throw new Error('this event cannot be applied');
        if (event.id === flaky && flakyCalls++ < 2) throw new Error('a passing failure');
        await ctx.manager.query(`INSERT INTO applied VALUES ($1, $2)`, [event.id, event.consortiumid]);
        ctx.beforeCommit(`count:${event.consortiumid}`, async (manager) => {
          await manager.query(`INSERT INTO at_commit VALUES ($1, (SELECT count(*) FROM applied WHERE consortium_id = $1))`, [event.consortiumid]);
        });
      },
      true,
    );
    await new Promise<void>((resolve, reject) => server!.listen((error) => (error ? reject(error) : resolve())));

    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM applied`))[0].n === 299);
    await until(async () => (await js.jetstreamManager()).streams.info(topology.deadLetterStream).then((i) => i.state.messages === 1));

    const [{ rows, distinct, transactions }] = await db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT a.event_id)::int AS distinct, count(DISTINCT p.processed_at)::int AS transactions
       FROM applied a JOIN processed_events p ON p.event_id = a.event_id`,
    );
    // Each applied once; the flaky one after two failures (tried at least three times); the poison one never.
    expect({ rows, distinct }).toEqual({ rows: 299, distinct: 299 });
    expect(flakyCalls).toBeGreaterThanOrEqual(3);
    expect((await db.query(`SELECT count(*)::int AS n FROM applied WHERE event_id = $1`, [poison]))[0].n).toBe(0);
    const letter = await (await js.jetstreamManager()).streams.getMessage(topology.deadLetterStream, { seq: 1 });
    expect(JSON.parse(letter!.string()).id).toBe(poison);
    // Batched: far fewer transactions (events of one transaction share its start time) than events.
    expect(transactions).toBeLessThan(300 / 5);
    // The work at commit ran once per consortium and transaction, after the transaction's events: its last count per consortium is the total.
    const commits = await db.query(
      `SELECT c.consortium_id, max(c.events)::int AS last, count(*)::int AS runs, (SELECT count(*)::int FROM applied a WHERE a.consortium_id = c.consortium_id) AS applied
       FROM at_commit c GROUP BY 1`,
    );
    for (const c of commits) {
      expect(c.last).toBe(c.applied);
      expect(c.runs).toBeLessThan(c.applied / 5);
    }
    expect(commits).toHaveLength(2);
  });

  it('writes a batch in one statement per batch write, each key\'s rows merged in the order they came; a row refused at commit is found by halving the batch and dead-lettered', async () => {
    // Last write wins, and each write of a key is counted: the outcome depends on the order of its rows.
    await db.query(`CREATE TABLE latest (key text PRIMARY KEY, value integer NOT NULL CHECK (value >= 0), writes integer NOT NULL)`);
    await db.query(`CREATE TABLE statements (at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await db.query(`CREATE FUNCTION log_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO statements DEFAULT VALUES; RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER log_statement AFTER INSERT ON latest FOR EACH STATEMENT EXECUTE FUNCTION log_statement()`);
    const latest: BatchWrite<{ key: string; value: number; writes: number }> = {
      statement: `INSERT INTO latest (key, value, writes) SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, writes = latest.writes + excluded.writes`,
      columns: ['key', 'value', 'writes'],
      merge: { key: (row) => row.key, keep: (earlier, later) => ({ ...later, writes: earlier.writes + later.writes }) },
    };
    const nothing: BatchWrite<{ key: string }> = { statement: `INSERT INTO latest (key, value) SELECT unnest($1::text[]), 0`, columns: ['key'] };
    const consortiumId = randomUUID();
    const events = Array.from({ length: 400 }, () => ({ ...fixture, id: randomUUID(), consortiumid: consortiumId, traceparent: undefined }));
    const values = new Map<string, number>(events.map((event, i) => [event.id, i]));
    const refused = events[333].id;
    for (const event of events) await js.publish(eventSubject(event.type, event.consortiumid, topology.namespace), JSON.stringify(event), { msgID: event.id });

    server = liveConsumer(2);
    server.addHandler(
      fixture.type,
      async (event: CloudEventEnvelope, ctx: JetStreamContext) => {
        const i = values.get(event.id)!;
        // The handler accepts it; only the statement at commit refuses it (a value under zero).
        ctx.write(latest, { key: `k${i % 100}`, value: event.id === refused ? -1 : i, writes: 1 });
        // An event may give a write no rows (an empty list in its data): nothing to run for it.
        ctx.write(nothing);
      },
      true,
    );
    await new Promise<void>((resolve, reject) => server!.listen((error) => (error ? reject(error) : resolve())));

    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM processed_events WHERE event_id = ANY ($1::uuid[])`, [[...values.keys()]]))[0].n === 399);
    await until(async () => (await jsm.streams.info(topology.deadLetterStream)).state.messages === 2);

    const rows: { key: string; value: number; writes: number }[] = await db.query(`SELECT key, value, writes FROM latest`);
    // Every key's last value is its last event's, and every event of it wrote once (the refused one never).
    const expected = Array.from({ length: 100 }, (_, k) => ({ key: `k${k}`, value: k === 33 ? 233 : 300 + k, writes: k === 33 ? 3 : 4 }));
    expect(rows.sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
    const [{ statements }] = await db.query(`SELECT count(*)::int AS statements FROM statements`);
    expect(statements).toBeLessThan(400 / 5);
    const letters = await deadLetters.list();
    expect(letters.map((l) => (l.event as CloudEventEnvelope).id)).toContain(refused);
  });

  it('runs a batch\'s writes in one order whatever order its events asked for them, so that two replicas writing the same rows wait for each other instead of deadlocking', async () => {
    const tables = ['lock_a', 'lock_b', 'lock_z'];
    const writes = Object.fromEntries(
      tables.map((table): [string, BatchWrite<{ key: string; n: number }>] => [
        table,
        {
          statement: `INSERT INTO ${table} (key, n) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (key) DO UPDATE SET n = ${table}.n + excluded.n`,
          columns: ['key', 'n'],
          merge: { key: (row) => row.key, keep: (earlier, later) => ({ key: later.key, n: earlier.n + later.n }) },
        },
      ]),
    );
    for (const table of tables) await db.query(`CREATE TABLE ${table} (key text PRIMARY KEY, n integer NOT NULL); INSERT INTO ${table} VALUES ('k', 0)`);
    // Two batches, as two replicas would apply them: the first asks a, z, b; the second b, z, a.
    const batch = (order: string[]) =>
      db.transaction(async (manager) => {
        const atCommit = new AtCommit();
        for (const table of order) atCommit.write(writes[table], [{ key: 'k', n: 1 }]);
        await atCommit.run(manager);
      });
    const waiting = async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;
    // A third session holds lock_z's row, so that each batch stops at it holding what it wrote before.
    const holder = db.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM lock_z WHERE key = 'k' FOR UPDATE`);
    const first = batch(['lock_a', 'lock_z', 'lock_b']);
    await until(async () => (await waiting()) === 1);
    const second = batch(['lock_b', 'lock_z', 'lock_a']);
    await until(async () => (await waiting()) === 2);
    await holder.commitTransaction();
    await holder.release();
    // In the order asked, each would hold a row the other waits for: PostgreSQL would abort one.
    expect(await Promise.allSettled([first, second])).toEqual([{ status: 'fulfilled', value: undefined }, { status: 'fulfilled', value: undefined }]);
    for (const table of tables) expect(await db.query(`SELECT n FROM ${table}`)).toEqual([{ n: 2 }]);
  });

  it('runs a derived batch write after the others, whatever order the events asked for them: it reads what they wrote', async () => {
    await db.query(`CREATE TABLE derived_facts (key text PRIMARY KEY); CREATE TABLE derived_counts (n integer NOT NULL)`);
    const facts: BatchWrite<{ key: string }> = { statement: `INSERT INTO derived_facts SELECT * FROM unnest($1::text[])`, columns: ['key'] };
    // Its statement sorts before the facts' (derived_counts < derived_facts): only `derived` puts it after them.
    const counts: BatchWrite<{ key: string }> = {
      statement: `INSERT INTO derived_counts SELECT count(*) FROM derived_facts WHERE key = ANY ($1::text[])`,
      columns: ['key'],
      derived: true,
    };
    expect(counts.statement < facts.statement).toBe(true);
    await db.transaction(async (manager) => {
      const atCommit = new AtCommit();
      atCommit.write(counts, [{ key: 'a' }, { key: 'b' }]);
      atCommit.write(facts, [{ key: 'a' }, { key: 'b' }]);
      await atCommit.run(manager);
    });
    expect(await db.query(`SELECT n FROM derived_counts`)).toEqual([{ n: 2 }]);
  });
});
