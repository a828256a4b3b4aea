import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminToken, TestSystem } from '@ccndr/testing';
import { runCommand } from './support/command';
import { runOperator } from './support/operator';
import { metricValue } from './support/metrics';
import { buildProgramme } from './support/programme';

const services = ['community', 'assessments', 'provider-matching', 'evaluation'] as const;

/**
 * The backup and restore runbook (docs/operations.md#backup-and-restore) run end to end on a
 * private database and namespace: PostgreSQL (pg_dump of the system's database, the services
 * running) then the events stream (a JetStream snapshot, `operator stream backup`) are backed up,
 * more commands run, both are restored, the services started and caught up (`operator restore
 * catch-up`): every indicator equals its figure at the backup, every event of the stream then is
 * there again, and the later commands are gone with the backup, as the runbook says.
 */
describe('a restore drill', () => {
  let system: TestSystem;
  let admin: string;
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: [...services] });
    admin = await adminToken();
    dir = mkdtempSync(join(tmpdir(), 'ccndr-restore-drill-'));
  });
  afterAll(async () => {
    await system?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const operator = (args: string[]) => runOperator(system, args, { OPERATOR_TOKEN: admin, NATS_URL: system.natsUrl, EVENT_NAMESPACE: system.namespace });
  const succeeds = async (args: string[]) => {
    const result = await operator(args);
    if (result.code !== 0) throw new Error(`operator ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`);
    return result.stdout;
  };

  /** Every consortium's indicators, by consortium and key, as the platform admin reads them. */
  async function figures(): Promise<Record<string, Record<string, unknown>>> {
    const consortia = await system.call('community', 'GET', '/consortia', { token: admin });
    const all: Record<string, Record<string, unknown>> = {};
    for (const { id } of consortia.body) {
      const indicators = await system.call('evaluation', 'GET', `/consortia/${id}/indicators`, { token: admin });
      expect(indicators.status).toBe(200);
      all[id] = Object.fromEntries(indicators.body.map((i: { key: string; value: unknown }) => [i.key, i.value]));
    }
    return all;
  }
  /** The events stream: each event's sequence and id. */
  const streamEvents = async () => (await system.bus.publishedMessages()).map((m) => `${m.seq} ${JSON.parse(m.string()).id}`);
  const processedEvents = async () => (await system.sql(`SELECT consumer, count(*)::int AS n FROM (${services.map((s) => `SELECT consumer FROM ${s.replace('-', '_')}.processed_events`).join(' UNION ALL ')}) p GROUP BY consumer ORDER BY consumer`)) as { consumer: string; n: number }[];
  const attend = (programme: { consortiumId: string; coordinator: string; meetingId: string }, memberIds: string[]) =>
    system.command('community', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance`, { token: programme.coordinator, body: { memberIds }, expected: 200 });

  /** A logical backup of the system's database, taken while the services run. */
  async function backUpDatabase(file: string): Promise<void> {
    expect(await runCommand('pg_dump', ['--format=custom', '--create', `--file=${file}`, system.databaseUrl])).toMatchObject({ code: 0 });
  }
  /** Every service stopped, the database dropped and restored from `file`; `between` runs before the services start again. */
  async function restoreDatabase(file: string, between: () => Promise<void> = async () => undefined): Promise<void> {
    for (const name of services) await system.service(name).stop();
    const db = new Client({ connectionString: system.adminDatabaseUrl });
    await db.connect();
    await db.query(`DROP DATABASE ${system.databaseName} WITH (FORCE)`).finally(() => db.end());
    expect(await runCommand('pg_restore', ['--create', `--dbname=${system.adminDatabaseUrl}`, '--exit-on-error', file])).toMatchObject({ code: 0 });
    await between();
    for (const name of services) await system.service(name).restart();
  }
  /** The first test's consortium, which the second goes on with. */
  let first: Awaited<ReturnType<typeof buildProgramme>>;

  it('restores PostgreSQL and the events stream to the backup; the services catch up and every indicator equals its figure then', async () => {
    const began = new Date();
    first = await buildProgramme(system, 6);
    await attend(first, first.members.slice(0, 3));
    await system.settled();
    const atBackup = await figures();
    expect(atBackup[first.consortiumId]['o1.meeting-participants']).toBe(3);

    // The backup: PostgreSQL first, then the stream, so that every event whose effects the database holds is in the stream or in an outbox.
    const dump = join(dir, 'database.dump');
    await backUpDatabase(dump);
    const snapshot = join(dir, 'events.snapshot');
    // Every service's durable consumers, as their health reports name them, are in the snapshot.
    const consumers = (await Promise.all(services.map(async (s) => Object.keys((await system.call(s, 'GET', '/health/ready')).body.activity).length))).reduce((a, b) => a + b, 0);
    expect(await succeeds(['stream', 'backup', '--out', snapshot])).toMatch(new RegExp(`events \\(sequences 1 to \\d+\\) and ${consumers} consumers written`));
    const eventsAtBackup = await streamEvents();
    const processedAtBackup = await processedEvents();

    // Later commands: more attendance, a second consortium.
    await attend(first, first.members.slice(3));
    const second = await buildProgramme(system, 2);
    await system.settled();
    const later = await figures();
    expect(later[first.consortiumId]['o1.meeting-participants']).toBe(6);
    expect(Object.keys(later)).toContain(second.consortiumId);

    // The restore, the services stopped: the database, then the stream.
    await restoreDatabase(dump, async () => {
      expect(await operator(['stream', 'restore', snapshot])).toMatchObject({ code: 1, stderr: expect.stringContaining(`--confirm ${system.topology.eventsStream}`) });
      expect(await succeeds(['stream', 'restore', snapshot, '--confirm', system.topology.eventsStream])).toContain(`${system.topology.eventsStream} replaced by the snapshot`);
    });

    // The services' catch-up: every consumer delivers again from a time before the restore point (here before the first event: all are
    // duplicates, deduplicated), then evaluation is checked against a rebuild.
    const caughtUp = await succeeds(['restore', 'catch-up', '--since', began.toISOString()]);
    for (const durable of ['community-notifications', 'community-engagement-notifications', 'assessments', 'provider-matching', 'provider-matching-readiness', 'evaluation']) {
      expect(caughtUp).toContain(`${durable}: had acknowledged up to stream sequence`);
    }
    expect(caughtUp).toContain('the indicators of 1 consortia equal a rebuild from the stream');
    // Evaluation was given again every event since then (all of this test's), and applied none twice.
    const metrics = await fetch(`${system.service('evaluation').url}/metrics`).then((r) => r.text());
    expect(metricValue(metrics, 'ccndr_consumer_events_total', { consumer: 'evaluation', outcome: 'duplicate' })).toBe(eventsAtBackup.length);

    // Every indicator equals its figure at the backup; every event the stream held then is there, at its sequence; nothing applied twice.
    expect(await figures()).toEqual(atBackup);
    expect(await streamEvents()).toEqual(eventsAtBackup);
    expect(await processedEvents()).toEqual(processedAtBackup);
    // The later commands went with the backup: in neither the database nor the stream.
    expect((await system.call('community', 'GET', `/consortia/${second.consortiumId}`, { token: admin })).status).toBe(404);

    // The platform goes on from there.
    await attend(first, first.members.slice(3, 4));
    await system.settled();
    expect((await figures())[first.consortiumId]['o1.meeting-participants']).toBe(4);
  });

  it('restores PostgreSQL alone to an earlier point: the replay by time brings the later events into the projections, not the commands into the service that took them', async () => {
    const attendees = async () => (await system.call('community', 'GET', `/consortia/${first.consortiumId}/gatherings/${first.meetingId}/attendance`, { token: first.coordinator })).body.length;
    const restorePoint = new Date();
    const dump = join(dir, 'earlier.dump');
    await backUpDatabase(dump);
    await attend(first, first.members.slice(4));
    await system.settled();
    expect((await figures())[first.consortiumId]['o1.meeting-participants']).toBe(6);

    // The stream is kept: its consumers stay past the restore point, so without a replay evaluation would miss the later events.
    await restoreDatabase(dump);
    await system.settled();
    expect((await figures())[first.consortiumId]['o1.meeting-participants']).toBe(4);
    expect(await succeeds(['restore', 'catch-up', '--since', restorePoint.toISOString()])).toContain('the indicators of 1 consortia equal a rebuild from the stream');

    // Evaluation has them again from the stream; community, which took the commands, lost its rows of them (they were only in its database).
    expect((await figures())[first.consortiumId]['o1.meeting-participants']).toBe(6);
    expect(await attendees()).toBe(4);
  });

  it('rebuilds after a deleted consortium took the stream’s first events with it, and refuses once the head is lost otherwise', async () => {
    const kept = await buildProgramme(system, 2);
    await system.settled();
    const consortia = (await system.call('community', 'GET', '/consortia', { token: admin })).body.map((c: { id: string }) => c.id).filter((id: string) => id !== kept.consortiumId);
    // The consortia of the first tests hold the stream's first events.
    for (const id of consortia) await succeeds(['consortium', 'delete', id, '--confirm', id]);
    const jsm = await system.bus.manager();
    expect((await jsm.streams.info(system.topology.eventsStream)).state.first_seq).toBeGreaterThan(1);
    const before = await figures();
    expect(await succeeds(['rebuild', system.service('evaluation').url])).toContain('done');
    expect(await figures()).toEqual(before);

    // The head lost to something else (here a purge of the first events): refused, saying why, and nothing created.
    const { first_seq } = (await jsm.streams.info(system.topology.eventsStream)).state;
    await jsm.streams.purge(system.topology.eventsStream, { seq: first_seq + 1 });
    const refused = await system.call('evaluation', 'POST', '/admin/rebuild', { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'rebuild.stream-truncated', detail: expect.stringContaining(`starts at sequence ${first_seq + 1}, not at its first event`) });
    const enFrançais = await system.call('evaluation', 'POST', '/admin/rebuild', { token: admin, headers: { 'accept-language': 'fr' } });
    expect(enFrançais.body.detail).toContain(`commence à la séquence ${first_seq + 1}, et non à son premier événement`);
    expect(await system.sql(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'evaluation_%'`)).toEqual([]);
    const cli = await operator(['rebuild', system.service('evaluation').url]);
    expect(cli).toMatchObject({ code: 1, stderr: expect.stringContaining('a rebuild would install truncated projections') });
  });
});
