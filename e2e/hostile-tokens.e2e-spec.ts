import { SignJWT } from 'jose';
import { signDevelopmentToken } from '@ccndr/auth';
import { domainServiceNames } from '@ccndr/local-stack';
import { expectEventually, testJwtSecret, TestSystem } from '@ccndr/testing';

const issuer = 'https://identity.ccndr.test';
const audience = 'readiness-platform';

/** Tokens an attacker might present to a service that checks issuer and audience: each one is refused. */
describe('hostile tokens: expired, forged, unsigned, for another audience or without the consortium are refused', () => {
  let system: TestSystem;
  let consortiumId: string;

  const key = (secret = testJwtSecret) => new TextEncoder().encode(secret);
  const claims = (consortia: Record<string, string[]>) => ({ ccndr_roles: [], ccndr_consortia: consortia });
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const organizations = (token: string) => system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token });
  /** A reading route of each service: every one verifies tokens the same way. */
  const readings: [(typeof domainServiceNames)[number], (id: string) => string][] = [
    ['community', (id) => `/consortia/${id}/organizations`],
    ['assessments', (id) => `/consortia/${id}/assessments`],
    ['provider-matching', (id) => `/consortia/${id}/partnerships`],
    ['evaluation', (id) => `/consortia/${id}/indicators`],
  ];
  const statuses = async (token: string) => Object.fromEntries(await Promise.all(readings.map(async ([service, path]) => [service, (await system.call(service, 'GET', path(consortiumId), { token })).status])));
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation'], env: { AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience } });
    const admin = await signDevelopmentToken(testJwtSecret, { subject: 'admin@test', platformRoles: ['platform-admin'] }, { issuer, audience });
    const created = await system.call('community', 'POST', '/consortia', { token: admin, body: { name: { fr: 'Consortium gardé', en: 'Guarded consortium' }, defaultLanguage: 'fr' } });
    expect(created.status).toBe(201);
    consortiumId = created.body.id;
    // Every service has heard of the consortium: a genuine token reads it everywhere.
    const genuine = await coordinatorToken();
    await expectEventually(async () => expect(await statuses(genuine)).toEqual({ community: 200, assessments: 200, 'provider-matching': 200, evaluation: 200 }));
  });
  afterAll(() => system?.stop());

  /** A coordinator's token as the identity provider would sign it, changed by `change`. */
  async function coordinatorToken(change: (jwt: SignJWT) => SignJWT = (jwt) => jwt, secret = testJwtSecret, alg = 'HS256'): Promise<string> {
    const jwt = new SignJWT(claims({ [consortiumId]: ['coordinator'] })).setProtectedHeader({ alg }).setSubject('coordinator@test').setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1h');
    return change(jwt).sign(key(secret));
  }

  it('accepts the genuine token, so every refusal below is the token’s fault', async () => {
    expect((await organizations(await coordinatorToken())).status).toBe(200);
  });

  it.each([
    ['expired an hour ago', () => coordinatorToken((jwt) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600))],
    ['not valid yet', () => coordinatorToken((jwt) => jwt.setNotBefore('1h'))],
    ['signed with another secret', () => coordinatorToken(undefined, 'a-secret-this-platform-never-trusts')],
    ['signed with another algorithm (HS512)', () => coordinatorToken(undefined, testJwtSecret, 'HS512')],
    ['for another audience', () => coordinatorToken((jwt) => jwt.setAudience('another-application'))],
    ['from another issuer', () => coordinatorToken((jwt) => jwt.setIssuer('https://evil.example'))],
    ['without a subject', () => new SignJWT(claims({ [consortiumId]: ['coordinator'] })).setProtectedHeader({ alg: 'HS256' }).setIssuer(issuer).setAudience(audience).setExpirationTime('1h').sign(key())],
    ['unsigned (alg: none)', async () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'coordinator@test', iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 3600, ...claims({ [consortiumId]: ['coordinator'] }) })}.`],
    [
      'with its claims changed after signing',
      async () => {
        const [header, , signature] = (await coordinatorToken()).split('.');
        const widened = { sub: 'coordinator@test', iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 3600, ccndr_roles: ['platform-admin'], ccndr_consortia: {} };
        return `${header}.${encode(widened)}.${signature}`;
      },
    ],
    ['that is not a JWT at all', async () => 'not-a-token'],
  ])('refuses a token %s with 401, naming the problem', async (_, token) => {
    const response = await organizations(await token());
    expect(response).toMatchObject({ status: 401, body: { type: 'urn:ccndr:problem:auth.invalid-token', code: 'auth.invalid-token', detail: expect.stringMatching(/^invalid token|token/) } });
  });

  it.each([
    ['without an expiry (exp)', () => new SignJWT(claims({ [consortiumId]: ['coordinator'] })).setProtectedHeader({ alg: 'HS256' }).setSubject('coordinator@test').setIssuer(issuer).setAudience(audience).setIssuedAt().sign(key())],
    ['issued an hour in the future (iat)', () => coordinatorToken((jwt) => jwt.setIssuedAt(now() + 3600).setExpirationTime(now() + 7200))],
    ['not valid for another two minutes (nbf)', () => coordinatorToken((jwt) => jwt.setNotBefore(now() + 120))],
    ['for development that lives 30 days', () => coordinatorToken((jwt) => jwt.setIssuedAt(now()).setExpirationTime(now() + 30 * 24 * 3600))],
    ['for development without its issue time (iat)', () => new SignJWT(claims({ [consortiumId]: ['coordinator'] })).setProtectedHeader({ alg: 'HS256' }).setSubject('coordinator@test').setIssuer(issuer).setAudience(audience).setExpirationTime('1h').sign(key())],
  ])('refuses a token %s with 401 on every service', async (_, token) => {
    const hostile = await token();
    expect(await statuses(hostile)).toEqual({ community: 401, assessments: 401, 'provider-matching': 401, evaluation: 401 });
    expect(await organizations(hostile)).toMatchObject({ status: 401, body: { type: 'urn:ccndr:problem:auth.invalid-token', code: 'auth.invalid-token', detail: expect.stringMatching(/^invalid token: .*(exp|iat|nbf)/) } });
  });

  it('does not mint a development token that the services would refuse for its lifetime', async () => {
    await expect(signDevelopmentToken(testJwtSecret, { subject: 'someone@test' }, { expiresIn: '30d' })).rejects.toThrow(/at most 12 h/);
    expect((await organizations(await signDevelopmentToken(testJwtSecret, { subject: 'someone@test', consortia: { [consortiumId]: ['coordinator'] } }, { issuer, audience, expiresIn: '12h' }))).status).toBe(200);
  });

  it('ends a live indicator stream when the token that opened it expires', async () => {
    const shortLived = await coordinatorToken((jwt) => jwt.setIssuedAt(now()).setExpirationTime(now() + 3));
    const response = await fetch(`${system.service('evaluation').url}/consortia/${consortiumId}/indicators/stream`, { headers: { authorization: `Bearer ${shortLived}`, accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    let received = '';
    let ended = false;
    const reading = (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) received += next.value;
      ended = true;
    })();
    reading.catch(() => undefined); // cut when the system stops, if it never ended
    await expectEventually(() => expect(received).toContain('event: indicators'));
    await expectEventually(() => expect(ended).toBe(true), { timeoutMs: 15_000 });
    // Reconnecting with the same token is refused: the client must bring a fresh one.
    expect((await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators`, { token: shortLived })).status).toBe(401);
  });

  it('answers 404, not the data, to a valid token that does not list the consortium', async () => {
    const noClaim = await new SignJWT({ ccndr_roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('someone@test').setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(key());
    expect((await organizations(noClaim)).status).toBe(404);
    const otherConsortium = await coordinatorToken();
    expect((await system.call('community', 'GET', `/consortia/3f1e2d3c-4b5a-4697-8877-665544332211/organizations`, { token: otherConsortium })).status).toBe(404);
    const unknownRole = await new SignJWT(claims({ [consortiumId]: ['superuser'] })).setProtectedHeader({ alg: 'HS256' }).setSubject('someone@test').setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(key());
    expect((await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings`, { token: unknownRole, body: {} })).status).toBe(403);
  });
});
