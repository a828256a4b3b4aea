import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Browser } from 'playwright-core';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { launchChromium } from './support/browser';

/**
 * A minimal OpenID provider, enough for the authorization code flow with PKCE: discovery, an
 * authorization endpoint that signs the person in at once, a token endpoint that checks the code
 * verifier, and its keys.
 */
class TestIdentityProvider {
  readonly codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  accessClaims: Record<string, unknown> = {};
  /** Seconds the access tokens it issues live; null: tokens without an expiry. */
  accessLifetime: number | null = 600;
  /** Sign-ins it was asked for (authorization requests). */
  authorizations = 0;
  private constructor(
    private readonly server: Server,
    private readonly privateKey: CryptoKey,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const holder: { provider?: TestIdentityProvider } = {};
    const server = createServer((request, response) => void holder.provider!.handle(request, response, jwk));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (holder.provider = new TestIdentityProvider(server, pair.privateKey as CryptoKey));
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  sign(claims: Record<string, unknown>, audience: string, lifetime: number | null = 600): Promise<string> {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(this.issuer).setAudience(audience).setIssuedAt();
    return (lifetime === null ? jwt : jwt.setExpirationTime(Math.floor(Date.now() / 1000) + lifetime)).sign(this.privateKey);
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse, jwk: object): Promise<void> {
    const url = new URL(request.url!, this.issuer);
    const json = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: `${this.issuer}/jwks` });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      this.authorizations++;
      const q = url.searchParams;
      if (q.get('client_id') !== 'portal' || q.get('code_challenge_method') !== 'S256' || q.get('response_type') !== 'code') return json(400, { error: 'invalid_request' });
      const code = randomBytes(8).toString('hex');
      this.codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, redirectUri: q.get('redirect_uri')! });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      return void response.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const grant = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verified = grant && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === grant.challenge && form.get('redirect_uri') === grant.redirectUri;
      if (!verified) return json(400, { error: 'invalid_grant' });
      return json(200, {
        token_type: 'Bearer',
        expires_in: 600,
        access_token: await this.sign({ sub: 'oidc|camille', ...this.accessClaims }, 'readiness-platform', this.accessLifetime),
        id_token: await this.sign({ sub: 'oidc|camille', name: 'Camille Coordination', nonce: grant.nonce }, 'portal'),
      });
    }
    json(404, { error: 'not_found' });
  }
}

describe('portal: sign-in with the identity provider (OpenID Connect, code flow with PKCE)', () => {
  let provider: TestIdentityProvider;
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    provider = await TestIdentityProvider.start();
    browser = await launchChromium();
    system = await TestSystem.start({
      services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'],
      env: {
        // The services verify the provider's access tokens; the portal signs people in with it.
        AUTH_JWT_SECRET: '',
        AUTH_JWKS_URL: `${provider.issuer}/jwks`,
        AUTH_ISSUER: provider.issuer,
        AUTH_AUDIENCE: 'readiness-platform',
        IDENTITY_LINK_KEY: 'a-production-like-identity-link-key',
        DEVELOPMENT_SIGN_IN_SECRET: '',
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'portal',
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await provider?.close();
  });

  it('sends a person to the provider and back to the page they asked for, signed in with the provider’s token', async () => {
    const admin = await provider.sign({ sub: 'oidc|admin', ccndr_roles: ['platform-admin'] }, 'readiness-platform');
    const created = await system.call('community', 'POST', '/consortia', { token: admin, body: { name: { fr: 'Consortium OIDC', en: 'OIDC consortium' }, defaultLanguage: 'fr' } });
    expect(created.status).toBe(201);
    const consortiumId = created.body.id;
    provider.accessClaims = { ccndr_consortia: { [consortiumId]: ['coordinator'] } };
    const portal = system.service('portal').url;

    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${portal}/c/${consortiumId}/gatherings?lang=fr`);
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}/gatherings`);
    expect(await page.locator('h1').textContent()).toBe('Rencontres');
    expect(await page.locator('header').textContent()).toContain('Connecté·e\u00a0: Camille Coordination');
    expect(await page.locator('.dev').count()).toBe(0);
    expect(provider.codes.size).toBe(0); // the code was used, once

    // A callback that this browser did not start is refused.
    const forged = await context.request.get(`${portal}/auth/callback?code=abc&state=forged`, { maxRedirects: 0 });
    expect(forged.status()).toBe(400);
    await context.close();
  });

  it('ends the session with its access token: the next page goes through the provider and comes back; signing out too', async () => {
    const admin = await provider.sign({ sub: 'oidc|admin', ccndr_roles: ['platform-admin'] }, 'readiness-platform');
    const created = await system.call('community', 'POST', '/consortia', { token: admin, body: { name: { fr: 'Consortium éphémère', en: 'Short-lived consortium' }, defaultLanguage: 'fr' } });
    const consortiumId = created.body.id;
    provider.accessClaims = { ccndr_consortia: { [consortiumId]: ['coordinator'] } };
    provider.accessLifetime = 3;
    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA' });
    const problems: string[] = [];
    const page = await context.newPage();
    page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
    await page.goto(`${portal}/c/${consortiumId}/gatherings?lang=fr`);
    expect(await page.locator('h1').textContent()).toBe('Rencontres');
    const before = provider.authorizations;
    provider.accessLifetime = 600;
    // Once the token has expired, the session has too: the page sends the person to the provider, and back to the same page.
    await expectEventually(async () => {
      await page.reload();
      expect(provider.authorizations).toBe(before + 1);
    });
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}/gatherings`);
    expect(await page.locator('h1').textContent()).toBe('Rencontres');
    expect(await page.locator('header').textContent()).toContain('Camille Coordination');
    // Signing out goes to the provider (a form whose redirects end there, allowed by the page's form-action), which signs the person in again at once.
    await page.click('form[action="/sign-out"] button');
    await page.waitForURL((url) => url.pathname === '/');
    expect(provider.authorizations).toBe(before + 2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses an access token without an expiry with a clear answer, instead of a session the services would refuse', async () => {
    provider.accessLifetime = null;
    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'en-CA' });
    const page = await context.newPage();
    const response = await page.goto(`${portal}/sign-in?lang=en`);
    expect(response!.status()).toBe(400);
    expect(await page.locator('[role=alert]').textContent()).toBe('The identity provider gave a sign-in without a valid expiry: ask its administrators.');
    expect((await context.cookies(portal)).map((c) => c.name)).not.toContain('ccndr_session');
    provider.accessLifetime = 600;
    await context.close();
  });
});
