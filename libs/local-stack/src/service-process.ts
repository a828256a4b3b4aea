import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exitOf, freePort, ProcessOptions, StopWaiting, waitUntil } from './ports';
import { Supervised } from './supervisor';

/** The services that own a bounded context, a schema and consumers. */
export const domainServiceNames = ['community', 'assessments', 'provider-matching', 'evaluation'] as const;
/** Every process of the platform: the domain services and the portal in front of them. */
export const serviceNames = [...domainServiceNames, 'portal'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** Where a process listening on HOST and `port` is reached: where it listens, or on 127.0.0.1 when it listens on every address. */
export function serviceUrl(listenHost: string | undefined, port: number): string {
  const host = !listenHost || listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export const repositoryRoot = resolve(__dirname, '..', '..', '..');

/**
 * One platform service as its own operating-system process, run from source through
 * @swc-node/register, exactly as the run command starts it. Logs go to `<logDir>/<name>.log`.
 */
export class ServiceProcess implements Supervised {
  private child?: ChildProcess;
  /** How many times this process was started after its first start: the service reports it (`RESTARTS`). */
  private starts = 0;
  readonly url: string;
  readonly logFile: string;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    logDir: string,
    private readonly options: ProcessOptions = {},
  ) {
    this.url = serviceUrl(env.HOST, port);
    mkdirSync(logDir, { recursive: true });
    this.logFile = join(logDir, `${name}.log`);
  }

  static async start(name: ServiceName, env: Record<string, string>, logDir: string, port?: number): Promise<ServiceProcess> {
    const service = new ServiceProcess(name, port ?? (await freePort()), env, logDir);
    await service.restart();
    return service;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts the process (if it is not running) and waits until /health/ready answers 200: 90 s, or
   * SERVICE_READY_TIMEOUT_MS on a machine so loaded that compiling and starting a service takes longer.
   */
  async restart(readyTimeoutMs = Number(process.env.SERVICE_READY_TIMEOUT_MS || 90_000)): Promise<void> {
    if (!this.running) {
      const log = openSync(this.logFile, 'a');
      this.child = spawn(process.execPath, ['-r', '@swc-node/register', join('services', this.name, 'src', 'main.ts')], {
        cwd: repositoryRoot,
        env: { ...process.env, SWC_NODE_PROJECT: join(repositoryRoot, 'tsconfig.json'), ...this.env, PORT: String(this.port), RESTARTS: String(this.starts++) },
        stdio: ['ignore', log, log],
        detached: this.options.ownProcessGroup ?? false,
      });
      closeSync(log);
    }
    const child = this.child!;
    await waitUntil(`${this.name} to be ready at ${this.url}/health/ready`, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new StopWaiting(`${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.logTail()}`);
      // A probe that hangs must not stall the wait: each one gets a few seconds.
      const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
      return response.status === 200;
    }, readyTimeoutMs).catch((error) => {
      throw new Error(`${error.message}\n--- ${this.name} log ---\n${this.logTail()}`);
    });
  }

  exited(): Promise<string> {
    return exitOf(this.child);
  }

  /** SIGTERM drains in-flight work; SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
