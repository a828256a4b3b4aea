import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { consortiumEventsSubject } from '@ccndr/contracts';
import { adminToken, consortiumToken, expectEventually, TestSystem, testJwtSecret } from '@ccndr/testing';
import { CommandResult } from './support/command';
import { runOperator } from './support/operator';
import { createConsortium, joinMember, joinOrganization, scheduleGathering } from './support/programme';

const schemas = ['community', 'assessments', 'provider_matching', 'evaluation'];

/** The operator command's platform-wide tools, against the four services. */
describe('the operator command', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation'] });
    admin = await adminToken();
  });
  afterAll(() => system?.stop());

  /** `npm run operator -- …`, with its output and exit code. */
  function operator(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
    return runOperator(system, args, { OPERATOR_TOKEN: admin, ...env });
  }

  /** Rows of one consortium in every tenant table of every service (as the database's owner, past row-level security). */
  async function rowsOf(consortiumId: string): Promise<Record<string, number>> {
    const tables = await system.sql(`SELECT table_schema || '.' || table_name AS name FROM information_schema.columns WHERE column_name = 'consortium_id' AND table_schema = ANY($1)`, [schemas]);
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [{ n }] = await system.sql(`SELECT count(*)::int AS n FROM ${name} WHERE consortium_id = $1`, [consortiumId]);
      if (n) counts[name] = n;
    }
    const [{ n }] = await system.sql(`SELECT count(*)::int AS n FROM community.consortia WHERE id = $1`, [consortiumId]);
    if (n) counts['community.consortia'] = n;
    return counts;
  }

  async function eventsOf(consortiumId: string): Promise<number> {
    const nc = await connect({ servers: system.natsUrl });
    try {
      const subject = consortiumEventsSubject(consortiumId, system.namespace);
      const info = await (await jetstreamManager(nc)).streams.info(system.topology.eventsStream, { subjects_filter: subject });
      return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
    } finally {
      await nc.close();
    }
  }

  it('gives up recreating the events stream with a message naming NATS_URL, and exit code 1, when NATS cannot be reached', async () => {
    // Port 9 (discard) on this machine: nothing listens, the connection is refused.
    const result = await operator(['stream', 'recreate', '--confirm', system.topology.eventsStream], { NATS_URL: 'nats://127.0.0.1:9', EVENT_NAMESPACE: system.namespace });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cannot reach NATS at nats:\/\/127\.0\.0\.1:9 \(NATS_URL\): .+; nothing was changed$/m);
  });

  it('mints development tokens the services accept, and refuses a token it cannot sign or an unknown role', async () => {
    const { consortiumId } = await createConsortium(system);
    const minted = await operator(['token', '--subject', 'idp|camille', '--consortium', `${consortiumId}=coordinator,observer`], { AUTH_JWT_SECRET: testJwtSecret });
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token })).status).toBe(200);
    expect((await system.call('community', 'GET', '/consortia', { token })).body.map((c: any) => c.id)).toEqual([consortiumId]);
    const platform = await operator(['token', '--platform-admin'], { AUTH_JWT_SECRET: testJwtSecret });
    expect((await system.call('community', 'GET', '/consortia', { token: platform.stdout.trim() })).body.length).toBeGreaterThan(0);
    // A programme lead's token: no consortium of its own, and a 403 on a consortium's routes.
    const lead = (await operator(['token', '--programme-lead'], { AUTH_JWT_SECRET: testJwtSecret })).stdout.trim();
    expect(await system.call('community', 'GET', '/consortia', { token: lead })).toMatchObject({ status: 200, body: [] });
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token: lead })).status).toBe(403);

    expect(await operator(['token', '--consortium', `${consortiumId}=owner`], { AUTH_JWT_SECRET: testJwtSecret })).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown role owner') });
    expect(await operator(['token', '--platform-admin'], { AUTH_JWT_SECRET: '' })).toMatchObject({ code: 1, stderr: expect.stringContaining('AUTH_JWT_SECRET') });
    // The services refuse a development token that lives more than 12 h: the command does not mint one.
    expect(await operator(['token', '--platform-admin', '--expires-in', '30d'], { AUTH_JWT_SECRET: testJwtSecret })).toMatchObject({ code: 1, stderr: expect.stringContaining('at most 12 h') });
  });

  it('opens a consortium with its coordinating organisation and first coordinator, who can then sign in to it', async () => {
    const created = await operator([
      'consortium', 'create', '--name-fr', 'Consortium de l’Outaouais', '--name-en', 'Outaouais consortium', '--language', 'fr',
      '--organization', 'Centre de coordination', '--province', 'QC', '--coordinator-name', 'Camille Roy', '--coordinator-subject', 'idp|camille-roy',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const consortiumId = /consortium ([0-9a-f-]{36}) opened/.exec(created.stdout)![1];
    const members = (await system.call('community', 'GET', `/consortia/${consortiumId}/members`, { token: admin })).body;
    expect(members).toEqual([expect.objectContaining({ displayName: 'Camille Roy', role: 'coordinator', subject: 'idp|camille-roy', organization: expect.objectContaining({ name: 'Centre de coordination' }) })]);
    const coordinator = await consortiumToken({ [consortiumId]: ['coordinator'] }, 'idp|camille-roy');
    expect((await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings`, { token: coordinator, body: { kind: 'workshop', title: 'Atelier', startsAt: '2030-01-10T17:00:00Z' } })).status).toBe(201);

    expect(await operator(['consortium', 'create', '--name-fr', 'Sans nom anglais'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--name-en is required') });
  });

  it('shows every service’s health, restarts, outbox backlog, consumer lag, dead letters, indicator freshness and trace exporter, as a table or JSON', async () => {
    await createConsortium(system, 'Consortium suivi');
    await system.settled();
    const shown = await operator(['status', '--json']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    const statuses = JSON.parse(shown.stdout);
    expect(statuses.map((s: any) => s.service)).toEqual(['community', 'assessments', 'provider-matching', 'evaluation']);
    for (const s of statuses) expect(s).toMatchObject({ status: 'ready', reasons: [], restarts: 0, outbox: { pending: 0 }, traces: 'none' });
    expect(statuses.find((s: any) => s.service === 'evaluation')).toMatchObject({
      consumers: [{ consumer: 'evaluation', pending: 0, unacknowledged: 0, deadLetters: 0, newestEventAgeSeconds: expect.any(Number) }],
      indicatorsWaiting: { pending: 0 },
    });
    // On a terminal: a table with a header and a row per service and consumer.
    const table = await operator(['status']);
    const [header, ...rows] = table.stdout.trim().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['service', 'status', 'restarts', 'outbox', 'oldest (s)', 'consumer', 'pending', 'unacked', 'dead letters', 'newest event (s)', 'indicators waiting', 'traces']);
    expect(rows.find((r) => r.startsWith('evaluation'))!.split(/\s{2,}/).slice(0, 9)).toEqual(['evaluation', 'ready', '0', '0', '0', 'evaluation', '0', '0', '0']);

    await system.service('assessments').stop();
    try {
      const degraded = await operator(['status']);
      expect(degraded.code).toBe(2);
      expect(degraded.stdout).toMatch(/^assessments +unreachable/m);
    } finally {
      await system.service('assessments').restart();
    }
    // Started again, the service says so.
    expect(JSON.parse((await operator(['status', '--json'])).stdout).find((s: any) => s.service === 'assessments').restarts).toBe(1);
  });

  it('shows a degraded service with its outbox backlog, and a consumer’s dead letters, in the table and as JSON', async () => {
    await system.settled();
    // An event on a subject no stream takes (NATS refuses every publish of it), and an event that is not JSON.
    const eventId = randomUUID();
    await system.sql(`INSERT INTO community.outbox (event_id, subject, payload, created_at) VALUES ($1, $2, '{}', now() - interval '1 minute')`, [eventId, `${system.namespace}.nowhere.${eventId}`]);
    await system.bus.publish(system.bus.event('ccndr.community.gathering.attendance-recorded.v1', randomUUID()), { raw: 'not json' });
    try {
      const statuses = await expectEventually(async () => {
        const shown = await operator(['status', '--json']);
        expect(shown.code).toBe(2);
        const parsed = JSON.parse(shown.stdout);
        expect(parsed.find((s: any) => s.service === 'evaluation').consumers).toEqual([expect.objectContaining({ consumer: 'evaluation', deadLetters: 1 })]);
        expect(parsed.find((s: any) => s.service === 'community')).toMatchObject({ status: 'degraded', reasons: ['outbox-delayed'], outbox: { pending: 1, failing: expect.any(Number), oldestAgeSeconds: expect.any(Number) } });
        return parsed;
      }, { timeoutMs: 20_000, intervalMs: 500 });
      expect(statuses.find((s: any) => s.service === 'community').outbox.oldestAgeSeconds).toBeGreaterThanOrEqual(60);
      expect(statuses.find((s: any) => s.service === 'evaluation')).toMatchObject({ status: 'ready', reasons: [] });

      const table = await operator(['status']);
      expect(table.code).toBe(2);
      const rows = table.stdout.trim().split('\n').slice(1).map((row) => row.split(/\s{2,}/));
      for (const row of rows.filter((r) => r[0] === 'community')) expect(row.slice(0, 4)).toEqual(['community', 'degraded outbox-delayed', '0', '1']);
      expect(Number(rows.find((r) => r[0] === 'community')![4])).toBeGreaterThanOrEqual(60);
      expect(rows.find((r) => r[0] === 'evaluation')!.slice(0, 9)).toEqual(['evaluation', 'ready', '0', '0', '0', 'evaluation', '0', '0', '1']);
    } finally {
      // The relay may hold the row meanwhile (taken out, to be put back): deleted until it is gone.
      await expectEventually(async () => {
        await system.sql(`DELETE FROM community.outbox WHERE event_id = $1`, [eventId]);
        expect(await system.sql(`SELECT event_id FROM community.outbox WHERE event_id = $1`, [eventId])).toEqual([]);
      });
      await (await system.bus.manager()).streams.purge(system.topology.deadLetterStream);
    }
    expect(JSON.parse((await operator(['status', '--json'])).stdout).find((s: any) => s.service === 'community')).toMatchObject({ status: 'ready', outbox: { pending: 0 } });
  });

  it('exports one consortium’s data from every service as JSON, and nothing of another consortium', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium exporté');
    const organizationId = await joinOrganization(system, consortiumId, coordinator, 'Jeunes au travail', 'youth-employment-nonprofit');
    const memberId = await joinMember(system, consortiumId, coordinator, organizationId, 'Léa Tremblay');
    const { consortiumId: other, coordinator: otherCoordinator } = await createConsortium(system, 'Autre consortium');
    await joinOrganization(system, other, otherCoordinator, 'Organisme voisin', 'service-provider');
    await system.settled();

    const file = join(mkdtempSync(join(tmpdir(), 'ccndr-export-')), 'export.json');
    const exported = await operator(['consortium', 'export', consortiumId, '--out', file]);
    expect(exported).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+ rows written to /) });
    expect(exported.stderr).toMatch(/export \[#{24}\] 4\/4/);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    // Without --out, stdout is the document alone (the progress goes to stderr).
    const piped = await operator(['consortium', 'export', consortiumId]);
    const tablesOf = (document: any) => Object.fromEntries(Object.entries<any>(document.services).map(([name, e]) => [name, e.tables]));
    expect(tablesOf(JSON.parse(piped.stdout))).toEqual(tablesOf(data));
    expect(Object.keys(data.services).sort()).toEqual(['assessments', 'community', 'evaluation', 'provider-matching']);
    expect(data.services.community.tables.organizations).toEqual([expect.objectContaining({ id: organizationId, name: 'Jeunes au travail' })]);
    expect(data.services.community.tables.members).toEqual([expect.objectContaining({ id: memberId, display_name: 'Léa Tremblay' })]);
    expect(data.services.evaluation.tables.organizations).toEqual([expect.objectContaining({ organization_id: organizationId })]);
    expect(JSON.stringify(data)).not.toContain(other);
    expect(JSON.stringify(data)).not.toContain('Organisme voisin');
  });

  it('deletes a consortium everywhere, its events in the stream included, only when confirmed, and leaves the others', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium supprimé');
    const organizationId = await joinOrganization(system, consortiumId, coordinator, 'Organisme supprimé', 'youth-employment-nonprofit');
    const memberId = await joinMember(system, consortiumId, coordinator, organizationId, 'Personne supprimée');
    const gatheringId = await scheduleGathering(system, consortiumId, coordinator);
    await system.command('community', `/consortia/${consortiumId}/gatherings/${gatheringId}/attendance`, { token: coordinator, body: { memberId }, expected: 200 });
    const { consortiumId: kept } = await createConsortium(system, 'Consortium gardé');
    await system.settled();
    const keptBefore = await rowsOf(kept);
    expect(Object.keys(await rowsOf(consortiumId)).length).toBeGreaterThan(5);
    expect(await eventsOf(consortiumId)).toBeGreaterThan(3);

    expect(await operator(['consortium', 'delete', consortiumId])).toMatchObject({ code: 1, stderr: expect.stringContaining(`--confirm ${consortiumId}`) });
    expect(Object.keys(await rowsOf(consortiumId)).length).toBeGreaterThan(5);

    const deleted = await operator(['consortium', 'delete', consortiumId, '--confirm', consortiumId]);
    expect(deleted).toMatchObject({ code: 0, stderr: expect.stringMatching(/delete \[#{24}\] 10\/10\n$/) });
    expect(deleted.stdout).toMatch(new RegExp(`consortium ${consortiumId} deleted: \\d+ rows, \\d+ events, 0 dead letters`));
    expect(await rowsOf(consortiumId)).toEqual({});
    expect(await eventsOf(consortiumId)).toBe(0);
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}`, { token: admin })).status).toBe(404);
    await expectEventually(async () => expect(await rowsOf(kept)).toEqual(keptBefore));
    expect(await eventsOf(kept)).toBeGreaterThan(0);
  });
});
