import { Client } from 'pg';
import { ServiceName } from '@ccndr/local-stack';
import { adminToken, consortiumToken, expectEventually, programmeLeadToken, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator } from './support/programme';

describe('tenant isolation', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation', 'assessments', 'provider-matching'] });
  });
  afterAll(() => system?.stop());

  /** The status alone: an event stream answers 200 and never ends. */
  async function statusOnly(service: ServiceName, path: string, token: string): Promise<number> {
    const aborter = new AbortController();
    const response = await fetch(`${system.service(service).url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: aborter.signal });
    aborter.abort();
    return response.status;
  }

  it('answers 404 to a coordinator of consortium A on every route of consortium B', async () => {
    const a = await buildProgramme(system, 1);
    const b = await buildProgramme(system, 1);
    await expectEventually(() => indicator(system, b.consortiumId, b.coordinator, 'o1.meeting-participants'));
    const circle = await system.call('community', 'POST', `/consortia/${b.consortiumId}/circles`, { token: b.coordinator, body: { name: 'Cercle B' } });
    await system.call('community', 'POST', `/consortia/${b.consortiumId}/gatherings/${b.meetingId}/registrations`, { token: b.coordinator, body: { memberId: b.members[0], response: 'going' } });
    const poster = await system.call('community', 'POST', `/consortia/${b.consortiumId}/members`, { token: b.coordinator, body: { organizationId: b.organizations.provider, displayName: 'Poster', role: 'provider-staff', subject: 'idp|poster-b' } });
    // B's insider: a coordinator who is also a linked member, so every route of B answers them.
    const posterToken = await consortiumToken({ [b.consortiumId]: ['coordinator', 'provider'] }, 'idp|poster-b');
    const admin = await adminToken();
    await system.call('community', 'PUT', `/consortia/${b.consortiumId}/self-identification`, { token: posterToken, body: { consent: true } });
    const thread = await system.call('community', 'POST', `/consortia/${b.consortiumId}/threads`, { token: posterToken, body: { title: 'B', body: 'B', language: 'en' } });
    expect([poster.status, thread.status]).toEqual([201, 201]);
    await system.call('community', 'POST', `/consortia/${b.consortiumId}/circles/${circle.body.id}/members`, { token: b.coordinator, body: { memberId: poster.body.id } });
    const model = await system.call('community', 'POST', `/consortia/${b.consortiumId}/collaboration-models`, { token: posterToken, body: { circleId: circle.body.id, title: 'B', description: 'B' } });
    expect(model.status).toBe(201);
    const survey = await system.call('community', 'POST', `/consortia/${b.consortiumId}/surveys`, { token: b.coordinator, body: { title: { fr: 'B', en: 'B' } } });
    const assessment = await expectEventually(async () => {
      const started = await system.call('assessments', 'POST', `/consortia/${b.consortiumId}/assessments`, { token: posterToken, body: { organizationId: b.organizations.provider } });
      expect(started.status).toBe(201);
      return started.body;
    });
    const framework = (await system.call('assessments', 'GET', `/consortia/${b.consortiumId}/framework`, { token: posterToken })).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, 's1'])));
    await system.call('assessments', 'PUT', `/consortia/${b.consortiumId}/assessments/${assessment.id}/answers`, { token: posterToken, body: { answers } });
    expect((await system.call('assessments', 'POST', `/consortia/${b.consortiumId}/assessments/${assessment.id}/submit`, { token: posterToken })).status).toBe(200);
    const ids: Record<string, string> = {
      assessmentId: assessment.id,
      surveyId: survey.body.id,
      modelId: model.body.id,
      threadId: thread.body.id,
      itemId: thread.body.id, consortiumId: b.consortiumId, gatheringId: b.meetingId, organizationId: b.organizations.provider, memberId: b.members[0], circleId: circle.body.id };

    const checked: string[] = [];
    await expectEventually(async () => expect((await system.call('assessments', 'GET', `/consortia/${b.consortiumId}/framework`, { token: b.coordinator })).status).toBe(200));
    const providerProfile = { offerings: [{ title: 'B', dimensions: ['culture'], stages: [1] }], languages: ['en'], remote: true, costModel: { kind: 'free' }, capacity: 1, responseTimeDays: 3 };
    await expectEventually(async () => expect((await system.call('provider-matching', 'PUT', `/consortia/${b.consortiumId}/providers/${b.organizations.provider}`, { token: posterToken, body: providerProfile })).status).toBe(200));
    const matching = (method: string, path: string, body: unknown) => system.call('provider-matching', method, `/consortia/${b.consortiumId}${path}`, { token: b.coordinator, body });
    const need = await matching('POST', '/needs', { organizationId: b.organizations.nonprofit, dimension: 'culture', description: 'B', language: 'en', staffHoursPerWeek: 2 });
    const engagement = await matching('POST', '/engagements', { needId: need.body.id, providerId: b.organizations.provider });
    const partnership = await matching('POST', '/partnerships', { organizationIds: [b.organizations.nonprofit, b.organizations.provider], title: 'B' });
    const period = await system.call('evaluation', 'POST', `/consortia/${b.consortiumId}/periods`, { token: b.coordinator, body: { from: '2026-01-01', to: '2026-02-01' } });
    expect([need.status, engagement.status, partnership.status, period.status]).toEqual([201, 201, 201, 201]);
    Object.assign(ids, { key: 'o1.meeting-participants', section: 'learnings', needId: need.body.id, engagementId: engagement.body.id, partnershipId: partnership.body.id, periodId: period.body.id });
    for (const service of ['community', 'evaluation', 'assessments', 'provider-matching'] as ServiceName[]) {
      const document = (await system.call(service, 'GET', '/docs/openapi.json')).body;
      for (const [template, operations] of Object.entries<Record<string, unknown>>(document.paths)) {
        if (!template.includes('{consortiumId}')) continue;
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
        for (const method of Object.keys(operations)) {
          const response = await system.call(service, method.toUpperCase(), path, { token: a.coordinator, body: method === 'get' ? undefined : {} });
          expect({ route: `${method.toUpperCase()} ${template}`, status: response.status }).toEqual({ route: `${method.toUpperCase()} ${template}`, status: 404 });
          // The same route works for B's own people (a platform admin for the operator's routes), so the 404 is isolation, not a missing route.
          if (method === 'get') expect({ route: template, status: await statusOnly(service, path, template.startsWith('/admin/') ? admin : posterToken) }).toEqual({ route: template, status: 200 });
          checked.push(`${service} ${method.toUpperCase()} ${template}`);
        }
      }
    }
    expect(checked).toEqual(expect.arrayContaining([
      'community POST /consortia/{consortiumId}/gatherings/{gatheringId}/attendance',
      'evaluation GET /consortia/{consortiumId}/indicators',
      'assessments GET /consortia/{consortiumId}/framework',
      'provider-matching PUT /consortia/{consortiumId}/providers/{organizationId}',
    ]));
    expect(checked.length).toBeGreaterThanOrEqual(30);
  });

  /** The platform's own tables, not a consortium's: the outbox, dedupe and idempotency records, migrations, published framework versions. */
  const platformTables = ['outbox', 'processed_events', 'idempotency_keys', 'migrations', 'framework_versions', 'consumer_leases', 'consumer_replicas'];
  const schemas: Record<Exclude<ServiceName, 'portal'>, string> = { community: 'community', assessments: 'assessments', 'provider-matching': 'provider_matching', evaluation: 'evaluation' };

  it('walls every tenant table with row-level security: a query without the application\'s filter sees only its scope\'s consortium', async () => {
    const a = await buildProgramme(system, 2);
    const b = await buildProgramme(system, 2);
    // Every service holds both consortia's rows before the walls are tried.
    await expectEventually(async () => {
      await indicator(system, a.consortiumId, a.coordinator, 'o1.meeting-participants');
      await indicator(system, b.consortiumId, b.coordinator, 'o1.meeting-participants');
      for (const schema of ['assessments', 'provider_matching']) {
        const [{ consortia }] = await system.sql(`SELECT count(DISTINCT consortium_id)::int AS consortia FROM ${schema}.members WHERE consortium_id IN ($1, $2)`, [a.consortiumId, b.consortiumId]);
        expect({ schema, consortia }).toEqual({ schema, consortia: 2 });
      }
    });
    await system.settled();

    for (const [service, schema] of Object.entries(schemas) as [Exclude<ServiceName, 'portal'>, string][]) {
      const tables = await system.sql<{ table: string; walled: boolean; forced: boolean; policies: number; programme: string | null; consortiumColumn: string | null }>(
        `SELECT c.relname AS table, c.relrowsecurity AS walled, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                (SELECT p.polcmd::text FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'programme_read') AS programme,
                (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname IN ('consortium_id') AND NOT a.attisdropped) AS "consortiumColumn"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
        [schema],
      );
      const tenantTables = tables.filter((t) => !platformTables.includes(t.table));
      expect(tenantTables.length).toBeGreaterThan(3);
      // A table added later without a wall fails here. Its one other policy, if any, lets the programme scope read (SELECT) and nothing more.
      for (const t of tenantTables) expect({ service, table: t.table, walled: t.walled, forced: t.forced, policies: t.policies }).toEqual({ service, table: t.table, walled: true, forced: true, policies: t.programme ? 2 : 1 });
      for (const t of tenantTables.filter((table) => table.programme)) expect({ service, table: t.table, programme: t.programme }).toEqual({ service, table: t.table, programme: 'r' });

      // As the service's own role, with the filter left out of every query.
      const db = new Client({ connectionString: system.serviceDatabaseUrls[service] });
      await db.connect();
      try {
        const [{ escapes }] = (await db.query(`SELECT rolsuper OR rolbypassrls AS escapes FROM pg_roles WHERE rolname = current_user`)).rows;
        expect(escapes).toBe(false);
        const counts = async (scope: string | null) => {
          if (scope !== null) await db.query(`SELECT set_config('ccndr.consortia', $1, false)`, [scope]);
          const seen: Record<string, number> = {};
          for (const t of tenantTables) seen[t.table] = (await db.query(`SELECT count(*)::int AS n FROM ${schema}.${t.table}`)).rows[0].n;
          return seen;
        };
        const unscoped = await counts(null);
        const asA = await counts(a.consortiumId);
        const asB = await counts(b.consortiumId);
        const asBoth = await counts(`${a.consortiumId},${b.consortiumId}`);
        for (const t of tenantTables) {
          // Nothing without a scope; each consortium its share, and the two shares make both's.
          expect({ service, table: t.table, unscoped: unscoped[t.table], split: asA[t.table] + asB[t.table] }).toEqual({ service, table: t.table, unscoped: 0, split: asBoth[t.table] });
          if (t.consortiumColumn) {
            // Exactly the consortium's own rows, as the admin (whom the wall does not hold) counts them.
            const [{ own }] = await system.sql(`SELECT count(*)::int AS own FROM ${schema}.${t.table} WHERE consortium_id = $1`, [a.consortiumId]);
            expect({ service, table: t.table, seen: asA[t.table] }).toEqual({ service, table: t.table, seen: own });
          }
        }
        // The walls hold at both consortia's core tables, which both have rows in.
        const core = { community: 'members', assessments: 'members', 'provider-matching': 'members', evaluation: 'indicators' }[service];
        expect({ service, a: asA[core] > 0, b: asB[core] > 0 }).toEqual({ service, a: true, b: true });
        // A write that would move a row into another consortium is refused by the wall itself.
        await db.query(`SELECT set_config('ccndr.consortia', $1, false)`, [a.consortiumId]);
        await expect(db.query(`UPDATE ${schema}.${core} SET consortium_id = $2 WHERE consortium_id = $1`, [a.consortiumId, b.consortiumId])).rejects.toThrow(/row-level security/);

        // The programme scope: every consortium's rows of the tables opened to it (evaluation's
        // names, indicators and benchmark sources), nothing of any other table, and no write.
        await db.query(`SELECT set_config('ccndr.consortia', '', false), set_config('ccndr.programme', 'read', false)`);
        const asProgramme = await counts(null);
        // The organisations' scores behind the benchmark: only those of the consortia that opted in.
        const optedInOnly = ['assessment_scores', 'completed_assessments'];
        for (const t of tenantTables) {
          const only = optedInOnly.includes(t.table) ? ` WHERE consortium_id IN (SELECT consortium_id FROM ${schema}.programme_benchmark WHERE opted_in)` : '';
          const [{ all }] = await system.sql(`SELECT count(*)::int AS all FROM ${schema}.${t.table}${only}`);
          expect({ service, table: t.table, seen: asProgramme[t.table] }).toEqual({ service, table: t.table, seen: t.programme ? all : 0 });
        }
        if (service === 'evaluation') {
          // With scores of a consortium that did not opt in, the programme scope sees none of them.
          const [{ outside }] = await system.sql(`SELECT count(*)::int AS outside FROM ${schema}.assessment_scores WHERE consortium_id NOT IN (SELECT consortium_id FROM ${schema}.programme_benchmark WHERE opted_in)`);
          expect(outside).toBeGreaterThan(0);
          const [{ seen }] = (await db.query(`SELECT count(*)::int AS seen FROM ${schema}.assessment_scores WHERE consortium_id NOT IN (SELECT consortium_id FROM ${schema}.programme_benchmark WHERE opted_in)`)).rows;
          expect(seen).toBe(0);
        }
        expect(tenantTables.filter((t) => t.programme).map((t) => t.table).sort()).toEqual(
          service === 'evaluation' ? ['assessment_scores', 'completed_assessments', 'consortia', 'consortium_frameworks', 'indicators', 'programme_benchmark'] : [],
        );
        if (service === 'evaluation') {
          expect((await db.query(`UPDATE evaluation.indicators SET value = 0 WHERE consortium_id = $1`, [a.consortiumId])).rowCount).toBe(0);
          await expect(db.query(`INSERT INTO evaluation.programme_benchmark VALUES ($1, true, now(), 'x')`, [a.consortiumId])).rejects.toThrow(/row-level security/);
        }
        await db.query(`SELECT set_config('ccndr.programme', '', false)`);
      } finally {
        await db.end();
      }
    }
  });

  it('keeps the programme view to CCNDR staff, and programme leads to it: a 403 on every consortium’s route, every write and the operator’s routes', async () => {
    const a = await buildProgramme(system, 1);
    const b = await buildProgramme(system, 1);
    await expectEventually(async () => {
      await indicator(system, a.consortiumId, a.coordinator, 'o1.meeting-participants');
      await indicator(system, b.consortiumId, b.coordinator, 'o1.meeting-participants');
    });
    const lead = await programmeLeadToken();
    // Both consortia side by side, with their names, for the programme lead and the platform admin alike.
    for (const token of [lead, await adminToken()]) {
      const view = await system.call('evaluation', 'GET', '/programme/indicators', { token });
      expect(view.status).toBe(200);
      const ids = view.body.consortia.map((c: { consortiumId: string }) => c.consortiumId);
      expect(ids).toEqual(expect.arrayContaining([a.consortiumId, b.consortiumId]));
      const ofB = view.body.consortia.find((c: { consortiumId: string }) => c.consortiumId === b.consortiumId);
      expect(ofB).toMatchObject({ name: { fr: 'Consortium emploi des jeunes', en: 'Consortium emploi des jeunes (EN)' } });
      expect(ofB.indicators.find((i: { key: string }) => i.key === 'o1.meeting-participants')).toEqual({
        key: 'o1.meeting-participants', outcome: 1, label: expect.any(Object), unit: 'count', value: 0, suppressed: false, target: { comparison: 'more-than', value: 60 }, status: 'not-met',
      });
      expect((await system.call('evaluation', 'GET', '/programme/readiness-benchmark', { token })).status).toBe(200);
    }
    // A coordinator, even of both consortia, stays inside each: no programme view.
    const both = await consortiumToken({ [a.consortiumId]: ['coordinator'], [b.consortiumId]: ['coordinator'] }, 'idp|coordinator-both');
    for (const path of ['/programme/indicators', '/programme/readiness-benchmark']) {
      expect(await system.call('evaluation', 'GET', path, { token: both })).toMatchObject({ status: 403, body: { code: 'access.role-required' } });
    }
    // The programme lead: no consortium's own route (organisations, members, indicators' breakdowns…), no write, no operator's route.
    const checked: string[] = [];
    const publicRoutes: string[] = [];
    for (const service of ['community', 'evaluation', 'assessments', 'provider-matching'] as ServiceName[]) {
      const document = (await system.call(service, 'GET', '/docs/openapi.json')).body;
      for (const [template, operations] of Object.entries<Record<string, unknown>>(document.paths)) {
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'consortiumId' ? b.consortiumId : '00000000-0000-4000-8000-000000000000'));
        for (const method of Object.keys(operations)) {
          const refused = template.includes('{consortiumId}') || method !== 'get' || template.startsWith('/admin/');
          if (!refused) continue;
          // A public route (an unsubscribe link's, which its signed token authorises) is open to anyone, programme leads included.
          if (method !== 'get' && (await system.call(service, method.toUpperCase(), path, { body: {} })).status !== 401) {
            publicRoutes.push(`${service} ${method.toUpperCase()} ${template}`);
            continue;
          }
          const status = method === 'get' ? await statusOnly(service, path, lead) : (await system.call(service, method.toUpperCase(), path, { token: lead, body: {} })).status;
          expect({ route: `${service} ${method.toUpperCase()} ${template}`, status }).toEqual({ route: `${service} ${method.toUpperCase()} ${template}`, status: 403 });
          checked.push(`${service} ${method.toUpperCase()} ${template}`);
        }
      }
    }
    expect(publicRoutes).toEqual(['community POST /notifications/unsubscribe']);
    expect(checked).toEqual(expect.arrayContaining([
      'community GET /consortia/{consortiumId}/organizations',
      'community POST /consortia',
      'evaluation GET /consortia/{consortiumId}/indicators/{key}',
      'evaluation PUT /consortia/{consortiumId}/programme-benchmark',
      'evaluation POST /admin/rebuild',
    ]));
    // The consortia a person belongs to: none.
    expect(await system.call('community', 'GET', '/consortia', { token: lead })).toMatchObject({ status: 200, body: [] });
  });
});
