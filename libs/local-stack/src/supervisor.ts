/** A process the supervisor keeps running: a service, the portal, NATS or PostgreSQL. */
export interface Supervised {
  readonly name: string;
  /** Where the process writes its log: named when it keeps failing. */
  readonly logFile: string;
  /** Starts the process (when it is not running) and waits until it is ready. */
  restart(): Promise<void>;
  /** Settles when the process started last exits, with its exit code or signal. */
  exited(): Promise<string>;
  /** Stops it in its orderly way and waits until it is gone. */
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Where the supervisor says what happens (the run command's terminal). */
  say: (line: string) => void;
  /** Waits before successive attempts to start again a process that exited; the last repeats. */
  backoffMs?: number[];
  /** Consecutive failed starts after which the supervisor gives up on a process. */
  attempts?: number;
}

/**
 * Keeps the embedded default's processes running: one that exits unexpectedly is reported at once
 * and started again after a growing wait, its restarts counted; after repeated failed starts the
 * supervisor gives up on it and names its log. Stops them in the reverse order of their start
 * (the portal and services, then NATS, then PostgreSQL), and restarts nothing once stopping.
 */
export class Supervisor {
  private readonly children: Supervised[] = [];
  private readonly restartCounts = new Map<string, number>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** How many times each process was started again after exiting on its own. */
  restarts(name: string): number {
    return this.restartCounts.get(name) ?? 0;
  }

  /** Starts `child` and watches it from then on. */
  async start(child: Supervised): Promise<void> {
    await child.restart();
    this.adopt(child);
  }

  /** Watches `child`, started already, from now on. */
  adopt(child: Supervised): void {
    this.children.push(child);
    this.watch(child);
  }

  /** Stops every process, the last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) {
      await child.stop().catch(() => undefined);
      this.options.say(`  ${child.name} stopped / arrêté`);
    }
  }

  private watch(child: Supervised): void {
    void child.exited().then((how) => {
      if (this.stopping) return;
      this.options.say(`${child.name} exited unexpectedly (${how}) / s’est arrêté de façon inattendue: starting it again; its log: ${child.logFile}`);
      return this.bringBack(child);
    });
  }

  private async bringBack(child: Supervised): Promise<void> {
    const backoff = this.options.backoffMs ?? [500, 1000, 2000, 5000, 10_000];
    const attempts = this.options.attempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, backoff[Math.min(attempt - 1, backoff.length - 1)]));
      if (this.stopping) return;
      try {
        await child.restart();
      } catch (error) {
        this.options.say(`${child.name} did not start again (attempt ${attempt} of ${attempts}): ${firstLine(error)}`);
        continue;
      }
      if (this.stopping) return void (await child.stop().catch(() => undefined));
      const restarts = (this.restartCounts.get(child.name) ?? 0) + 1;
      this.restartCounts.set(child.name, restarts);
      this.options.say(`${child.name} is running again / est de nouveau en marche (restarts: ${restarts})`);
      return this.watch(child);
    }
    this.options.say(`${child.name} keeps failing: gave up after ${attempts} attempts / abandon après ${attempts} tentatives. Read its log: ${child.logFile}`);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
