import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { repositoryRoot, serviceNames } from '@ccndr/local-stack';
import { eventBusTopology, natsInboxPrefix } from '@ccndr/messaging';
import { expectEventually } from '@ccndr/testing';

/** A run of `count` ports from base+1 that nothing listens on, between 20000 and 30000. */
async function freeRangeBelowEphemeral(count: number): Promise<number> {
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 9_900);
    let free = true;
    for (let port = base + 1; port <= base + count && free; port++) free = await bindable(port);
    if (free) return base;
  }
}

/**
 * The README's run command (`npm start`), against this run's PostgreSQL and with its own embedded
 * NATS: the account layout of infra/nats, each service signing in as itself.
 */
describe('the run command', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `ccndr_run_${suffix}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ccndr-run-'));
  const adminUrl = process.env.TEST_DATABASE_URL!;
  let child: ChildProcess;
  let output = '';

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    // Whatever is left of the command's process group (only after a failure).
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone: it stopped cleanly
      }
    }
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings up the four services ready, seeds the demo consortium and stops cleanly', async () => {
    // Consecutive ports below the ephemeral range, so no other test's port or connection takes one meanwhile.
    const portBase = await freeRangeBelowEphemeral(serviceNames.length + 2);
    const natsPort = portBase + serviceNames.length + 1;
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const { NATS_URL: _shared, TEST_NATS_URL: _test, EVENT_NAMESPACE: _namespace, ...environment } = process.env;
    child = spawn('npm', ['start'], {
      cwd: repositoryRoot,
      env: { ...environment, PORT_BASE: String(portBase), DATABASE_URL: url.toString(), DATA_DIR: dataDir, EMBEDDED_NATS_PORT: String(natsPort), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal runs it, so that Ctrl-C reaches npm and the platform alike.
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));

    await expectEventually(() => expect(output).toContain('Ctrl-C stops everything.'), { timeoutMs: 150_000, intervalMs: 250 });
    for (const [i, name] of serviceNames.entries()) {
      const serviceUrl = `http://127.0.0.1:${portBase + i + 1}`;
      expect(output).toContain(`${name.padEnd(18)} ${serviceUrl}`);
      expect((await fetch(`${serviceUrl}/health/ready`)).status).toBe(200);
    }

    // Other programmes read the stream with the printed read-only user.
    const subscriberPassword = output.match(/read-only user: subscriber-example \/ (\S+)/)![1];
    // On its own inbox prefix, the only one its permissions let it receive on.
    const subscriber = await connect({ servers: `nats://127.0.0.1:${natsPort}`, user: 'subscriber-example', pass: subscriberPassword, inboxPrefix: natsInboxPrefix('subscriber-example') });
    try {
      const events = await (await jetstreamManager(subscriber)).streams.info(eventBusTopology('').eventsStream);
      expect(events.state.messages).toBeGreaterThan(0);
    } finally {
      await subscriber.close();
    }

    const consortiumId = output.match(/Demo consortium \/ Consortium de démonstration: (\S+)/)![1];
    const coordinator = output.match(/coordinator: +(\S+)/)![1];
    const evaluation = `http://127.0.0.1:${portBase + 4}`;
    await expectEventually(async () => {
      const indicators = await (await fetch(`${evaluation}/consortia/${consortiumId}/indicators`, { headers: { authorization: `Bearer ${coordinator}` } })).json();
      // The report's three consortium meetings: 21 + 36 + 24 participants.
      expect(indicators.find((i: { key: string }) => i.key === 'o1.meeting-participants')).toMatchObject({ value: 81, status: 'met' });
      expect(indicators.find((i: { key: string }) => i.key === 'o4.partnerships.confirmed')).toMatchObject({ value: 2 });
      expect(indicators.find((i: { key: string }) => i.key === 'o4.partnerships.in-negotiation')).toMatchObject({ value: 1 });
    }, { timeoutMs: 60_000 });

    // The generated report gives the results of the programme report's "Évaluation" section.
    const report = await (await fetch(`${evaluation}/consortia/${consortiumId}/report?format=markdown`, { headers: { authorization: `Bearer ${coordinator}` } })).text();
    for (const line of [
      '- **Résultat :** cible atteinte : organismes à but non lucratif d’emploi jeunesse : 10, prestataires de services numériques et de données : 10, conseillers·ères techniques : 2, conseillers·ères sectoriel·le·s : 3, autres membres du Consortium : 11',
      '- **Résultat :** cible atteinte : 81 participant·e·s aux rencontres du Consortium',
      '  - 1re rencontre du Consortium (21 novembre 2022) : 21 participant·e·s',
      '  - 2e rencontre du Consortium (17 avril 2023) : 36 participant·e·s',
      '  - 3e rencontre du Consortium (15 janvier 2024) : 24 participant·e·s',
      '  - Prototype 1 — membres actifs : 7 · organismes : 7',
      '  - Prototype 2 — membres actifs : 11 · organismes : 11',
      '  - Prototype 3 — membres actifs : 5 · organismes : 5',
      '- **Résultat :** cible atteinte : modèles proposés : 3',
      '- **Résultat :** confirmés : 2 · en cours de négociation : 1',
    ]) {
      expect(report).toContain(line);
    }

    // Ctrl-C: the whole group gets SIGINT; npm ends on the signal, the platform stops its services and exits.
    const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    process.kill(-child.pid!, 'SIGINT');
    expect([{ code: 0, signal: null }, { code: null, signal: 'SIGINT' }]).toContainEqual(await closed);
    expect(output).toContain('Stopping');
    expect(output).not.toMatch(/error/i);
    for (let i = 1; i <= serviceNames.length; i++) await expect(fetch(`http://127.0.0.1:${portBase + i}/health/live`)).rejects.toThrow();
  }, 240_000);
});
