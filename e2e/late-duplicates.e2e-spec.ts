import { randomUUID } from 'node:crypto';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

const schemas = ['community', 'assessments', 'provider_matching', 'evaluation'];

/**
 * Processed-event records are pruned past a horizon (docs/operations.md, "Retention"), so every
 * consumer handler must also be idempotent by a natural key. Here every record of every service is
 * deleted, as if the horizon had passed, and every event of the stream published again: each
 * service applies each copy (its record is gone), and nothing changes in any table, nothing new is
 * published, no mail is queued twice.
 */
describe('processed-event records pruned: every consumer ignores a duplicate arriving after its record went', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;

  beforeAll(async () => {
    // The pruning job runs every half second here (hourly by default).
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation'], env: { PROCESSED_EVENTS_PRUNE_INTERVAL_MS: '500' } });
    ({ consortiumId, coordinator } = await createConsortium(system, 'Consortium des doublons tardifs'));
  });
  afterAll(() => system?.stop());

  const community = (method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token: coordinator, body });
  const call = (service: 'assessments' | 'provider-matching', token: string, method: string, path: string, body?: unknown) =>
    system.call(service, method, `/consortia/${consortiumId}${path}`, { token, body });

  /** Every row of every table of the services' schemas but the processed-event records, each table's rows in a stable order. */
  async function everyRow(): Promise<Record<string, string[]>> {
    const tables: { schema: string; name: string }[] = await system.sql(
      `SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname = ANY ($1) AND tablename NOT IN ('processed_events', 'migrations') ORDER BY 1, 2`,
      [schemas],
    );
    const rows: Record<string, string[]> = {};
    for (const { schema, name } of tables) rows[`${schema}.${name}`] = (await system.sql(`SELECT to_jsonb(t)::text AS row FROM "${schema}"."${name}" t`)).map((r: { row: string }) => r.row).sort();
    return rows;
  }

  it('leaves every table as it was and publishes nothing when the whole stream is delivered again after pruning', async () => {
    const organization = async (name: string, category: string) => (await community('POST', '/organizations', { name, category, provinceOrTerritory: 'QC', country: 'CA', preferredLanguage: 'fr' })).body.id as string;
    const nonprofitId = await organization('Carrefour jeunesse-emploi', 'youth-employment-nonprofit');
    const providerId = await organization('Data for Good', 'service-provider');
    const member = async (organizationId: string, displayName: string, email: string, role: string, subject: string) => {
      const response = await community('POST', '/members', { organizationId, displayName, email, role, subject });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    await member(nonprofitId, 'Renée Tremblay', 'renee.tremblay@cje.example.org', 'nonprofit-staff', 'idp|late-nonprofit');
    await member(providerId, 'Jordan Smith', 'jordan.smith@dataforgood.example.org', 'provider-staff', 'idp|late-provider');
    const leaving = await member(nonprofitId, 'Luc Gagnon', 'luc.gagnon@cje.example.org', 'nonprofit-staff', 'idp|late-leaving');
    const staff = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|late-nonprofit');
    const providerStaff = await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|late-provider');

    // A gathering to come, moved: invitations, an update, reminders planned.
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const gathering = await community('POST', '/gatherings', { kind: 'consortium-meeting', title: 'Rencontre des membres', startsAt: startsAt.toISOString() });
    expect(gathering.status).toBe(201);
    expect((await community('PATCH', `/gatherings/${gathering.body.id}`, { startsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() })).status).toBe(200);
    // Another, cancelled: a cancellation sent, its reminders withdrawn; a member leaves: their mail withdrawn.
    const cancelled = await community('POST', '/gatherings', { kind: 'workshop', title: 'Atelier annulé', startsAt: startsAt.toISOString() });
    expect((await community('POST', `/gatherings/${cancelled.body.id}/cancel`)).status).toBe(200);
    expect((await community('DELETE', `/members/${leaving}`)).status).toBeLessThan(300);

    // A provider, a completed assessment (gaps → draft needs → suggestions), a need confirmed, a request (a mail to the provider) accepted (one to the nonprofit).
    const profile = { offerings: [{ title: 'Cybersécurité', dimensions: ['cybersecurity'], stages: [1, 2] }], languages: ['fr'], remote: true, provincesServed: [], capacity: 2, responseTimeDays: 5, costModel: { kind: 'free', feeRange: null } };
    await expectEventually(async () => expect((await call('provider-matching', providerStaff, 'PUT', `/providers/${providerId}`, profile)).status).toBe(200));
    const assessment = await expectEventually(async () => {
      const response = await call('assessments', staff, 'POST', '/assessments', { organizationId: nonprofitId });
      expect(response.status).toBe(201);
      return response.body;
    });
    const framework = (await call('assessments', staff, 'GET', '/framework')).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, d.key === 'cybersecurity' ? 's1' : 's3'])));
    await call('assessments', staff, 'PUT', `/assessments/${assessment.id}/answers`, { answers });
    expect((await call('assessments', staff, 'POST', `/assessments/${assessment.id}/submit`)).status).toBe(200);
    const need = await expectEventually(async () => {
      const [found] = (await call('provider-matching', staff, 'GET', `/needs?organizationId=${nonprofitId}&status=draft`)).body.filter((n: any) => n.dimension === 'cybersecurity');
      expect(found).toBeDefined();
      return found;
    });
    const details = { description: 'Sécuriser nos comptes', language: 'fr', budgetMax: 3000, startsOn: '2027-01-01', endsOn: '2027-06-30', staffHoursPerWeek: 4 };
    expect((await call('provider-matching', staff, 'POST', `/needs/${need.id}/confirm`, details)).status).toBe(200);
    const request = await call('provider-matching', staff, 'POST', '/engagements', { needId: need.id, providerId });
    expect(request.status).toBe(201);
    expect((await call('provider-matching', providerStaff, 'POST', `/engagements/${request.body.id}/accept`)).status).toBe(200);
    await system.settled(60_000);

    const published = await system.bus.publishedEvents();
    // What the handlers of every service take, among what is delivered again.
    const types = new Set(published.map((e) => e.type.replace(/^ccndr\./, '')));
    for (const type of [
      'community.consortium.created.v1',
      'community.member.left.v1',
      'community.gathering.rescheduled.v1',
      'community.gathering.cancelled.v1',
      'assessments.framework.adopted.v1',
      'assessments.readiness.gaps-identified.v1',
      'assessments.assessment.completed.v1',
      'provider-matching.match.suggested.v1',
      'provider-matching.engagement.requested.v1',
      'provider-matching.engagement.accepted.v1',
    ])
      expect([type, types.has(type)]).toEqual([type, true]);
    const before = await everyRow();
    expect(before['community.mail_queue'].length).toBeGreaterThan(0);
    expect(before['provider_matching.needs'].length).toBeGreaterThan(0);

    const records = async () => Promise.all(schemas.map(async (schema) => (await system.sql(`SELECT count(*)::int AS n FROM "${schema}".processed_events`))[0].n as number));
    const recorded = await records();

    // The horizon passed for every record; then every event arrives again (a copy: its own message id).
    for (const schema of schemas) await system.sql(`DELETE FROM "${schema}".processed_events`);
    for (const event of published) await system.bus.publish(event, { msgId: randomUUID() });
    await system.settled(60_000);
    // Each service applied each copy again (it has a record of each once more)…
    expect(await records()).toEqual(recorded);

    // …and nothing changed, nothing was published but the copies.
    expect(await everyRow()).toEqual(before);
    expect((await system.bus.publishedEvents()).length).toBe(published.length * 2);
  });

  it('prunes, in every service, the processed-event records older than the horizon (90 days) and keeps the others', async () => {
    const aged = (schema: string, days: number) =>
      system.sql(`INSERT INTO "${schema}".processed_events (consumer, event_id, consortium_id, processed_at) VALUES ('aged', $1, $2, now() - make_interval(days => $3))`, [randomUUID(), consortiumId, days]);
    for (const schema of schemas) for (const days of [91, 89]) await aged(schema, days);
    const left = async () =>
      Promise.all(schemas.map(async (schema) => (await system.sql(`SELECT count(*) FILTER (WHERE processed_at < now() - interval '90 days')::int AS old, count(*)::int AS aged FROM "${schema}".processed_events WHERE consumer = 'aged'`))[0]));
    await expectEventually(async () => expect(await left()).toEqual(schemas.map(() => ({ old: 0, aged: 1 }))), { timeoutMs: 30_000 });
  });
});
