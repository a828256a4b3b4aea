import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

describe('needs: derived from readiness gaps through NATS, confirmed by the nonprofit, or posted', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  let nonprofit: string;
  let staff: string;
  let provider: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'ON');
    await joinMember(system, consortiumId, coordinator, nonprofit, 'Staff', 'nonprofit-staff', 'idp|needs-staff');
    staff = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|needs-staff');
    provider = await joinOrganization(system, consortiumId, coordinator, 'TechSoup Canada', 'service-provider', 'ON');
    const profile = {
      offerings: [{ title: 'Audit de cybersécurité', dimensions: ['cybersecurity'], stages: [1, 2] }],
      languages: ['fr', 'en'],
      remote: true,
      costModel: { kind: 'free' },
      capacity: 2,
      responseTimeDays: 5,
    };
    await expectEventually(async () => expect((await call('provider-matching', 'PUT', `/providers/${provider}`, profile, coordinator)).status).toBe(200));
  });
  afterAll(() => system?.stop());

  const call = (service: 'assessments' | 'provider-matching', method: string, path: string, body?: unknown, token = staff) =>
    system.call(service, method, `/consortia/${consortiumId}${path}`, { token, body });
  const details = { description: 'Former l’équipe à l’authentification à deux facteurs', language: 'fr', budgetMax: 1000, startsOn: '2027-01-01', endsOn: '2027-06-30', staffHoursPerWeek: 3 };

  it('turns each readiness gap into a draft need, which the nonprofit confirms', async () => {
    const assessment = await expectEventually(async () => {
      const response = await call('assessments', 'POST', '/assessments', { organizationId: nonprofit });
      expect(response.status).toBe(201);
      return response.body;
    });
    const framework = (await call('assessments', 'GET', '/framework')).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, d.key === 'cybersecurity' ? 's1' : 's3'])));
    await call('assessments', 'PUT', `/assessments/${assessment.id}/answers`, { answers });
    expect((await call('assessments', 'POST', `/assessments/${assessment.id}/submit`)).status).toBe(200);

    const drafts = await expectEventually(async () => {
      const found = (await call('provider-matching', 'GET', `/needs?organizationId=${nonprofit}&status=draft`)).body;
      expect(found).toHaveLength(8);
      return found;
    });
    expect(drafts[0]).toMatchObject({ dimension: 'cybersecurity', currentStage: 1, targetStage: 2, priority: 1, origin: 'readiness-gap', assessmentId: assessment.id, description: null });

    // The draft already has its suggestions: the nonprofit sees who could help before writing anything.
    const [suggestion] = (await call('provider-matching', 'GET', `/needs/${drafts[0].id}/suggestions`)).body;
    expect(suggestion).toMatchObject({ providerId: provider, rank: 1, full: false });
    expect(suggestion.factors.find((f: any) => f.key === 'fit')).toMatchObject({ points: 40, explanation: { en: 'Offers support at the target stage (2 – Developing)', fr: 'Offre un accompagnement à l’étape visée (2 – En développement)' } });
    expect((await call('provider-matching', 'GET', `/needs/${drafts[1].id}/suggestions`)).body).toEqual([]);
    await expectEventually(async () => {
      const suggested = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.provider-matching.match.suggested.v1');
      expect(suggested.map((e) => e.data.needId).sort()).toEqual(drafts.map((d: any) => d.id).sort());
    });

    expect(await call('provider-matching', 'POST', `/needs/${drafts[0].id}/confirm`, { ...details, endsOn: '2026-12-01' })).toMatchObject({ status: 400, body: { errors: [{ field: 'endsOn' }] } });
    expect(await call('provider-matching', 'POST', `/needs/${drafts[0].id}/confirm`, { ...details, staffHoursPerWeek: undefined })).toMatchObject({ status: 400, body: { errors: [{ field: 'staffHoursPerWeek' }] } });
    const confirmed = await call('provider-matching', 'POST', `/needs/${drafts[0].id}/confirm`, details);
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'open', staffHoursPerWeek: 3, budgetMax: 1000 } });
    expect(await call('provider-matching', 'POST', `/needs/${drafts[0].id}/confirm`, details)).toMatchObject({ status: 409 });
    expect(await call('provider-matching', 'POST', '/needs', { ...details, organizationId: nonprofit, dimension: 'cybersecurity' })).toMatchObject({ status: 409, body: { code: 'need.already-exists', errors: [{ code: 'need.already-exists', field: 'dimension' }] } });

    const posted = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.provider-matching.need.posted.v1');
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parseEvent(posted)).toMatchObject({ ok: true });
    expect(posted.data).toMatchObject({ needId: drafts[0].id, origin: 'readiness-gap', dimension: 'cybersecurity', staffHoursPerWeek: 3 });
    expect(JSON.stringify(posted)).not.toMatch(/Former/);
  });

  it('lets a nonprofit post a need directly, for its own organisation only', async () => {
    const other = await joinOrganization(system, consortiumId, coordinator, 'Réseau Herr', 'youth-employment-nonprofit', 'QC');
    await joinMember(system, consortiumId, coordinator, other, 'Other staff', 'nonprofit-staff', 'idp|needs-other');
    const otherStaff = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|needs-other');
    const need = await expectEventually(async () => {
      const response = await call('provider-matching', 'POST', '/needs', { ...details, organizationId: other, dimension: 'culture' }, otherStaff);
      expect(response.status).toBe(201);
      return response.body;
    });
    expect(need).toMatchObject({ status: 'open', origin: 'posted', assessmentId: null, dimension: 'culture' });
    expect(await call('provider-matching', 'POST', '/needs', { ...details, organizationId: other, dimension: 'data-collection' })).toMatchObject({ status: 403 });
    expect(await call('provider-matching', 'POST', '/needs', { ...details, organizationId: other, dimension: 'blockchain' }, otherStaff)).toMatchObject({
      status: 400,
      body: { code: 'dimension.unknown', errors: [{ code: 'dimension.unknown', field: 'dimension' }], detail: expect.stringMatching(/^dimension: blockchain is not a dimension of the readiness framework 2026\.1 \(.*cybersecurity.*\)$/) },
    });
    expect(await system.sql(`SELECT count(*)::int AS n FROM provider_matching.needs WHERE dimension = 'blockchain'`)).toEqual([{ n: 0 }]);
  });
});
