import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { adminToken, TestSystem } from '@ccndr/testing';

/** Production sign-in: tokens from an OIDC provider, verified against its JWKS. */
describe('bearer tokens from an OIDC provider', () => {
  let jwks: Server;
  let system: TestSystem;
  let privateKey: CryptoKey;
  const issuer = 'https://id.ccndr.example';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey as CryptoKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    system = await TestSystem.start({
      services: ['community'],
      env: {
        AUTH_JWT_SECRET: '',
        AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: 'readiness-platform',
        IDENTITY_LINK_KEY: 'a-production-like-identity-link-key',
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const token = (claims: Record<string, unknown>, audience = 'readiness-platform') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('oidc|admin').setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('5m').sign(privateKey);

  it('accepts a token signed by the provider’s key and refuses shared-secret or foreign-audience tokens', async () => {
    const admin = await token({ ccndr_roles: ['platform-admin'] });
    const created = await system.call('community', 'POST', '/consortia', { token: admin, body: { name: { fr: 'OIDC', en: 'OIDC' }, defaultLanguage: 'en' } });
    expect(created.status).toBe(201);
    expect((await system.call('community', 'GET', '/consortia', { token: await adminToken() })).status).toBe(401);
    expect((await system.call('community', 'GET', '/consortia', { token: await token({ ccndr_roles: ['platform-admin'] }, 'another-app') })).status).toBe(401);
  });
});
