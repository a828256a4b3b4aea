import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readFixtures } from '@ccndr/contracts';
import { ServiceName } from '@ccndr/local-stack';
import { deadLetterHeaders } from '@ccndr/messaging';
import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { fromSchema, JsonSchema, junk } from './support/fuzz';
import { buildProgramme } from './support/programme';

/** Inputs per fuzz target (a service's bodies, paths or queries; the consumers' events). */
const runs = 1000;
const services: ServiceName[] = ['community', 'assessments', 'provider-matching', 'evaluation'];

interface Operation {
  method: string;
  template: string;
  body?: JsonSchema;
  query: string[];
}

/**
 * Property-based fuzzing from the services' own OpenAPI documents, so new routes are fuzzed
 * without editing this file, and of the consumers with events nobody should send. Whatever
 * comes in: no 5xx, a refused write leaves no row behind, and every service still answers its
 * readiness check afterwards.
 */
describe('hostile input: every route and every consumer, fuzzed', () => {
  let system: TestSystem;
  /** The admin's connection, reading what the watch recorded. */
  let watch: Client;
  let ids: Record<string, string>;
  let insider: string;
  let admin: string;
  const documents = new Map<ServiceName, Operation[]>();

  beforeAll(async () => {
    // Inputs by the thousand from one caller: the write and expensive-read limits (tested on their own) would answer most of them.
    system = await TestSystem.start({ services, env: { WRITE_LIMIT: '10000', EXPENSIVE_READ_LIMIT: '10000' } });
    const b = await buildProgramme(system, 2);
    const linked = await system.call('community', 'POST', `/consortia/${b.consortiumId}/members`, {
      token: b.coordinator,
      body: { organizationId: b.organizations.nonprofit, displayName: 'Insider', role: 'nonprofit-staff', subject: 'idp|fuzz-insider' },
    });
    expect(linked.status).toBe(201);
    insider = await consortiumToken({ [b.consortiumId]: ['coordinator', 'member', 'provider'] }, 'idp|fuzz-insider');
    admin = await adminToken();
    ids = { consortiumId: b.consortiumId, organizationId: b.organizations.nonprofit, memberId: linked.body.id, gatheringId: b.meetingId, key: 'o1.meeting-participants' };
    for (const service of services) {
      const document = (await system.call(service, 'GET', '/docs/openapi.json')).body;
      const operations: Operation[] = [];
      for (const [template, methods] of Object.entries<Record<string, any>>(document.paths)) {
        // A rebuild is a legitimate long operation of its own (tested elsewhere), not an input to fuzz.
        if (template.startsWith('/admin/rebuild')) continue;
        for (const [method, operation] of Object.entries<any>(methods)) {
          // Deleting a consortium's data is the operator's to do (e2e/operator.e2e-spec.ts): fuzzing it would erase the fixture.
          if (template.startsWith('/admin/consortia/') && method === 'delete') continue;
          operations.push({
            method: method.toUpperCase(),
            template,
            body: operation.requestBody?.content?.['application/json']?.schema,
            query: (operation.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
          });
        }
      }
      documents.set(service, operations);
    }
    watch = new Client({ connectionString: system.databaseUrl });
    await watch.connect();
    await watchWrites();
  });
  afterAll(async () => {
    await watch?.end();
    await system?.stop();
  });

  /** Every committed row change in the services' tables (not the relay's deletes or the consumers' dedupe records) is recorded. */
  async function watchWrites(): Promise<void> {
    await watch.query(`CREATE SCHEMA fuzz_watch`);
    await watch.query(`CREATE TABLE fuzz_watch.writes (n bigserial PRIMARY KEY, tab text NOT NULL)`);
    await watch.query(`CREATE FUNCTION fuzz_watch.record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN INSERT INTO fuzz_watch.writes (tab) VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME); RETURN NULL; END $$`);
    const tables = await watch.query(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('community', 'assessments', 'provider_matching', 'evaluation')
      AND tablename NOT IN ('processed_events', 'idempotency_keys', 'migrations')`);
    for (const { schemaname, tablename } of tables.rows) {
      const changes = tablename === 'outbox' ? 'INSERT' : 'INSERT OR UPDATE OR DELETE';
      await watch.query(`CREATE TRIGGER fuzz_watch AFTER ${changes} ON ${schemaname}.${tablename} FOR EACH ROW EXECUTE FUNCTION fuzz_watch.record()`);
    }
  }

  const recordedWrites = async (): Promise<number> => Number((await watch.query(`SELECT coalesce(max(n), 0) AS n FROM fuzz_watch.writes`)).rows[0].n);

  /**
   * A write the service refused (4xx) must leave nothing behind. Rows may also come from events
   * of earlier accepted inputs still being applied: a refusal seen beside new rows is sent again
   * once every service is idle, and only rows that come with it then count against it.
   */
  async function refusedWithoutWrites(service: ServiceName, method: string, path: string, body: unknown): Promise<number> {
    const before = await recordedWrites();
    const status = await send(service, method, path, body);
    if (method === 'GET' || status < 400 || status >= 500 || (await recordedWrites()) === before) return status;
    await system.settled();
    const quiet = await recordedWrites();
    const again = await send(service, method, path, body);
    if (again >= 400 && again < 500) {
      const written = (await watch.query(`SELECT tab FROM fuzz_watch.writes WHERE n > $1`, [quiet])).rows.map((r) => r.tab);
      if (written.length) throw new Error(`${method} ${path} was refused (${again}) but wrote to ${[...new Set(written)].join(', ')}`);
    }
    return again;
  }

  /** The status of one request; an event stream is cut once its status is known. */
  async function send(service: ServiceName, method: string, path: string, body?: unknown): Promise<number> {
    const aborter = new AbortController();
    const response = await fetch(`${system.service(service).url}${path}`, {
      method,
      headers: { authorization: `Bearer ${path.startsWith('/consortia/') ? insider : admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined || method === 'GET' ? undefined : JSON.stringify(body),
      signal: aborter.signal,
    });
    if (String(response.headers.get('content-type')).startsWith('text/event-stream')) aborter.abort();
    else await response.arrayBuffer();
    return response.status;
  }

  const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
  const fill = (template: string, value: (name: string) => string) => template.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
  const known = (name: string) => ids[name] ?? randomUUID();

  async function stillServing(service: ServiceName): Promise<void> {
    expect((await system.call(service, 'GET', '/health/ready')).status).toBe(200);
  }

  /** One target: `runs` inputs, each answered without a 5xx (the failing input is shrunk and shown). */
  async function fuzz<T>(service: ServiceName, input: fc.Arbitrary<T>, request: (value: T) => Promise<{ route: string; status: number }>): Promise<void> {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        tried++;
        const { route, status } = await request(value);
        if (status >= 500) throw new Error(`${route} answered ${status}`);
      }),
      { numRuns: runs, endOnFailure: true },
    );
    expect(tried).toBeGreaterThanOrEqual(runs);
    await stillServing(service);
  }

  describe.each(services)('%s', (service) => {
    it('answers every body of every writing route without a 5xx, and a refused one writes nothing', async () => {
      const writing = documents.get(service)!.filter((o) => o.method !== 'GET' && o.method !== 'DELETE');
      expect(writing.length).toBeGreaterThan(0);
      const input = fc.nat({ max: writing.length - 1 }).chain((i) => fc.tuple(fc.constant(writing[i]), fromSchema(writing[i].body)));
      await fuzz(service, input, async ([operation, body]) => ({ route: `${operation.method} ${operation.template} ${JSON.stringify(body)?.slice(0, 300)}`, status: await refusedWithoutWrites(service, operation.method, fill(operation.template, known), body) }));
    });

    it('answers every path of every route, with known, unknown and malformed ids, without a 5xx, and a refused write writes nothing', async () => {
      const routes = documents.get(service)!.filter((o) => o.template.includes('{'));
      const segment = fc.oneof(fc.constant(undefined), fc.uuid(), junk.map((v) => asText(v).slice(0, 300)));
      const input = fc.tuple(fc.nat({ max: routes.length - 1 }), fc.array(segment, { minLength: 4, maxLength: 4 }));
      await fuzz(service, input, async ([i, values]) => {
        const operation = routes[i];
        let n = 0;
        const path = fill(operation.template, (name) => {
          const value = values[n++ % values.length];
          return encodeURIComponent(value === undefined ? known(name) : value);
        });
        return { route: `${operation.method} ${path}`, status: await refusedWithoutWrites(service, operation.method, path, operation.method === 'GET' ? undefined : {}) };
      });
    });

    it('answers every query of every reading route without a 5xx', async () => {
      const reading = documents.get(service)!.filter((o) => o.method === 'GET');
      const input = fc.nat({ max: reading.length - 1 }).chain((i) =>
        fc.tuple(fc.constant(reading[i]), fc.dictionary(fc.oneof(...[...reading[i].query, 'lang', 'limit'].map((q) => fc.constant(q)), fc.string({ maxLength: 10 })), junk.map((v) => asText(v).slice(0, 2000)), { maxKeys: 4 })),
      );
      await fuzz(service, input, async ([operation, query]) => {
        const path = `${fill(operation.template, known)}?${new URLSearchParams(query as Record<string, string>)}`;
        return { route: `GET ${path.slice(0, 300)}`, status: await send(service, 'GET', path) };
      });
    });
  });

  it('applies none of a thousand malformed, oversized, wrong-version and wrong-tenant events, and goes on consuming', async () => {
    const indicators = async () => (await system.call('evaluation', 'GET', `/consortia/${ids.consortiumId}/indicators`, { token: insider })).body.map(({ key, value }: any) => ({ key, value }));
    const before = await expectEventually(async () => {
      const found = await indicators();
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    const fixtures = readFixtures();
    const typed = fc.constantFrom(...fixtures.map((f) => f.type));
    const hostile = fc.oneof(
      // Not JSON at all, or JSON that is not an event.
      fc.string({ maxLength: 200 }).map((raw) => ({ type: fixtures[0].type, raw })),
      junk.map((value) => ({ type: fixtures[0].type, raw: JSON.stringify(value) ?? 'undefined' })),
      // A known type whose data is wrong in shape.
      fc.tuple(typed, fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 6 })).map(([type, data]) => ({ type, envelope: { ...system.bus.event(type, ids.consortiumId), data } })),
      // A version this deployment does not know.
      typed.map((type) => ({ type, envelope: { ...system.bus.event(type, ids.consortiumId), type: type.replace(/\.v\d+$/, '.v99') } })),
      // Another tenant's event published on this consortium's subject.
      typed.map((type) => ({ type, raw: JSON.stringify(system.bus.event(type, randomUUID())), misrouted: true })),
      // Far larger than any event (half a megabyte).
      typed.map((type) => ({ type, envelope: { ...system.bus.event(type, ids.consortiumId), data: { padding: 'x'.repeat(500_000) } } })),
    );
    const sample = fc.sample(hostile, { numRuns: runs, seed: 42 });
    expect(sample).toHaveLength(runs);
    for (const item of sample) {
      const envelope = 'envelope' in item ? item.envelope : system.bus.event(item.type, ids.consortiumId);
      await system.bus.publish(envelope, 'raw' in item ? { raw: item.raw, msgId: randomUUID() } : { msgId: randomUUID() });
    }
    // A well-formed event behind them all: once it is applied, every one before it was handled.
    const marker = system.bus.event('ccndr.community.consortium.created.v1', randomUUID(), {});
    marker.data.consortiumId = marker.consortiumid;
    await system.bus.publish(marker);
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM evaluation.processed_events WHERE event_id = $1`, [marker.id])).toHaveLength(1), { timeoutMs: 120_000 });

    expect(await indicators()).toEqual(before);
    // The misrouted ones were refused for what they are, not applied to the consortium they name.
    const misrouted = sample.filter((item) => 'misrouted' in item).length;
    expect(misrouted).toBeGreaterThan(50);
    const refused = (await system.bus.deadLetters()).filter((l) => l.header.get(deadLetterHeaders.consumer) === 'evaluation' && /^published on /.test(l.header.get(deadLetterHeaders.reason)));
    expect(refused).toHaveLength(misrouted);
    for (const service of services) await stillServing(service);
  });
});
