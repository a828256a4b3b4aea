import { ConfigError, isLoopbackAddress, loadConfig, portalConfigSchema } from './index';

const valid = { DATABASE_URL: 'postgres://localhost/readiness', AUTH_JWT_SECRET: 'a-development-secret' };

describe('the config loader', () => {
  it('applies the service defaults and the environment over them', () => {
    const config = loadConfig({ PORT: '3001', DATABASE_SCHEMA: 'community' }, { ...valid, PORT: '4001', EVENT_NAMESPACE: '' });
    expect(config).toMatchObject({ PORT: 4001, DATABASE_SCHEMA: 'community', NATS_URL: 'nats://127.0.0.1:4222', EVENT_NAMESPACE: '', LOG_LEVEL: 'info' });
  });

  it('listens on this machine only (127.0.0.1) unless HOST says otherwise, services and portal alike', () => {
    expect(loadConfig({ PORT: '3001', DATABASE_SCHEMA: 'community' }, valid).HOST).toBe('127.0.0.1');
    expect(loadConfig({ PORT: '3001', DATABASE_SCHEMA: 'community' }, { ...valid, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    const urls = { COMMUNITY_URL: 'http://c', ASSESSMENTS_URL: 'http://a', PROVIDER_MATCHING_URL: 'http://p', EVALUATION_URL: 'http://e', SESSION_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ PORT: '3005' }, { ...urls, DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret' }, portalConfigSchema).HOST).toBe('127.0.0.1');
  });

  it('tells loopback addresses from every other, the wildcards included', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost']) expect([address, isLoopbackAddress(address)]).toEqual([address, true]);
    for (const address of ['0.0.0.0', '::', '192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', '128.0.0.1', 'fe80::1', 'example.org', '', undefined]) expect([address, isLoopbackAddress(address)]).toEqual([address, false]);
  });

  it('names every problem at once', () => {
    expect(() => loadConfig({ PORT: '3001', DATABASE_SCHEMA: 'community' }, { DATABASE_URL: 'mysql://x', AUTH_JWT_SECRET: 'short', PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '3001', DATABASE_SCHEMA: 'community' }, { DATABASE_URL: 'mysql://x', AUTH_JWT_SECRET: 'short', PORT: 'eighty' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT:/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect((error as Error).message).toMatch(/AUTH_JWT_SECRET: must be at least 16 characters/);
    }
  });

  it('keeps processed-event records 90 days by default, and refuses a horizon no longer than the dead letters wait', () => {
    const defaults = { PORT: '1', DATABASE_SCHEMA: 'x' };
    expect(loadConfig(defaults, valid)).toMatchObject({ PROCESSED_EVENTS_RETENTION_DAYS: 90, PROCESSED_EVENTS_PRUNE_BATCH: 5000, DEAD_LETTER_MAX_AGE_DAYS: 30 });
    expect(() => loadConfig(defaults, { ...valid, PROCESSED_EVENTS_RETENTION_DAYS: '30' })).toThrow(/PROCESSED_EVENTS_RETENTION_DAYS: must be longer than DEAD_LETTER_MAX_AGE_DAYS/);
    expect(loadConfig(defaults, { ...valid, PROCESSED_EVENTS_RETENTION_DAYS: '30', DEAD_LETTER_MAX_AGE_DAYS: '14' }).PROCESSED_EVENTS_RETENTION_DAYS).toBe(30);
  });

  it('requires exactly one way to verify tokens', () => {
    expect(() => loadConfig({ PORT: '1', DATABASE_SCHEMA: 'x' }, { DATABASE_URL: valid.DATABASE_URL, IDENTITY_LINK_KEY: 'a-long-enough-link-key' })).toThrow(/exactly one of AUTH_JWT_SECRET/);
    expect(() => loadConfig({ PORT: '1', DATABASE_SCHEMA: 'x' }, { ...valid, AUTH_JWKS_URL: 'https://id.example/jwks' })).toThrow(/exactly one of AUTH_JWT_SECRET/);
    expect(() => loadConfig({ PORT: '1', DATABASE_SCHEMA: 'x' }, { DATABASE_URL: valid.DATABASE_URL, AUTH_JWKS_URL: 'https://id.example/jwks' })).toThrow(/IDENTITY_LINK_KEY/);
  });

  it('reads the per-client limits, with defaults for real use, and refuses a limit of zero or a window of none', () => {
    expect(loadConfig({ PORT: '1', DATABASE_SCHEMA: 'x' }, valid)).toMatchObject({
      WRITE_LIMIT: 200,
      WRITE_LIMIT_WINDOW_SECONDS: 10,
      EXPENSIVE_READ_LIMIT: 30,
      EXPENSIVE_READ_LIMIT_WINDOW_SECONDS: 60,
      FAILED_TOKEN_LIMIT: 30,
      FAILED_TOKEN_LIMIT_WINDOW_SECONDS: 60,
    });
    expect(loadConfig({ PORT: '1', DATABASE_SCHEMA: 'x' }, { ...valid, WRITE_LIMIT: '5', WRITE_LIMIT_WINDOW_SECONDS: '0.5' })).toMatchObject({ WRITE_LIMIT: 5, WRITE_LIMIT_WINDOW_SECONDS: 0.5 });
    expect(() => loadConfig({ PORT: '1', DATABASE_SCHEMA: 'x' }, { ...valid, FAILED_TOKEN_LIMIT: '0', EXPENSIVE_READ_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/FAILED_TOKEN_LIMIT[\s\S]*EXPENSIVE_READ_LIMIT_WINDOW_SECONDS|EXPENSIVE_READ_LIMIT_WINDOW_SECONDS[\s\S]*FAILED_TOKEN_LIMIT/);
    const urls = { COMMUNITY_URL: 'http://c', ASSESSMENTS_URL: 'http://a', PROVIDER_MATCHING_URL: 'http://p', EVALUATION_URL: 'http://e', SESSION_SECRET: 'x'.repeat(32), DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret' };
    expect(loadConfig({ PORT: '3005' }, urls, portalConfigSchema)).toMatchObject({ SIGN_IN_LIMIT: 30, SIGN_IN_LIMIT_WINDOW_SECONDS: 60 });
    expect(() => loadConfig({ PORT: '3005' }, { ...urls, SIGN_IN_LIMIT: 'many' }, portalConfigSchema)).toThrow(/SIGN_IN_LIMIT/);
    expect(loadConfig({ PORT: '3005' }, urls, portalConfigSchema)).toMatchObject({ UNSUBSCRIBE_LIMIT: 120, UNSUBSCRIBE_LIMIT_WINDOW_SECONDS: 60 });
  });

  it('believes no proxy about the client address unless TRUST_PROXY names hops or the proxies’ addresses and networks', () => {
    const urls = { COMMUNITY_URL: 'http://c', ASSESSMENTS_URL: 'http://a', PROVIDER_MATCHING_URL: 'http://p', EVALUATION_URL: 'http://e', SESSION_SECRET: 'x'.repeat(32), DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret' };
    const trust = (TRUST_PROXY?: string) => loadConfig({ PORT: '3005' }, { ...urls, TRUST_PROXY }, portalConfigSchema).TRUST_PROXY;
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('10.0.0.0/8, 192.168.1.7,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    for (const wrong of ['true', 'yes', '10.0.0.0/33', 'ingress.local', '10.0.0.1/8/1']) expect(() => trust(wrong)).toThrow(/TRUST_PROXY/);
  });

  it('reads the portal’s settings with its own schema: exactly one way to sign in', () => {
    const urls = { COMMUNITY_URL: 'http://c', ASSESSMENTS_URL: 'http://a', PROVIDER_MATCHING_URL: 'http://p', EVALUATION_URL: 'http://e', SESSION_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ PORT: '3005' }, { ...urls, DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret' }, portalConfigSchema)).toMatchObject({ PORT: 3005, OIDC_SCOPES: 'openid profile', EMBEDDED_DEFAULT: false });
    expect(loadConfig({ PORT: '3005' }, { ...urls, DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret', EMBEDDED_DEFAULT: 'true' }, portalConfigSchema)).toMatchObject({ EMBEDDED_DEFAULT: true });
    expect(() => loadConfig({ PORT: '3005' }, { ...urls, DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret', EMBEDDED_DEFAULT: 'yes' }, portalConfigSchema)).toThrow(/EMBEDDED_DEFAULT/);
    expect(loadConfig({ PORT: '3005' }, { ...urls, OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'portal' }, portalConfigSchema)).toMatchObject({ OIDC_CLIENT_ID: 'portal' });
    expect(() => loadConfig({ PORT: '3005' }, urls, portalConfigSchema)).toThrow(/OIDC_ISSUER: set either/);
    expect(() => loadConfig({ PORT: '3005' }, { ...urls, DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret', OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'portal' }, portalConfigSchema)).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '3005' }, { ...urls, SESSION_SECRET: 'short', DEVELOPMENT_SIGN_IN_SECRET: 'a-development-secret' }, portalConfigSchema)).toThrow(/SESSION_SECRET/);
  });
});
