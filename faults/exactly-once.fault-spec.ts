import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServerProcess, PostgresServerProcess, ServiceName } from '@ccndr/local-stack';
import { deadLetterHeaders } from '@ccndr/messaging';
import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';

/** Attendance records driven through the API while the faults happen (each one a command). */
const attendanceCommands = 2000;
const members = 200;
const meetings = attendanceCommands / members;
const clients = 4;
/** Members who join while the faults happen: community's events that assessments and provider matching replicate. */
const joiningMembers = 100;
/** Partnerships proposed then negotiated through provider matching, and assessments started, answered and submitted through assessments. */
const partnerships = 30;
const assessments = 15;

/**
 * The platform's promise under faults: an accepted command is never lost and every event is
 * applied exactly once in effect. Steady streams of commands go through the HTTP APIs of community,
 * provider matching and assessments while each kind of fault is injected in turn into processes
 * and servers of the suite's own (a PostgreSQL and a nats-server on free ports, in a temporary
 * folder); afterwards evaluation's indicators must equal what the accepted commands imply, and
 * nothing may be left behind.
 */
describe('faults: under crashes and outages, nothing accepted is lost and nothing is counted twice', () => {
  let folder: string;
  let pg: PostgresServerProcess;
  let nats: NatsServerProcess;
  let system: TestSystem;
  const faults: string[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ccndr-faults-'));
    // As root, PostgreSQL runs as its own user, which must be able to enter the folder.
    chmodSync(folder, 0o755);
    pg = await PostgresServerProcess.start(join(folder, 'postgres'));
    nats = await NatsServerProcess.start(join(folder, 'nats'));
    system = await TestSystem.start({ services: ['community', 'evaluation', 'assessments', 'provider-matching'], natsUrl: nats.url, databaseUrl: pg.url, env: { CONSUMER_MAX_DELIVERIES: '50', WRITE_LIMIT: '10000', WRITE_LIMIT_WINDOW_SECONDS: '1', LOG_LEVEL: 'info' } });
  });

  afterAll(async () => {
    await system?.stop().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** A client's command, sent until the platform answers it (see TestSystem.command). */
  const command = async (token: string, path: string, body: unknown, expected: number, service: ServiceName = 'community', method: 'POST' | 'PUT' = 'POST') =>
    (await system.command(service, path, { token, body, expected, method })).body;

  async function restartService(name: ServiceName, signal: NodeJS.Signals, env: Record<string, string> = {}): Promise<void> {
    await system.service(name).stop(signal);
    await system.startService(name, env);
  }

  /**
   * A process started with a crash point dies on its own once work reaches that point (`poke`
   * makes sure some does, whether or not the load is still running); then it comes back without it.
   */
  async function crashAt(name: ServiceName, point: string, poke: () => Promise<unknown>): Promise<void> {
    try {
      await restartService(name, 'SIGTERM', { CCNDR_FAILPOINT: point });
    } catch (error) {
      // Work was waiting for it: it reached the crash point while starting.
      if (!String(error).includes('exited')) throw error;
    }
    const poking = poke();
    await expectEventually(() => expect(system.service(name).running).toBe(false), { timeoutMs: 60_000, intervalMs: 50 });
    await system.startService(name);
    await poking;
  }

  async function restartPostgres(): Promise<void> {
    await pg.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await pg.restart();
  }

  it(`applies ${attendanceCommands} attendance commands, partnerships and assessments exactly once through crashes of every service, NATS and PostgreSQL outages`, async () => {
    const admin = await adminToken();
    const consortium = await command(admin, '/consortia', { name: { fr: 'Consortium sous pannes', en: 'Consortium under faults' }, defaultLanguage: 'fr' }, 201);
    const consortiumId: string = consortium.id;
    const coordinator = await consortiumToken({ [consortiumId]: ['coordinator'] });
    const api = (path: string, body: unknown, expected = 201) => command(coordinator, `/consortia/${consortiumId}${path}`, body, expected);
    const organization = (await api('/organizations', { name: 'Organisme', category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC', preferredLanguage: 'fr' })).id;
    const people: string[] = [];
    for (let i = 0; i < members; i++) people.push((await api('/members', { organizationId: organization, displayName: `Personne ${i}`, role: 'nonprofit-staff' })).id);
    const gatherings: string[] = [];
    for (let i = 0; i < meetings; i++) gatherings.push((await api('/gatherings', { kind: 'consortium-meeting', title: `Rencontre ${i}`, startsAt: `2026-0${1 + (i % 9)}-10T17:00:00.000Z`, alreadyHeld: true })).id);
    let accepted = 1 + 1 + members + meetings;

    // A provider to partner with and a member of the nonprofit who assesses it, once the other services know them.
    const provider = (await api('/organizations', { name: 'Fournisseur', category: 'service-provider', provinceOrTerritory: 'QC', preferredLanguage: 'fr' })).id;
    await api('/members', { organizationId: organization, displayName: 'Évaluatrice', role: 'nonprofit-staff', subject: 'idp|faults-assessor' });
    accepted += 2;
    const assessor = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|faults-assessor');
    await expectEventually(async () => {
      expect((await system.sql(`SELECT count(*)::int AS n FROM provider_matching.organizations WHERE consortium_id = $1`, [consortiumId]))[0].n).toBe(2);
      expect((await system.sql(`SELECT count(*)::int AS n FROM assessments.members WHERE consortium_id = $1`, [consortiumId]))[0].n).toBe(members + 1);
      expect((await system.call('assessments', 'GET', `/consortia/${consortiumId}/framework`, { token: assessor })).status).toBe(200);
    }, { timeoutMs: 60_000 });
    const framework = (await system.call('assessments', 'GET', `/consortia/${consortiumId}/framework`, { token: assessor })).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, 's2'])));
    const matching = (path: string, body: unknown, expected = 201) => command(coordinator, `/consortia/${consortiumId}/partnerships${path}`, body, expected, 'provider-matching');
    const assessing = (path: string, body: unknown, expected: number, method: 'POST' | 'PUT' = 'POST') => command(assessor, `/consortia/${consortiumId}/assessments${path}`, body, expected, 'assessments', method);
    /** An instance that applied a creation but died before keeping its answer: the created resource, found by what makes it unique. */
    const created = async <T>(answer: T | undefined, find: () => Promise<T>): Promise<T> => answer ?? (await find());

    // Poisoned on purpose: the only dead letters there may be at the end.
    const poisoned = [1, 2, 3].map(() => system.bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, { gatheringId: undefined }));
    for (const event of poisoned) await system.bus.publish(event);

    const work = gatherings.flatMap((gatheringId) => people.map((memberId) => ({ gatheringId, memberId })));
    let next = 0;
    let attended = 0;
    const load = Promise.all([
      ...Array.from({ length: clients }, async () => {
        while (next < work.length) {
          const { gatheringId, memberId } = work[next++];
          await api(`/gatherings/${gatheringId}/attendance`, { memberId }, 200);
          attended++;
          accepted++;
        }
      }),
      (async () => {
        for (let i = 0; i < partnerships; i++) {
          const title = `Partenariat ${i}`;
          const partnership = await created(await matching('', { organizationIds: [organization, provider], title }), async () =>
            (await system.call('provider-matching', 'GET', `/consortia/${consortiumId}/partnerships`, { token: coordinator })).body.find((p: { title: string }) => p.title === title),
          );
          await matching(`/${partnership.id}/negotiate`, undefined, 200);
          accepted += 2;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      })(),
      (async () => {
        for (let i = 0; i < assessments; i++) {
          const assessment = await created(await assessing('', { organizationId: organization }, 201), async () =>
            (await system.call('assessments', 'GET', `/consortia/${consortiumId}/assessments?organizationId=${organization}`, { token: assessor })).body[0],
          );
          await assessing(`/${assessment.id}/answers`, { answers }, 200, 'PUT');
          await assessing(`/${assessment.id}/submit`, undefined, 200);
          accepted += 3;
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      })(),
      (async () => {
        for (let i = 0; i < joiningMembers; i++) {
          await api('/members', { organizationId: organization, displayName: `Arrivée ${i}`, role: 'nonprofit-staff' });
          accepted++;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })(),
    ]);
    const progressed = async (by: number) => {
      const mark = attended;
      if (mark + by < work.length) await expectEventually(() => expect(attended).toBeGreaterThanOrEqual(mark + by), { timeoutMs: 180_000, intervalMs: 50 });
    };
    const inject = async (name: string, fault: () => Promise<void>) => {
      await progressed(100);
      await fault();
      faults.push(name);
    };

    await inject('community killed (SIGKILL)', () => restartService('community', 'SIGKILL'));
    await inject('evaluation killed (SIGKILL)', () => restartService('evaluation', 'SIGKILL'));
    await inject('assessments killed (SIGKILL)', () => restartService('assessments', 'SIGKILL'));
    await inject('provider matching killed (SIGKILL)', () => restartService('provider-matching', 'SIGKILL'));
    await inject('NATS stopped and started', async () => {
      await nats.stop('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await nats.restart();
    });
    await inject('NATS killed (SIGKILL) and started', async () => {
      await nats.stop('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await nats.restart();
    });
    await inject('PostgreSQL restarted', restartPostgres);
    // A workshop scheduled: a command and an event of its own, which attendance indicators do not count.
    const workshop = async () => {
      await api('/gatherings', { kind: 'workshop', title: 'Atelier', startsAt: '2026-01-20T17:00:00.000Z', alreadyHeld: true });
      accepted++;
    };
    await inject('relay killed between publish and marking published', () => crashAt('community', 'relay-after-publish', workshop));
    await inject('consumer killed between its commit and its ack', () => crashAt('evaluation', 'consumer-after-commit', workshop));
    await load;
    expect(attended).toBe(work.length);

    // Evaluation catches up; its indicator counts each accepted attendance once.
    const observer = await consortiumToken({ [consortiumId]: ['observer'] });
    const participants = async () => (await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators/o1.meeting-participants`, { token: observer })).body?.value;
    await expectEventually(async () => expect(await participants()).toBeGreaterThanOrEqual(work.length), { timeoutMs: 180_000, intervalMs: 250 });
    // Provider matching's and assessments' commands, as evaluation counts them: each accepted one once.
    const indicator = async (key: string) => (await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators/${key}`, { token: observer })).body?.value;
    await expectEventually(async () => {
      expect(await indicator('o4.partnerships.in-negotiation')).toBeGreaterThanOrEqual(partnerships);
      expect(await indicator('readiness.assessments-completed')).toBeGreaterThanOrEqual(assessments);
    }, { timeoutMs: 120_000, intervalMs: 250 });
    // Everything published, applied and recomputed: the indicators and the facts are final.
    await system.settled(120_000);
    const [{ n: recorded }] = await system.sql(`SELECT count(*)::int AS n FROM community.attendance WHERE consortium_id = $1`, [consortiumId]);
    const [{ n: applied }] = await system.sql(`SELECT count(DISTINCT (gathering_id, member_id))::int AS n FROM evaluation.attendance WHERE consortium_id = $1`, [consortiumId]);
    const value = await participants();
    const [{ n: negotiating }] = await system.sql(`SELECT count(*)::int AS n FROM evaluation.partnerships WHERE consortium_id = $1 AND status = 'in-negotiation'`, [consortiumId]);
    const [{ n: completed }] = await system.sql(`SELECT count(DISTINCT assessment_id)::int AS n FROM evaluation.completed_assessments WHERE consortium_id = $1`, [consortiumId]);
    const lost = work.length - applied + (partnerships - negotiating) + (assessments - completed);
    const double = value - applied + ((await indicator('o4.partnerships.in-negotiation')) - negotiating) + ((await indicator('readiness.assessments-completed')) - completed);
    process.stdout.write(`faults: commands accepted=${accepted} faults injected=${faults.length} (${faults.join('; ')}) lost=${lost} double=${double}\n`);

    expect(recorded).toBe(work.length);
    expect({ lost, double }).toEqual({ lost: 0, double: 0 });
    expect(faults).toHaveLength(9);
    // The services that replicate community's directory hold every member (the assessor too), the ones who joined under faults too.
    for (const schema of ['assessments', 'provider_matching']) {
      await expectEventually(async () => expect((await system.sql(`SELECT count(*)::int AS n FROM ${schema}.members WHERE consortium_id = $1`, [consortiumId]))[0].n).toBe(members + 1 + joiningMembers), { timeoutMs: 60_000 });
    }
    expect(accepted).toBeGreaterThanOrEqual(2000);
    // Nothing left behind: every outbox drained, and no dead letter but the poisoned ones.
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM community.outbox UNION ALL SELECT 1 FROM evaluation.outbox UNION ALL SELECT 1 FROM assessments.outbox UNION ALL SELECT 1 FROM provider_matching.outbox`)).toEqual([]), { timeoutMs: 60_000 });
    // Each consumer that reads attendance dead-letters each poisoned event once; nothing else is there.
    const letters = (await system.bus.deadLetters()).map((letter) => `${letter.header.get(deadLetterHeaders.consumer)} ${JSON.parse(letter.string()).id}`);
    expect(new Set(letters).size).toBe(letters.length);
    expect([...new Set(letters.map((l) => l.split(' ')[1]))].sort()).toEqual(poisoned.map((event) => event.id).sort());
  });
});
