import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainServiceNames, exitOf, repositoryRoot, serviceNames, Supervised, Supervisor } from '@ccndr/local-stack';
import { expectEventually } from '@ccndr/testing';
import { freeRangeBelowEphemeral } from './support/ports';
import { alive, descendants, killAll } from './support/processes';

/**
 * `npm start` on its embedded default (its own PostgreSQL and NATS) keeps what it started running:
 * a service, NATS or PostgreSQL killed, or several services at once, is reported and comes back,
 * with every service ready again; one SIGTERM to npm stops
 * everything, in order, and leaves no process behind.
 */
describe('the run command supervises what it started', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccndr-supervised-'));
  // As root, PostgreSQL runs as its own user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  let child: ChildProcess;
  let output = '';
  let started: { pid: number; command: string }[] = [];

  afterAll(() => {
    killAll(child?.pid, started.map((p) => p.pid));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings back a killed service, NATS, PostgreSQL, and the other services and the portal killed together, each ready, and stops everything on one SIGTERM', async () => {
    const portBase = await freeRangeBelowEphemeral(serviceNames.length + 4);
    const [postgresPort, natsPort, mailSmtpPort, mailWebPort] = [1, 2, 3, 4].map((i) => portBase + serviceNames.length + i);
    const { DATABASE_URL: _d, NATS_URL: _n, TEST_NATS_URL: _t, TEST_DATABASE_URL: _td, EVENT_NAMESPACE: _e, ...environment } = process.env;
    child = spawn('npm', ['start'], {
      cwd: repositoryRoot,
      env: {
        ...environment,
        PORT_BASE: String(portBase),
        DATA_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(postgresPort),
        EMBEDDED_NATS_PORT: String(natsPort),
        EMBEDDED_MAIL_SMTP_PORT: String(mailSmtpPort),
        EMBEDDED_MAIL_WEB_PORT: String(mailWebPort),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await expectEventually(() => expect(output).toContain('Ctrl-C stops everything.'), { timeoutMs: 180_000, intervalMs: 250 });
    // The run command's ports: each service's, then the portal's, in the order of serviceNames.
    const url = (name: (typeof serviceNames)[number]) => `http://127.0.0.1:${portBase + serviceNames.indexOf(name) + 1}`;
    const readiness = async (name: (typeof serviceNames)[number]) => {
      const answer = await fetch(`${url(name)}/health/ready`, { signal: AbortSignal.timeout(3000) });
      return { service: name, status: answer.status, body: (await answer.json()).status };
    };
    // Every service and the portal answer ready: their database and NATS with them.
    const allReady = async () => expect(await Promise.all(serviceNames.map(readiness))).toEqual(serviceNames.map((service) => ({ service, status: 200, body: 'ready' })));
    await expectEventually(allReady, { timeoutMs: 60_000, intervalMs: 250 });

    started = descendants(child.pid!);
    const find = (pattern: RegExp) => {
      const found = descendants(child.pid!).find((p) => pattern.test(p.command));
      if (!found) throw new Error(`no process ${pattern} below npm start: ${JSON.stringify(descendants(child.pid!))}`);
      return found.pid;
    };
    const serviceProcess = (name: string) => new RegExp(`services/${name}/src/main\\.ts`);
    const backAfterKill = async (killed: { name: string; pattern: RegExp }[]) => {
      const pids = killed.map(({ pattern }) => find(pattern));
      // One SIGKILL each, all at once.
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      for (const { name } of killed) await expectEventually(() => expect(output).toMatch(new RegExp(`${name} exited unexpectedly`)), { timeoutMs: 15_000 });
      for (const { name } of killed) await expectEventually(() => expect(output).toMatch(new RegExp(`${name} is running again .*\\(restarts: 1\\)`)), { timeoutMs: 90_000, intervalMs: 250 });
      killed.forEach(({ pattern }, i) => expect(find(pattern)).not.toBe(pids[i]));
      // Processes started again are in process groups of their own: ended too should the test fail.
      started = [...started, ...descendants(child.pid!)];
      await expectEventually(allReady, { timeoutMs: 60_000, intervalMs: 250 });
    };
    for (const killed of [
      { name: 'community', pattern: serviceProcess('community') },
      { name: 'nats-server', pattern: /nats-server .*-p \d+/ },
      { name: 'postgresql', pattern: /\/postgres -D / },
    ]) {
      await backAfterKill([killed]);
    }
    // The other services and the portal, killed together, come back together.
    await backAfterKill(['evaluation', 'assessments', 'provider-matching', 'portal'].map((name) => ({ name, pattern: serviceProcess(name) })));
    // Each service knows it was started again, and says so to operators.
    for (const name of domainServiceNames) expect({ name, restarts: (await (await fetch(`${url(name)}/health/ready`)).json()).process.restarts }).toEqual({ name, restarts: 1 });

    // One SIGTERM to npm: npm passes it on, and everything stops, the portal and services before the mail catcher, NATS and PostgreSQL.
    const everything = descendants(child.pid!);
    expect(everything.length).toBeGreaterThanOrEqual(7);
    const closed = new Promise((resolve) => child.once('close', resolve));
    process.kill(child.pid!, 'SIGTERM');
    await closed;
    await expectEventually(() => expect(everything.filter((p) => alive(p.pid))).toEqual([]), { timeoutMs: 30_000 });
    const stopped = [...output.matchAll(/^ {2}(\S+) stopped/gm)].map(([, name]) => name);
    expect(stopped.slice(0, 1)).toEqual(['portal']);
    expect(stopped.slice(1, 5).sort()).toEqual(['assessments', 'community', 'evaluation', 'provider-matching']);
    expect(stopped.slice(5)).toEqual(['mail-catcher', 'nats-server', 'postgresql']);
    // PostgreSQL stopped last and cleanly: no server left holding its data folder.
    expect(existsSync(join(dataDir, 'postgres', 'pgdata', 'postmaster.pid'))).toBe(false);
  }, 600_000);
});

/** A real process running `script` with Node; after its first start, `failingRestarts` starts fail before it runs. */
class ScriptProcess implements Supervised {
  readonly logFile: string;
  starts = 0;
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    private readonly script: string,
    private failingRestarts = 0,
  ) {
    this.logFile = `/var/log/${name}.log`;
  }

  async restart(): Promise<void> {
    if (this.starts++ > 0 && this.failingRestarts-- > 0) throw new Error(`${this.name} did not answer\nmore detail`);
    this.child = spawn(process.execPath, ['-e', this.script], { stdio: 'ignore' });
  }

  exited(): Promise<string> {
    return exitOf(this.child);
  }

  async stop(): Promise<void> {
    const exited = this.exited();
    this.child?.kill('SIGTERM');
    await exited;
  }
}

/** The supervisor's rules, on small real processes. */
describe('the supervisor', () => {
  const said: string[] = [];
  const supervisor = new Supervisor({ say: (line) => said.push(line), backoffMs: [10], attempts: 3 });
  afterAll(() => supervisor.stopAll());

  it('reports a process that exits on its own, starts it again and counts the restart', async () => {
    const service = new ScriptProcess('crashy', 'setTimeout(() => process.exit(3), 50)');
    await supervisor.start(service);
    await expectEventually(() => expect(supervisor.restarts('crashy')).toBeGreaterThanOrEqual(2));
    expect(said).toContain('crashy exited unexpectedly (exit code 3) / s’est arrêté de façon inattendue: starting it again; its log: /var/log/crashy.log');
    expect(said).toContain('crashy is running again / est de nouveau en marche (restarts: 1)');
  });

  it('gives up after repeated failed starts and names the log', async () => {
    const broken = new ScriptProcess('broken', 'process.exit(1)', 99);
    await supervisor.start(broken);
    await expectEventually(() => expect(said).toContain('broken keeps failing: gave up after 3 attempts / abandon après 3 tentatives. Read its log: /var/log/broken.log'));
    expect(said.filter((l) => l.startsWith('broken did not start again'))).toEqual([
      'broken did not start again (attempt 1 of 3): broken did not answer',
      'broken did not start again (attempt 2 of 3): broken did not answer',
      'broken did not start again (attempt 3 of 3): broken did not answer',
    ]);
    expect(broken.starts).toBe(4);
  });

  it('restarts nothing once stopping, and stops the last started first', async () => {
    const order: string[] = [];
    const steady = (name: string) => Object.assign(new ScriptProcess(name, 'setInterval(() => {}, 1000)'), { stop: async function (this: ScriptProcess) { order.push(name); await ScriptProcess.prototype.stop.call(this); } });
    const own = new Supervisor({ say: () => undefined, backoffMs: [10] });
    const [database, bus, service] = [steady('database'), steady('bus'), steady('service')];
    for (const p of [database, bus, service]) await own.start(p);
    await own.stopAll();
    expect(order).toEqual(['service', 'bus', 'database']);
    expect([database.starts, bus.starts, service.starts]).toEqual([1, 1, 1]);
  });
});
