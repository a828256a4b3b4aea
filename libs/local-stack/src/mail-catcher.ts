import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exitOf, isListening, ProcessOptions, stopChild, StopWaiting, waitUntil } from './ports';
import { repositoryRoot } from './service-process';
import { Supervised } from './supervisor';

export interface MailCatcherPorts {
  smtp: number;
  web: number;
}

/**
 * The development mail catcher of the embedded default (MailDev): an SMTP server that keeps every
 * message it is given, and a web page to read them. Nothing leaves the machine; both listen on
 * 127.0.0.1 only, whatever HOST says (the demo's mail is nobody else's to read). Messages are kept
 * under `dataDir`, so a restart shows those already sent.
 */
export class MailCatcherProcess implements Supervised {
  readonly name = 'mail-catcher';
  private child?: ChildProcess;

  private constructor(
    readonly ports: MailCatcherPorts,
    readonly dataDir: string,
    private readonly options: ProcessOptions,
  ) {}

  static async start(dataDir: string, ports: MailCatcherPorts, options: ProcessOptions = {}): Promise<MailCatcherProcess> {
    mkdirSync(dataDir, { recursive: true });
    const catcher = new MailCatcherProcess(ports, dataDir, options);
    await catcher.restart();
    return catcher;
  }

  /** Where the services send their mail. */
  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.ports.smtp}`;
  }

  /** Where people read it. */
  get webUrl(): string {
    return `http://127.0.0.1:${this.ports.web}`;
  }

  get logFile(): string {
    return join(this.dataDir, 'mail-catcher.log');
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  exited(): Promise<string> {
    return exitOf(this.child);
  }

  async restart(): Promise<void> {
    if (this.running) return;
    // MailDev's own command (a devDependency: production sends through SMTP_URL).
    const binary = join(repositoryRoot, 'node_modules', 'maildev', 'bin', 'maildev');
    const args = ['--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--smtp', String(this.ports.smtp), '--web', String(this.ports.web), '--mail-directory', join(this.dataDir, 'messages')];
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: this.options.ownProcessGroup ?? false });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    await waitUntil(
      `the mail catcher on ports ${this.ports.smtp} and ${this.ports.web}`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new StopWaiting(`the mail catcher exited at start (${child.exitCode ?? child.signalCode}): see ${this.logFile}`);
        return (await isListening(this.ports.smtp)) && (await isListening(this.ports.web));
      },
      30_000,
      100,
    );
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
  }
}
