import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, indicator, joinMember, joinOrganization } from './support/programme';

describe('partnerships and collaboration records reach outcome 4 of the evaluation', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'provider-matching', 'evaluation'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('provider-matching', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('counts confirmed partnerships, those in negotiation and collaboration per month, as in the programme’s report', async () => {
    const centre = await joinOrganization(system, consortiumId, coordinator, 'CCNDR', 'other-member', 'ON');
    const technologyHelps = await joinOrganization(system, consortiumId, coordinator, 'Technology Helps', 'service-provider', 'ON');
    const blueprint = await joinOrganization(system, consortiumId, coordinator, 'Blueprint ADE', 'service-provider', 'ON');
    const growth = await joinOrganization(system, consortiumId, coordinator, 'Charity Growth Academy', 'other-member', 'BC');
    const outsider = await joinOrganization(system, consortiumId, coordinator, 'NTEN', 'service-provider', 'ON');
    await joinMember(system, consortiumId, coordinator, technologyHelps, 'Technology Helps staff', 'provider-staff', 'idp|th');
    await joinMember(system, consortiumId, coordinator, outsider, 'NTEN staff', 'provider-staff', 'idp|nten');
    const partnerStaff = await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|th');
    const outsiderStaff = await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|nten');

    const propose = (organizationIds: string[], title: string) => api(coordinator, 'POST', '/partnerships', { organizationIds, title });
    const withTechnologyHelps = await expectEventually(async () => {
      const response = await propose([centre, technologyHelps], 'Expertise et soutien au renforcement des capacités numériques');
      expect(response.status).toBe(201);
      return response.body;
    });
    expect(withTechnologyHelps).toMatchObject({ status: 'proposed', organizationIds: [centre, technologyHelps] });
    const withBlueprint = (await propose([centre, blueprint], 'Méthodes et cadres d’évaluation')).body;
    const withGrowth = (await propose([centre, growth], 'Initiative conjointe de mise à l’échelle')).body;
    const abandoned = (await propose([centre, outsider], 'Abandonné')).body;

    expect(await propose([centre], 'Seul')).toMatchObject({ status: 400, body: { errors: [{ field: 'organizationIds' }] } });
    expect(await propose([centre, '7f000000-0000-4000-8000-000000000000'], 'Inconnu')).toMatchObject({ status: 400, body: { code: 'organization.unknown', errors: [{ code: 'organization.unknown', field: 'organizationIds.1' }] } });
    expect(await api(outsiderStaff, 'POST', `/partnerships/${withTechnologyHelps.id}/negotiate`)).toMatchObject({ status: 403 });
    expect(await api(partnerStaff, 'POST', `/partnerships/${withTechnologyHelps.id}/records`, { kind: 'communication', occurredOn: '2026-06-01', summary: 'Appel' })).toMatchObject({
      status: 409,
      body: { detail: 'status: the partnership is proposed; collaboration is recorded while it is in-negotiation or confirmed' },
    });

    expect(await api(partnerStaff, 'POST', `/partnerships/${withTechnologyHelps.id}/negotiate`)).toMatchObject({ status: 200, body: { status: 'in-negotiation' } });
    expect(await api(partnerStaff, 'POST', `/partnerships/${withTechnologyHelps.id}/confirm`)).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    expect(await api(coordinator, 'POST', `/partnerships/${withBlueprint.id}/confirm`)).toMatchObject({ status: 200 });
    expect(await api(coordinator, 'POST', `/partnerships/${withGrowth.id}/negotiate`)).toMatchObject({ status: 200 });
    expect(await api(coordinator, 'POST', `/partnerships/${abandoned.id}/end`)).toMatchObject({ status: 200, body: { status: 'ended' } });
    expect(await api(coordinator, 'POST', `/partnerships/${abandoned.id}/confirm`)).toMatchObject({ status: 409, body: { code: 'partnership.wrong-status', errors: [{ code: 'partnership.wrong-status', field: 'status' }] } });

    const record = (id: string, kind: string, occurredOn: string) => api(coordinator, 'POST', `/partnerships/${id}/records`, { kind, occurredOn, summary: 'Atelier conjoint sur les cadres d’évaluation' });
    expect(await record(withBlueprint.id, 'joint-initiative', '2026-06-03')).toMatchObject({ status: 201 });
    expect(await record(withBlueprint.id, 'shared-resource', '2026-06-20')).toMatchObject({ status: 201 });
    expect(await record(withTechnologyHelps.id, 'communication', '2026-08-05')).toMatchObject({ status: 201, body: { records: [{ kind: 'communication', occurredOn: '2026-08-05' }] } });
    expect(await record(withTechnologyHelps.id, 'communication', '2199-01-01')).toMatchObject({ status: 400, body: { code: 'field.must-not-be-in-future', errors: [{ code: 'field.must-not-be-in-future', field: 'occurredOn' }] } });
    expect(await record(withTechnologyHelps.id, 'gossip', '2026-08-05')).toMatchObject({ status: 400, body: { errors: [{ field: 'kind' }] } });

    expect((await api(coordinator, 'GET', '/partnerships?status=confirmed')).body.map((p: { id: string }) => p.id).sort()).toEqual([withTechnologyHelps.id, withBlueprint.id].sort());

    await expectEventually(async () => {
      expect(await indicator(system, consortiumId, coordinator, 'o4.partnerships.confirmed')).toMatchObject({ value: 2, status: 'tracked' });
      expect(await indicator(system, consortiumId, coordinator, 'o4.partnerships.in-negotiation')).toMatchObject({ value: 1 });
      // Three records over June to August: one a month on average.
      expect(await indicator(system, consortiumId, coordinator, 'o4.collaboration-intensity')).toMatchObject({
        value: 1,
        breakdown: [
          { month: '2026-06', 'joint-initiative': 1, 'shared-resource': 1, communication: 0, total: 2 },
          { month: '2026-08', 'joint-initiative': 0, 'shared-resource': 0, communication: 1, total: 1 },
        ],
      });
    });

    const events = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.provider-matching.partnership.'));
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(JSON.stringify(events)).not.toMatch(/Atelier|évaluation|Expertise/);
  });
});
