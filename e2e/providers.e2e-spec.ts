import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

describe('provider profiles and the catalogue', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  let provider: string;
  let nonprofit: string;
  let providerStaff: string;
  let nonprofitStaff: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    provider = await joinOrganization(system, consortiumId, coordinator, 'TechSoup Canada', 'service-provider', 'ON');
    nonprofit = await joinOrganization(system, consortiumId, coordinator, 'BYTE', 'youth-employment-nonprofit', 'YT');
    await joinMember(system, consortiumId, coordinator, provider, 'Provider staff', 'provider-staff', 'idp|provider-staff');
    await joinMember(system, consortiumId, coordinator, nonprofit, 'Nonprofit staff', 'nonprofit-staff', 'idp|nonprofit-staff');
    providerStaff = await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|provider-staff');
    nonprofitStaff = await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|nonprofit-staff');
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('provider-matching', method, `/consortia/${consortiumId}${path}`, { token, body });
  const profile = {
    offerings: [
      { title: 'Audit de cybersécurité pour OBNL', dimensions: ['cybersecurity'], stages: [1, 2] },
      { title: 'Migration vers des outils infonuagiques', description: 'Accompagnement de trois mois', dimensions: ['digital-tools'], stages: [2, 3] },
    ],
    languages: ['fr'],
    provincesServed: ['ON'],
    remote: true,
    costModel: { kind: 'subsidised', feeRange: { min: 0, max: 1500 } },
    capacity: 3,
    responseTimeDays: 5,
  };

  it('lets a provider publish its profile, then replace it', async () => {
    const published = await expectEventually(async () => {
      const response = await api(providerStaff, 'PUT', `/providers/${provider}`, profile);
      expect(response.status).toBe(200);
      return response.body;
    });
    expect(published).toMatchObject({ organizationId: provider, capacity: 3, offerings: [{ dimensions: ['cybersecurity'] }, { dimensions: ['digital-tools'] }] });
    expect(await api(providerStaff, 'PUT', `/providers/${provider}`, { ...profile, capacity: 1, languages: ['fr', 'en'] })).toMatchObject({ status: 200, body: { capacity: 1, languages: ['fr', 'en'] } });

    const ids = async (query: string) => (await api(nonprofitStaff, 'GET', `/providers?${query}`)).body.map((p: { organizationId: string }) => p.organizationId);
    expect(await ids('dimension=cybersecurity')).toEqual([provider]);
    expect(await ids('dimension=culture')).toEqual([]);
    expect(await ids('language=en&province=QC')).toEqual([provider]); // remote serves every province

    const events = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.provider-matching.provider.'));
      expect(found.map((e) => e.type)).toEqual(['ccndr.provider-matching.provider.registered.v1', 'ccndr.provider-matching.provider.updated.v1']);
      return found;
    });
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(events[1].data).toMatchObject({ providerId: provider, capacity: 1, remote: true });
    expect(JSON.stringify(events)).not.toMatch(/Audit|Migration|Accompagnement/);
  });

  it('names the problem of an invalid profile and writes nothing', async () => {
    expect(await api(coordinator, 'PUT', `/providers/${nonprofit}`, profile)).toMatchObject({ status: 400, body: { code: 'provider.not-a-provider-organization', errors: [{ code: 'provider.not-a-provider-organization', field: 'organizationId' }] } });
    expect(await api(providerStaff, 'PUT', `/providers/${provider}`, { ...profile, costModel: { kind: 'fee' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'costModel.feeRange' }] } });
    expect(await api(providerStaff, 'PUT', `/providers/${provider}`, { ...profile, remote: false, provincesServed: [] })).toMatchObject({ status: 400, body: { errors: [{ field: 'provincesServed' }] } });
    expect(await api(providerStaff, 'PUT', `/providers/${provider}`, { ...profile, offerings: [{ title: 'x', dimensions: ['Not A Key'], stages: [1] }] })).toMatchObject({ status: 400, body: { errors: [{ field: 'offerings.0.dimensions.0' }] } });
    const unknownDimension = { ...profile, offerings: [profile.offerings[0], { title: 'Chaîne de blocs', dimensions: ['digital-tools', 'blockchain'], stages: [1] }] };
    expect(await api(providerStaff, 'PUT', `/providers/${provider}`, unknownDimension)).toMatchObject({
      status: 400,
      body: { code: 'dimension.unknown', errors: [{ code: 'dimension.unknown', field: 'offerings.1.dimensions.1' }], detail: expect.stringContaining('offerings.1.dimensions.1: blockchain is not a dimension of the readiness framework 2026.1') },
    });
    expect(await api(nonprofitStaff, 'PUT', `/providers/${provider}`, profile)).toMatchObject({ status: 403 });
    expect((await api(nonprofitStaff, 'GET', `/providers/${provider}`)).body.capacity).toBe(1);
  });
});
