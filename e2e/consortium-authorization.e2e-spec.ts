import { ServiceName } from '@ccndr/local-stack';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinOrganization } from './support/programme';

/**
 * Authorization inside one consortium: who acts for whom, and who reads which organisation's data.
 * The routes come from the services' OpenAPI documents, so a route added later that names a member
 * or an organisation's private resource fails here until it is classified below, and each rule is
 * tried with every role.
 */
const roles = ['coordinator', 'memberA', 'memberB', 'unlinked', 'providerAsked', 'providerSuggested', 'providerOther', 'advisor', 'observer'] as const;
type Role = (typeof roles)[number];
const others = roles.filter((role) => role !== 'coordinator');
const domainServices: Exclude<ServiceName, 'portal'>[] = ['community', 'assessments', 'provider-matching', 'evaluation'];
const placeholder = '00000000-0000-4000-8000-000000000000';

describe('authorization inside a consortium', () => {
  let system: TestSystem;
  let consortiumId: string;
  const token = {} as Record<Role, string>;
  const org: Record<string, string> = {};
  /** Member profiles: a1 is memberA, a2 their teammate (the "other member" of the rules), b1 memberB, and so on. */
  const member: Record<string, { id: string; email: string; subject: string }> = {};
  const ids: Record<string, string> = {};
  const documents = {} as Record<(typeof domainServices)[number], any>;

  const call = (role: Role, service: ServiceName, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    system.call(service, method, `/consortia/${consortiumId}${path}`, { token: token[role], body, headers });
  const ok = async (role: Role, service: ServiceName, method: string, path: string, body?: unknown) => {
    const response = await call(role, service, method, path, body);
    if (response.status >= 300) throw new Error(`${role} ${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** Every row of every table of the three services that hold consortium data, as one fingerprint per table. */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = await system.sql<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('community', 'assessments', 'provider_matching') AND c.relkind = 'r' AND c.relname <> 'migrations' ORDER BY 1`,
    );
    const prints: Record<string, string> = {};
    for (const { name } of tables) [{ print: prints[name] }] = await system.sql(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS print FROM ${name} t`);
    return prints;
  }
  /** Nothing written: the same rows everywhere and not one more event, once the system is idle. */
  async function nothingWrittenSince(before: { prints: Record<string, string>; events: number }) {
    await system.settled();
    expect(await fingerprint()).toEqual(before.prints);
    expect((await system.bus.publishedEvents()).length).toBe(before.events);
  }
  async function snapshot() {
    await system.settled();
    return { prints: await fingerprint(), events: (await system.bus.publishedEvents()).length };
  }

  /** The operations of every domain service: `service METHOD template` with the operation's OpenAPI object. */
  function operations(): { key: string; service: ServiceName; method: string; template: string; operation: any }[] {
    return domainServices.flatMap((service) =>
      Object.entries<Record<string, any>>(documents[service].paths).flatMap(([template, byMethod]) =>
        Object.entries(byMethod).map(([method, operation]) => ({ key: `${service} ${method.toUpperCase()} ${template}`, service, method: method.toUpperCase(), template, operation })),
      ),
    );
  }
  /** Whether a request body schema has a property whose name matches (at any depth). */
  function bodyNames(operation: any, pattern: RegExp): boolean {
    const visit = (schema: any): boolean =>
      Boolean(schema) &&
      typeof schema === 'object' &&
      (Object.entries<any>(schema.properties ?? {}).some(([name, value]) => pattern.test(name) || visit(value)) ||
        visit(schema.items) ||
        [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(visit));
    return visit(operation.requestBody?.content?.['application/json']?.schema);
  }
  /** A route template with the ids of organisation A's resources (a2 for a member). */
  const fill = (template: string) => template.replace('/consortia/{consortiumId}', '').replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? placeholder);

  /** A body as text, without the request's own path a problem echoes (its `instance`). */
  const bodyText = (body: unknown, path: string) => (typeof body === 'string' ? body : JSON.stringify(body ?? '')).split(`/consortia/${consortiumId}${path}`).join('');

  /** A GET's status and body text; an event stream's first chunk only (it never ends). */
  async function read(role: Role, service: ServiceName, path: string): Promise<{ status: number; text: string }> {
    const aborter = new AbortController();
    const response = await fetch(`${system.service(service).url}/consortia/${consortiumId}${path}`, { headers: { authorization: `Bearer ${token[role]}` }, signal: aborter.signal });
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return { status: response.status, text: bodyText(await response.text(), path) };
    const reader = response.body!.getReader();
    const first = await reader.read();
    aborter.abort();
    return { status: response.status, text: new TextDecoder().decode(first.value) };
  }

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation'] });
    let coordinator: string;
    ({ consortiumId, coordinator } = await createConsortium(system));
    token.coordinator = coordinator;
    for (const [key, name, category] of [
      ['A', 'Nonprofit A', 'youth-employment-nonprofit'],
      ['B', 'Nonprofit B', 'youth-employment-nonprofit'],
      ['P1', 'Provider asked', 'service-provider'],
      ['P2', 'Provider suggested', 'service-provider'],
      ['P3', 'Provider elsewhere', 'service-provider'],
      ['V', 'Advisors', 'technical-advisor'],
      ['O', 'Observers', 'other-member'],
      ['L', 'Leaving', 'youth-employment-nonprofit'],
    ] as const) {
      org[key] = await joinOrganization(system, consortiumId, coordinator, name, category);
    }
    const people = [
      ['a1', 'A', 'nonprofit-staff', 'memberA'],
      ['a2', 'A', 'nonprofit-staff', undefined],
      ['b1', 'B', 'nonprofit-staff', 'memberB'],
      ['p1', 'P1', 'provider-staff', 'providerAsked'],
      ['p2', 'P2', 'provider-staff', 'providerSuggested'],
      ['p3', 'P3', 'provider-staff', 'providerOther'],
      ['v1', 'V', 'technical-advisor', 'advisor'],
      ['o1', 'O', 'observer', 'observer'],
    ] as const;
    const tokenRole = { memberA: 'member', memberB: 'member', providerAsked: 'provider', providerSuggested: 'provider', providerOther: 'provider', advisor: 'advisor', observer: 'observer' } as const;
    for (const [key, organization, role, as] of people) {
      const person = { email: `${key}.contact@authz.example`, subject: `idp|authz-${key}-5f3c` };
      const created = await ok('coordinator', 'community', 'POST', '/members', { organizationId: org[organization], displayName: `Person ${key}`, role, ...person });
      member[key] = { id: created.id, ...person };
      if (as) token[as] = await consortiumToken({ [consortiumId]: [tokenRole[as]] }, person.subject);
    }
    token.unlinked = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|authz-nobody-5f3c');
    const a2 = await consortiumToken({ [consortiumId]: ['member'] }, member.a2.subject);

    // Community: a gathering a2 is registered for, a circle a2 is in, a model a2 proposed, a survey, a thread.
    ids.gatheringId = (await ok('coordinator', 'community', 'POST', '/gatherings', { kind: 'workshop', title: 'Atelier', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() })).id;
    await ok('coordinator', 'community', 'POST', `/gatherings/${ids.gatheringId}/registrations`, { memberId: member.a2.id, response: 'going' });
    ids.circleId = (await ok('coordinator', 'community', 'POST', '/circles', { name: 'Cercle' })).id;
    await ok('coordinator', 'community', 'POST', `/circles/${ids.circleId}/members`, { memberId: member.a2.id });
    const proposed = await system.call('community', 'POST', `/consortia/${consortiumId}/collaboration-models`, { token: a2, body: { circleId: ids.circleId, title: 'Modèle', description: 'Modèle' } });
    expect(proposed.status).toBe(201);
    ids.modelId = proposed.body.id;
    ids.surveyId = (await ok('coordinator', 'community', 'POST', '/surveys', { title: { fr: 'Sondage', en: 'Survey' } })).id;
    ids.threadId = ids.itemId = (await ok('memberA', 'community', 'POST', '/threads', { title: 'Fil', body: 'Texte', language: 'fr' })).id;
    Object.assign(ids, { memberId: member.a2.id, organizationId: org.A, key: 'o1.meeting-participants' });

    // Provider matching: P1 and P2 offer cybersecurity, P3 culture.
    const profile = (dimension: string) => ({ offerings: [{ title: 'Offre', dimensions: [dimension], stages: [1, 2, 3, 4, 5] }], languages: ['fr', 'en'], remote: true, costModel: { kind: 'free' }, capacity: 3, responseTimeDays: 5 });
    for (const [provider, dimension] of [['P1', 'cybersecurity'], ['P2', 'cybersecurity'], ['P3', 'culture']]) {
      await expectEventually(async () => expect((await call('coordinator', 'provider-matching', 'PUT', `/providers/${org[provider]}`, profile(dimension))).status).toBe(200));
    }
    // Organisation A: a completed assessment whose one gap (cybersecurity) becomes a draft need, confirmed, and a request to P1.
    const started = await expectEventually(async () => {
      const response = await call('memberA', 'assessments', 'POST', '/assessments', { organizationId: org.A });
      expect(response.status).toBe(201);
      return response.body;
    });
    ids.assessmentId = started.id;
    const framework = await ok('memberA', 'assessments', 'GET', '/framework');
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, d.key === 'cybersecurity' ? 's1' : 's5'])));
    await ok('memberA', 'assessments', 'PUT', `/assessments/${ids.assessmentId}/answers`, { answers });
    await ok('memberA', 'assessments', 'POST', `/assessments/${ids.assessmentId}/submit`);
    const journey = await ok('memberA', 'assessments', 'GET', `/organizations/${org.A}/journey`);
    ids.milestoneId = journey.milestones[0].id;
    const draft = await expectEventually(async () => {
      const [found] = (await call('coordinator', 'provider-matching', 'GET', `/needs?organizationId=${org.A}`)).body;
      expect(found).toMatchObject({ dimension: 'cybersecurity', assessmentId: ids.assessmentId, status: 'draft' });
      return found;
    });
    ids.needId = draft.id;
    await ok('memberA', 'provider-matching', 'POST', `/needs/${ids.needId}/confirm`, { description: 'Besoin confidentiel de A', language: 'fr', budgetMax: 4321.75, staffHoursPerWeek: 3 });
    const suggested = await ok('memberA', 'provider-matching', 'GET', `/needs/${ids.needId}/suggestions`);
    expect(suggested.map((s: { providerId: string }) => s.providerId).sort()).toEqual([org.P1, org.P2].sort());
    ids.engagementId = (await ok('memberA', 'provider-matching', 'POST', '/engagements', { needId: ids.needId, providerId: org.P1 })).id;
    ids.partnershipId = (await ok('coordinator', 'provider-matching', 'POST', '/partnerships', { organizationIds: [org.A, org.P1], title: 'Partenariat' })).id;
    // Organisation B: a need on culture, suggested to P3.
    ids.needB = (
      await expectEventually(async () => {
        const response = await call('memberB', 'provider-matching', 'POST', '/needs', { organizationId: org.B, dimension: 'culture', description: 'Besoin confidentiel de B', language: 'en', staffHoursPerWeek: 2 });
        expect(response.status).toBe(201);
        return response;
      })
    ).body.id;

    for (const service of domainServices) documents[service] = (await system.call(service, 'GET', '/docs/openapi.json')).body;
  });
  afterAll(() => system?.stop());

  describe('only coordinators act for another member; everyone else acts for themselves', () => {
    /**
     * Every writing route that names a member, in its path or body, with a request acting on a2 (a
     * teammate of memberA's). Registering, joining a circle and answering are each person's own.
     */
    const actingOnA2: Record<string, () => { path: string; body?: unknown; refusedWith?: Partial<Record<Role, number>> }> = {
      'community POST /consortia/{consortiumId}/gatherings/{gatheringId}/registrations': () => ({ path: `/gatherings/${ids.gatheringId}/registrations`, body: { memberId: member.a2.id, response: 'maybe' } }),
      'community PUT /consortia/{consortiumId}/gatherings/{gatheringId}/registrations/{memberId}': () => ({ path: `/gatherings/${ids.gatheringId}/registrations/${member.a2.id}`, body: { response: 'not-going' } }),
      'community POST /consortia/{consortiumId}/gatherings/{gatheringId}/attendance': () => ({ path: `/gatherings/${ids.gatheringId}/attendance`, body: { memberIds: [member.a2.id] } }),
      'community POST /consortia/{consortiumId}/gatherings/{gatheringId}/attendance/withdraw': () => ({ path: `/gatherings/${ids.gatheringId}/attendance/withdraw`, body: { memberIds: [member.a2.id] } }),
      'community POST /consortia/{consortiumId}/circles/{circleId}/members': () => ({ path: `/circles/${ids.circleId}/members`, body: { memberId: member.a2.id } }),
      'community DELETE /consortia/{consortiumId}/circles/{circleId}/members/{memberId}': () => ({ path: `/circles/${ids.circleId}/members/${member.a2.id}` }),
      'community PATCH /consortia/{consortiumId}/members/{memberId}': () => ({ path: `/members/${member.a2.id}`, body: { displayName: 'Renamed' } }),
      'community DELETE /consortia/{consortiumId}/members/{memberId}': () => ({ path: `/members/${member.a2.id}` }),
      'community PUT /consortia/{consortiumId}/collaboration-models/{modelId}/experts': () => ({ path: `/collaboration-models/${ids.modelId}/experts`, body: { memberIds: [member.a2.id] } }),
      // Naming teammates as respondents invites them to answer, each alone: only the organisation's own members can be named.
      'assessments POST /consortia/{consortiumId}/assessments': () => ({ path: '/assessments', body: { organizationId: org.A, respondentMemberIds: [member.b1.id] }, refusedWith: { memberA: 400 } }),
    };

    it('refuses every route naming another member to anyone but coordinators, writing nothing', async () => {
      const naming = operations().filter((o) => o.method !== 'GET' && (o.template.includes('{memberId}') || bodyNames(o.operation, /memberIds?$/i)));
      // A route added later that names a member fails here until it is listed above.
      expect(naming.map((o) => o.key).sort()).toEqual(Object.keys(actingOnA2).sort());
      const before = await snapshot();
      for (const { key, service, method } of naming) {
        const { path, body, refusedWith } = actingOnA2[key]();
        for (const role of others) {
          const response = await call(role, service, method, path, body);
          expect({ route: key, role, status: response.status }).toEqual({ route: key, role, status: refusedWith?.[role] ?? 403 });
        }
      }
      await nothingWrittenSince(before);
    });

    it('lets people register, join and leave for themselves, and coordinators for anyone', async () => {
      expect((await call('memberA', 'community', 'POST', `/gatherings/${ids.gatheringId}/registrations`, { memberId: member.a1.id, response: 'going' })).status).toBe(201);
      expect(await call('memberA', 'community', 'PUT', `/gatherings/${ids.gatheringId}/registrations/${member.a1.id}`, { response: 'maybe' })).toMatchObject({ status: 200, body: { memberId: member.a1.id, response: 'maybe' } });
      expect((await call('providerSuggested', 'community', 'POST', `/gatherings/${ids.gatheringId}/registrations`, { memberId: member.p2.id, response: 'going' })).status).toBe(201);
      expect((await call('advisor', 'community', 'POST', `/circles/${ids.circleId}/members`, { memberId: member.v1.id })).status).toBe(201);
      expect((await call('advisor', 'community', 'DELETE', `/circles/${ids.circleId}/members/${member.v1.id}`)).status).toBe(204);
      // The unlinked member has no profile to act for.
      expect(await call('unlinked', 'community', 'POST', `/gatherings/${ids.gatheringId}/registrations`, { memberId: member.b1.id, response: 'going' })).toMatchObject({ status: 403 });
      expect((await call('coordinator', 'community', 'POST', `/gatherings/${ids.gatheringId}/registrations`, { memberId: member.b1.id, response: 'going' })).status).toBe(201);
      expect((await call('coordinator', 'community', 'PUT', `/gatherings/${ids.gatheringId}/registrations/${member.a2.id}`, { response: 'maybe' })).status).toBe(200);
      expect((await call('coordinator', 'community', 'POST', `/circles/${ids.circleId}/members`, { memberId: member.b1.id })).status).toBe(201);
      expect((await call('coordinator', 'community', 'DELETE', `/circles/${ids.circleId}/members/${member.b1.id}`)).status).toBe(204);
      const refused = await call('memberB', 'community', 'POST', `/circles/${ids.circleId}/members`, { memberId: member.a1.id }, { 'accept-language': 'fr' });
      expect(refused).toMatchObject({ status: 403, body: { code: 'access.self-only', errors: [{ code: 'access.self-only', field: 'memberId' }], detail: expect.stringMatching(/^memberId\u00a0: vous n’agissez que pour vous-même/) } });
    });
  });

  describe('an organisation’s needs, assessments and engagements: its staff, coordinators, and the providers a request or suggestion went to', () => {
    /** Routes every person of the consortium reads, by design. */
    const shared: Record<string, string> = {
      'assessments GET /consortia/{consortiumId}/framework': 'the readiness framework in effect',
      'provider-matching GET /consortia/{consortiumId}/providers': 'the provider catalogue',
      'provider-matching GET /consortia/{consortiumId}/providers/{organizationId}': 'a provider’s public profile',
      'provider-matching GET /consortia/{consortiumId}/partnerships': 'partnerships: the consortium’s own outcome',
      'provider-matching GET /consortia/{consortiumId}/partnerships/{partnershipId}': 'a partnership',
    };
    const staffAndCoordinators: Role[] = ['coordinator', 'memberA'];
    /** Organisation A's private reads: who sees them; a list (`list`) leaves out what an item route answers 404 for. */
    const privateReads: Record<string, { path: () => string; seenBy: Role[]; list?: boolean }> = {
      'assessments GET /consortia/{consortiumId}/assessments': { path: () => `/assessments?organizationId=${org.A}`, seenBy: staffAndCoordinators },
      'assessments GET /consortia/{consortiumId}/assessments/{assessmentId}': { path: () => `/assessments/${ids.assessmentId}`, seenBy: staffAndCoordinators },
      'assessments GET /consortia/{consortiumId}/assessments/{assessmentId}/report': { path: () => `/assessments/${ids.assessmentId}/report?format=json`, seenBy: staffAndCoordinators },
      'assessments GET /consortia/{consortiumId}/organizations/{organizationId}/profile': { path: () => `/organizations/${org.A}/profile`, seenBy: staffAndCoordinators },
      'assessments GET /consortia/{consortiumId}/organizations/{organizationId}/benchmark': { path: () => `/organizations/${org.A}/benchmark`, seenBy: staffAndCoordinators },
      'assessments GET /consortia/{consortiumId}/organizations/{organizationId}/journey': { path: () => `/organizations/${org.A}/journey`, seenBy: staffAndCoordinators },
      'assessments GET /consortia/{consortiumId}/organizations/{organizationId}/targets': { path: () => `/organizations/${org.A}/targets`, seenBy: staffAndCoordinators },
      'provider-matching GET /consortia/{consortiumId}/needs': { path: () => '/needs', seenBy: [...staffAndCoordinators, 'providerAsked', 'providerSuggested'], list: true },
      'provider-matching GET /consortia/{consortiumId}/needs/{needId}/suggestions': { path: () => `/needs/${ids.needId}/suggestions`, seenBy: staffAndCoordinators },
      'provider-matching GET /consortia/{consortiumId}/engagements': { path: () => '/engagements', seenBy: [...staffAndCoordinators, 'providerAsked'], list: true },
      'provider-matching GET /consortia/{consortiumId}/engagements/{engagementId}': { path: () => `/engagements/${ids.engagementId}`, seenBy: [...staffAndCoordinators, 'providerAsked'] },
    };
    /** What of A's private data must not leak into a body. */
    const secretsOfA = () => [ids.needId, ids.assessmentId, ids.engagementId, 'Besoin confidentiel de A', '4321.75'];

    it('answers 404 (or leaves out of lists) organisation A’s private data to everyone else, on every route', async () => {
      const reads = operations().filter((o) => o.method === 'GET' && (o.service === 'assessments' || o.service === 'provider-matching') && o.template.startsWith('/consortia/{consortiumId}/'));
      // A read added later fails here until it is classified as shared or private.
      expect(reads.map((o) => o.key).sort()).toEqual([...Object.keys(shared), ...Object.keys(privateReads)].sort());
      for (const [key, rule] of Object.entries(privateReads)) {
        const service = key.split(' ')[0] as ServiceName;
        for (const role of roles) {
          const { status, text } = await read(role, service, rule.path());
          const sees = rule.seenBy.includes(role);
          const leaked = secretsOfA().filter((secret) => text.includes(secret));
          if (sees) expect({ route: key, role, status }).toEqual({ route: key, role, status: 200 });
          else expect({ route: key, role, status, leaked }).toEqual({ route: key, role, status: rule.list ? 200 : 404, leaked: [] });
        }
      }
    });

    it('shows each organisation’s needs to its staff, coordinators, and the providers asked about them or suggested for them', async () => {
      const seen: Record<Role, string[]> = {} as never;
      for (const role of roles) {
        const response = await call(role, 'provider-matching', 'GET', '/needs');
        expect({ role, status: response.status }).toEqual({ role, status: 200 });
        seen[role] = response.body.map((n: { id: string }) => (n.id === ids.needId ? 'A' : n.id === ids.needB ? 'B' : n.id));
      }
      expect(seen).toEqual({
        coordinator: ['A', 'B'],
        memberA: ['A'],
        memberB: ['B'],
        unlinked: [],
        providerAsked: ['A'],
        providerSuggested: ['A'],
        providerOther: ['B'],
        advisor: [],
        observer: [],
      });
      // A provider sees what it is asked about, not the nonprofit's ranking of providers.
      const [need] = (await call('providerSuggested', 'provider-matching', 'GET', `/needs?organizationId=${org.A}`)).body;
      expect(need).toMatchObject({ id: ids.needId, assessmentId: ids.assessmentId, budgetMax: 4321.75, description: 'Besoin confidentiel de A' });
      expect((await call('providerSuggested', 'provider-matching', 'GET', `/needs/${ids.needId}/suggestions`)).status).toBe(404);
    });

    it('refuses acting on another organisation’s need without revealing it, writing nothing', async () => {
      const onNeed = operations().filter((o) => o.method !== 'GET' && (o.template.includes('{needId}') || bodyNames(o.operation, /^needId$/)));
      const writes: Record<string, { path: string; body: unknown; expected: Partial<Record<Role, number>> }> = {
        'provider-matching POST /consortia/{consortiumId}/needs/{needId}/confirm': {
          path: `/needs/${ids.needId}/confirm`,
          body: { description: 'x', language: 'fr', staffHoursPerWeek: 1 },
          expected: { memberB: 404, unlinked: 404 },
        },
        'provider-matching POST /consortia/{consortiumId}/needs/{needId}/suggestions': { path: `/needs/${ids.needId}/suggestions`, body: undefined, expected: { memberB: 404, unlinked: 404 } },
        'provider-matching POST /consortia/{consortiumId}/engagements': { path: '/engagements', body: { needId: ids.needId, providerId: org.P2 }, expected: { memberB: 400, unlinked: 400 } },
      };
      expect(onNeed.map((o) => o.key).sort()).toEqual(Object.keys(writes).sort());
      const before = await snapshot();
      for (const { key, service, method } of onNeed) {
        const { path, body, expected } = writes[key];
        for (const role of others.filter((r) => r !== 'memberA')) {
          const response = await call(role, service, method, path, body);
          const leaked = secretsOfA().filter((secret) => bodyText(response.body, path).includes(secret));
          // Providers, advisors and observers do not post or confirm needs at all (403 by role).
          expect({ route: key, role, status: response.status, leaked }).toEqual({ route: key, role, status: expected[role] ?? 403, leaked: [] });
        }
      }
      await nothingWrittenSince(before);
    });
  });

  describe('a need names an organisation of the consortium', () => {
    const details = { dimension: 'data-governance', description: 'Gouvernance', language: 'fr', staffHoursPerWeek: 2 };

    it('refuses a need for an organisation outside the consortium, unknown, gone or missing: 400 naming the field, nothing written', async () => {
      const elsewhere = await createConsortium(system, 'Autre consortium');
      const outside = await joinOrganization(system, elsewhere.consortiumId, elsewhere.coordinator, 'Ailleurs', 'youth-employment-nonprofit');
      await ok('coordinator', 'community', 'DELETE', `/organizations/${org.L}`);
      await expectEventually(async () => {
        const [known] = await system.sql(`SELECT count(*)::int AS n FROM provider_matching.organizations WHERE organization_id = $1`, [outside]);
        const [left] = await system.sql(`SELECT count(*)::int AS n FROM provider_matching.organizations WHERE organization_id = $1 AND left_at IS NOT NULL`, [org.L]);
        expect([known.n, left.n]).toEqual([1, 1]);
      });
      const before = await snapshot();
      for (const organizationId of [outside, placeholder, org.L]) {
        expect(await call('coordinator', 'provider-matching', 'POST', '/needs', { ...details, organizationId })).toMatchObject({
          status: 400,
          body: { code: 'organization.unknown', errors: [{ code: 'organization.unknown', field: 'organizationId' }], detail: 'organizationId: no such organization in this consortium' },
        });
        expect(await call('coordinator', 'provider-matching', 'POST', '/needs', { ...details, organizationId }, { 'accept-language': 'fr' })).toMatchObject({
          status: 400,
          body: { code: 'organization.unknown', errors: [{ code: 'organization.unknown', field: 'organizationId' }], detail: 'organizationId\u00a0: aucun organisme de ce nom dans ce consortium' },
        });
      }
      for (const organizationId of [undefined, null]) {
        expect(await call('coordinator', 'provider-matching', 'POST', '/needs', { ...details, organizationId })).toMatchObject({ status: 400, body: { errors: [{ field: 'organizationId' }] } });
      }
      await nothingWrittenSince(before);
    });

    it('refuses, on every writing route whose body names an organisation, one outside the consortium', async () => {
      const elsewhere = await createConsortium(system, 'Troisième consortium');
      const outside = await joinOrganization(system, elsewhere.consortiumId, elsewhere.coordinator, 'Ailleurs encore', 'youth-employment-nonprofit');
      const naming = operations().filter((o) => o.method !== 'GET' && o.template.startsWith('/consortia/{consortiumId}/') && bodyNames(o.operation, /^organizationIds?$/));
      const writes: Record<string, { path: string; body: unknown; status: number }> = {
        'community POST /consortia/{consortiumId}/members': { path: '/members', body: { organizationId: outside, displayName: 'X', role: 'observer' }, status: 400 },
        'community PATCH /consortia/{consortiumId}/members/{memberId}': { path: `/members/${member.o1.id}`, body: { organizationId: outside }, status: 400 },
        // Coordinators start no assessment for an organisation: its own members do.
        'assessments POST /consortia/{consortiumId}/assessments': { path: '/assessments', body: { organizationId: outside }, status: 403 },
        'provider-matching POST /consortia/{consortiumId}/needs': { path: '/needs', body: { ...details, organizationId: outside }, status: 400 },
        'provider-matching POST /consortia/{consortiumId}/partnerships': { path: '/partnerships', body: { organizationIds: [org.A, outside], title: 'x' }, status: 400 },
      };
      expect(naming.map((o) => o.key).sort()).toEqual(Object.keys(writes).sort());
      const before = await snapshot();
      for (const { key, service, method } of naming) {
        const response = await call('coordinator', service, method, writes[key].path, writes[key].body);
        expect({ route: key, status: response.status }).toEqual({ route: key, status: writes[key].status });
      }
      await nothingWrittenSince(before);
    });
  });

  describe('contact details: only coordinators and the person themself', () => {
    it('leaves every other member’s e-mail and sign-in subject out of every read, for every role but coordinators', async () => {
      const contacts = Object.entries(member).flatMap(([key, m]) => [
        { key, value: m.email },
        { key, value: m.subject },
      ]);
      const self: Partial<Record<Role, string>> = { memberA: 'a1', memberB: 'b1', providerAsked: 'p1', providerSuggested: 'p2', providerOther: 'p3', advisor: 'v1', observer: 'o1' };
      const reads = operations().filter((o) => o.method === 'GET' && o.template.startsWith('/consortia/{consortiumId}'));
      expect(reads.length).toBeGreaterThan(30);
      for (const { key, service, template } of reads) {
        for (const role of others) {
          const { text } = await read(role, service, fill(template));
          const leaked = contacts.filter((c) => c.key !== self[role] && text.includes(c.value)).map((c) => c.value);
          expect({ route: key, role, leaked }).toEqual({ route: key, role, leaked: [] });
        }
      }
      // Coordinators keep them (attendance by e-mail, join logs); each person sees their own.
      const directory = await ok('coordinator', 'community', 'GET', '/members');
      expect(directory.find((m: { id: string }) => m.id === member.a2.id)).toMatchObject({ email: member.a2.email, subject: member.a2.subject });
      expect(await ok('memberA', 'community', 'GET', `/members/${member.a1.id}`)).toMatchObject({ email: member.a1.email, subject: member.a1.subject });
      const seenByA = await ok('memberA', 'community', 'GET', `/members/${member.a2.id}`);
      expect(seenByA).toMatchObject({ id: member.a2.id, displayName: 'Person a2', organization: { name: 'Nonprofit A' } });
      expect(seenByA).not.toHaveProperty('email');
      expect(seenByA).not.toHaveProperty('subject');
    });

    it('documents e-mail and subject as optional in the member routes’ answers', () => {
      for (const path of ['/consortia/{consortiumId}/members', '/consortia/{consortiumId}/members/{memberId}']) {
        const schema = documents.community.paths[path].get.responses['200'].content['application/json'].schema;
        const entry = schema.items ?? schema;
        expect(entry.required).toEqual(expect.arrayContaining(['id', 'displayName']));
        expect(entry.required).not.toContain('email');
        expect(entry.required).not.toContain('subject');
        expect(entry.properties).toEqual(expect.objectContaining({ email: expect.anything(), subject: expect.anything() }));
      }
    });
  });
});
