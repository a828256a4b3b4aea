import { signDevelopmentToken } from '@ccndr/auth';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { callFrom } from './support/from-address';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

/**
 * Abuse limits beside the write limit (e2e/write-rate-limit.e2e-spec.ts), set small here: failed
 * token checks per client address, expensive reads (reports, suggestions) per caller, and the
 * portal's sign-in per client address. Beyond each: 429 with Retry-After and the reason in the
 * language asked for; within it, the normal answer; another client is still served.
 */
describe('client limits: failed token checks, expensive reads and sign-in beyond their limit get 429 with Retry-After, per client', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'],
      env: { FAILED_TOKEN_LIMIT: '3', FAILED_TOKEN_LIMIT_WINDOW_SECONDS: '5', EXPENSIVE_READ_LIMIT: '3', SIGN_IN_LIMIT: '4', UNSUBSCRIBE_LIMIT: '3' },
    });
  });
  afterAll(() => system?.stop());

  const retryAfter = (response: { headers: Headers }) => Number(response.headers.get('retry-after'));

  it('refuses the tokens of an address, unverified, once FAILED_TOKEN_LIMIT of them failed, until the window has passed; other addresses go on', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium aux jetons');
    const url = `${system.service('community').url}/consortia/${consortiumId}/organizations`;
    const forged = await signDevelopmentToken('a-secret-this-platform-never-trusts', { subject: 'intruder@test', consortia: { [consortiumId]: ['coordinator'] } });
    const from = (token: string) => callFrom('127.0.0.3', url, { token, headers: { 'accept-language': 'fr' } });

    // Within the limit, each bad token is answered 401 and a good one from the same address is served.
    expect((await from(forged)).status).toBe(401);
    expect((await from('not-a-token')).status).toBe(401);
    expect((await from(coordinator)).status).toBe(200);
    expect((await from(forged)).status).toBe(401);

    // The third failure closes the address: even a good token is refused before it is verified.
    const refused = await from(coordinator);
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(refused)).toBeLessThanOrEqual(5);
    expect(refused.body).toMatchObject({ status: 429, code: 'limit.failed-tokens', title: 'Trop de connexions invalides depuis cette adresse\u00a0: réessayez après le délai indiqué.' });
    expect((await from(forged)).status).toBe(429);

    // Another address is served, and so is this one once the window has passed.
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token: coordinator })).status).toBe(200);
    await expectEventually(async () => expect((await from(coordinator)).status).toBe(200));
  });

  it('counts failed tokens of clients behind a proxy apart by X-Forwarded-For only with the service’s TRUST_PROXY', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium derrière un mandataire');
    const path = `/consortia/${consortiumId}/organizations`;
    const failFrom = (service: string, proxy: string, client: string) => callFrom(proxy, `${service}${path}`, { token: 'not-a-token', headers: { 'x-forwarded-for': client } });

    // No TRUST_PROXY (the default): two clients behind one proxy share its count.
    const direct = system.service('community').url;
    for (let n = 0; n < 3; n++) expect((await failFrom(direct, '127.0.0.10', '203.0.113.1')).status).toBe(401);
    expect((await failFrom(direct, '127.0.0.10', '203.0.113.2')).status).toBe(429);

    // TRUST_PROXY=1 (one ingress in front): each forwarded client has a count of its own.
    const behindIngress = (await system.startReplica('community', 'community-behind-ingress', { TRUST_PROXY: '1', FAILED_TOKEN_LIMIT: '3', FAILED_TOKEN_LIMIT_WINDOW_SECONDS: '60' })).url;
    for (let n = 0; n < 3; n++) expect((await failFrom(behindIngress, '127.0.0.11', '203.0.113.1')).status).toBe(401);
    expect((await failFrom(behindIngress, '127.0.0.11', '203.0.113.1')).status).toBe(429);
    expect((await failFrom(behindIngress, '127.0.0.11', '203.0.113.2')).status).toBe(401);
  });

  it('answers the evaluation report EXPENSIVE_READ_LIMIT times per caller, then 429 with Retry-After; other callers and cheap reads go on', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium rapporté');
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM evaluation.consortia WHERE consortium_id = $1`, [consortiumId])).toHaveLength(1));
    const report = (token = coordinator) => system.call('evaluation', 'GET', `/consortia/${consortiumId}/report?lang=en&format=markdown`, { token, headers: { 'accept-language': 'en' } });

    for (let n = 0; n < 3; n++) {
      const answer = await report();
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/^# /);
    }
    const refused = await report();
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ status: 429, code: 'limit.expensive-reads', title: expect.stringContaining('Too many reports') });

    const colleague = await consortiumToken({ [consortiumId]: ['coordinator'] }, 'another-coordinator@test');
    expect((await report(colleague)).status).toBe(200);
    expect((await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators`, { token: coordinator })).status).toBe(200);
  });

  it('answers a need’s provider suggestions EXPENSIVE_READ_LIMIT times per caller, then 429 (ranking them again too); another caller goes on', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium jumelé');
    const organizationId = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'ON');
    const matching = (method: string, path: string, token = coordinator, body?: unknown) => system.call('provider-matching', method, `/consortia/${consortiumId}${path}`, { token, body });
    const need = await expectEventually(async () => {
      const posted = await matching('POST', '/needs', coordinator, { organizationId, dimension: 'cybersecurity', description: 'Sécuriser nos comptes', language: 'fr', budgetMax: 1000, staffHoursPerWeek: 3 });
      expect(posted.status).toBe(201);
      return posted.body;
    });

    for (let n = 0; n < 3; n++) {
      const answer = await matching('GET', `/needs/${need.id}/suggestions`);
      expect(answer.status).toBe(200);
      expect(Array.isArray(answer.body)).toBe(true);
    }
    const refused = await matching('GET', `/needs/${need.id}/suggestions`);
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ status: 429, code: 'limit.expensive-reads' });
    expect((await matching('POST', `/needs/${need.id}/suggestions`)).status).toBe(429);

    const colleague = await consortiumToken({ [consortiumId]: ['coordinator'] }, 'another-coordinator@test');
    expect((await matching('GET', `/needs/${need.id}/suggestions`, colleague)).status).toBe(200);
  });

  it('answers an assessment’s printable report EXPENSIVE_READ_LIMIT times per caller, then 429; another caller goes on', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium évalué');
    const organizationId = await joinOrganization(system, consortiumId, coordinator, 'Pathways', 'youth-employment-nonprofit', 'QC');
    await joinMember(system, consortiumId, coordinator, organizationId, 'Staff', 'nonprofit-staff', 'idp|limits-staff');
    const staff = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|limits-staff');
    const assessments = (method: string, path: string, token = staff, body?: unknown) => system.call('assessments', method, `/consortia/${consortiumId}${path}`, { token, body });
    const assessment = await expectEventually(async () => {
      const started = await assessments('POST', '/assessments', staff, { organizationId });
      expect(started.status).toBe(201);
      return started.body;
    });
    const framework = (await assessments('GET', '/framework')).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, 's2'])));
    expect((await assessments('PUT', `/assessments/${assessment.id}/answers`, staff, { answers })).status).toBe(200);
    expect((await assessments('POST', `/assessments/${assessment.id}/submit`)).status).toBe(200);

    const report = (token = staff) => assessments('GET', `/assessments/${assessment.id}/report?lang=fr`, token);
    for (let n = 0; n < 3; n++) {
      const answer = await report();
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/<html/);
    }
    const refused = await report();
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);

    expect((await report(coordinator)).status).toBe(200);
  });

  it('lets an address through the portal’s sign-in SIGN_IN_LIMIT times, then answers 429 with Retry-After and a page in its language; another address goes on', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium connecté');
    const portal = system.service('portal').url;
    const from = (address: string, path: string, options: { method?: string; body?: string } = {}) =>
      // A form posted from the portal's own page, as a browser says.
      callFrom(address, `${portal}${path}`, { ...options, headers: options.body ? { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' } : {} });
    const person = new URLSearchParams({ person: JSON.stringify([consortiumId, 'coordinator', 'coordinator@test', 'Coordination']), return: '/' }).toString();

    // The sign-in page and the development sign-in both count: twice each, within the limit, normal answers.
    for (let n = 0; n < 2; n++) {
      const page = await from('127.0.0.4', '/sign-in?lang=en');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<form');
      const signedIn = await from('127.0.0.4', '/sign-in', { method: 'POST', body: person });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('set-cookie')).toMatch(/ccndr_session=/);
    }

    const refused = await from('127.0.0.4', '/sign-in?lang=en');
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    expect(refused.body).toContain('Too many sign-in attempts from this address');
    const inFrench = await from('127.0.0.4', '/sign-in?lang=fr', { method: 'POST', body: person });
    expect(inFrench.status).toBe(429);
    expect(inFrench.body).toContain('Trop de tentatives de connexion depuis cette adresse');

    expect((await from('127.0.0.5', '/sign-in?lang=en')).status).toBe(200);
  });
  it('counts the unsubscribe page and its one-click post apart from sign-in: an address out of sign-ins still unsubscribes, until UNSUBSCRIBE_LIMIT', async () => {
    const portal = system.service('portal').url;
    const from = (path: string, options: { method?: string; body?: string } = {}) =>
      callFrom('127.0.0.6', `${portal}${path}`, { ...options, headers: options.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} });
    for (let n = 0; n < 4; n++) expect((await from('/sign-in?lang=en')).status).toBe(200);
    expect((await from('/sign-in?lang=en')).status).toBe(429);

    // A link that is not valid is answered 400: counted, but not refused as too many, until the unsubscribe limit.
    for (let n = 0; n < 3; n++) expect((await from('/unsubscribe?lang=en', { method: 'POST', body: 'token=not.a.link' })).status).toBe(400);
    const refused = await from('/unsubscribe?lang=fr', { method: 'POST', body: 'token=not.a.link' });
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(refused.body).toContain('Trop de demandes de désabonnement depuis cette adresse');
    expect((await callFrom('127.0.0.7', `${portal}/unsubscribe?lang=en`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=not.a.link' })).status).toBe(400);
  });

  it('counts clients behind a proxy apart by X-Forwarded-For only with TRUST_PROXY; without it they share the proxy’s count', async () => {
    const signInFrom = (portal: string, proxy: string, client: string) => callFrom(proxy, `${portal}/sign-in?lang=en`, { headers: { 'x-forwarded-for': client } });

    // No TRUST_PROXY (the default): the forwarded address is not believed, so two clients behind one proxy share its count.
    const direct = system.service('portal').url;
    for (let n = 0; n < 4; n++) expect((await signInFrom(direct, '127.0.0.8', '203.0.113.1')).status).toBe(200);
    expect((await signInFrom(direct, '127.0.0.8', '203.0.113.2')).status).toBe(429);

    // TRUST_PROXY=1 (one ingress in front): each forwarded client has a count of its own.
    const behindIngress = (await system.startReplica('portal', 'portal-behind-ingress', { SIGN_IN_LIMIT: '4', TRUST_PROXY: '1' })).url;
    for (let n = 0; n < 4; n++) expect((await signInFrom(behindIngress, '127.0.0.9', '203.0.113.1')).status).toBe(200);
    expect((await signInFrom(behindIngress, '127.0.0.9', '203.0.113.1')).status).toBe(429);
    expect((await signInFrom(behindIngress, '127.0.0.9', '203.0.113.2')).status).toBe(200);
  });
});
