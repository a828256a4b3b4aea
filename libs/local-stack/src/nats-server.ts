import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitOf, freePort, isListening, ProcessOptions, stopChild, StopWaiting, waitUntil } from './ports';
import { Supervised } from './supervisor';

export const natsInstallHint =
  'No NATS server: set NATS_URL, or install nats-server (Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server; or a release binary on the PATH).';

export function natsServerBinary(): string | undefined {
  for (const candidate of ['nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server']) {
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

export interface NatsServerOptions extends ProcessOptions {
  /** A configuration file (accounts, users, permissions), e.g. infra/nats/nats-server.conf. */
  config?: string;
  /** Environment the configuration reads (its passwords). */
  env?: Record<string, string>;
}

/**
 * A private `nats-server -js` on 127.0.0.1, with its store under `dataDir` so that a restart keeps
 * streams and consumers. Fault tests stop, kill and restart it; nothing else is touched.
 */
export class NatsServerProcess implements Supervised {
  readonly name = 'nats-server';
  private child?: ChildProcess;

  private constructor(
    private readonly binary: string,
    readonly port: number,
    readonly dataDir: string,
    private readonly options: NatsServerOptions,
  ) {}

  static async start(dataDir: string, port?: number, options: NatsServerOptions = {}): Promise<NatsServerProcess> {
    const binary = natsServerBinary();
    if (!binary) throw new Error(natsInstallHint);
    mkdirSync(dataDir, { recursive: true });
    const server = new NatsServerProcess(binary, port ?? (await freePort()), dataDir, options);
    await server.restart();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return join(this.dataDir, 'nats-server.log');
  }

  exited(): Promise<string> {
    return exitOf(this.child);
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  async restart(): Promise<void> {
    if (this.running) return;
    const config = this.options.config ? ['-c', this.options.config, '-m', '0'] : [];
    const log = this.logFile;
    const child = spawn(this.binary, [...config, '-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dataDir, '-l', log], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...this.options.env },
      detached: this.options.ownProcessGroup ?? false,
    });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    // A server that exits at start says why on stderr or in its log.
    const why = () => [stderr.trim(), existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n') : ''].filter(Boolean).join('\n') || 'nothing said';
    try {
      await waitUntil(`nats-server on port ${this.port}`, async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new StopWaiting(`nats-server exited at start (${child.exitCode ?? child.signalCode})`);
        return isListening(this.port);
      }, 15_000, 50);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; its log:\n${why()}`);
    }
  }

  /** Freezes the server (SIGSTOP): its sockets stay open and nothing answers, as with a hung host. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** Graceful stop (SIGTERM) or a crash (SIGKILL). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopChild(this.child, signal);
  }
}
