import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator, joinMember, joinOrganization } from './support/programme';

describe('organisations and members over their whole life', () => {
  let system: TestSystem;
  let programme: Awaited<ReturnType<typeof buildProgramme>>;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
    programme = await buildProgramme(system, 4);
  });
  afterAll(() => system?.stop());

  const api = (method: string, path: string, body?: unknown, token = programme.coordinator) =>
    system.call('community', method, `/consortia/${programme.consortiumId}${path}`, { token, body });

  it('updates an organisation and moves it between the active-organisation indicators when its category changes', async () => {
    const { consortiumId, coordinator, organizations, members, meetingId } = programme;
    await api('POST', `/gatherings/${meetingId}/attendance`, { memberIds: [members[0]] });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1 }));

    const moved = await api('PATCH', `/organizations/${organizations.nonprofit}`, { provinceOrTerritory: 'ON', preferredLanguage: 'en' });
    expect(moved).toMatchObject({ status: 200, body: { provinceOrTerritory: 'ON', preferredLanguage: 'en', name: 'Carrefour jeunesse-emploi Montréal' } });
    expect((await api('GET', `/organizations/${organizations.nonprofit}`)).body).toMatchObject({ provinceOrTerritory: 'ON' });

    await api('PATCH', `/organizations/${organizations.nonprofit}`, { category: 'other-member' });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.other-member')).toMatchObject({ value: 1 }));
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 0 });
    await api('PATCH', `/organizations/${organizations.nonprofit}`, { category: 'youth-employment-nonprofit' });
  });

  it('names the problem of an invalid update and changes nothing', async () => {
    const response = await api('PATCH', `/organizations/${programme.organizations.provider}`, { country: 'US' });
    expect(response).toMatchObject({ status: 400, body: { errors: [{ code: 'organization.province-outside-canada', field: 'provinceOrTerritory', detail: 'applies only to organizations in Canada' }] } });
    expect((await api('GET', `/organizations/${programme.organizations.provider}`)).body).toMatchObject({ country: 'CA', provinceOrTerritory: 'ON' });
    expect(await api('PATCH', `/organizations/${programme.organizations.provider}`, {})).toMatchObject({ status: 400 });
  });

  it('finds members in the directory by name, organisation, category, province and expertise', async () => {
    const advisorOrg = await joinOrganization(system, programme.consortiumId, programme.coordinator, 'Open North', 'technical-advisor', 'QC');
    const created = await api('POST', '/members', { organizationId: advisorOrg, displayName: 'Renée Tremblay', role: 'technical-advisor', expertise: ['Data Governance', ' CRM '] });
    expect(created).toMatchObject({ status: 201, body: { expertise: ['data governance', 'crm'] } });
    const renee = created.body.id;
    const find = async (query: string) => (await api('GET', `/members?${query}`)).body.map((m: { id: string }) => m.id);

    expect(await find('q=ren%C3%A9e')).toEqual([renee]);
    expect(await find('q=open%20north')).toEqual([renee]);
    expect(await find(`organizationId=${advisorOrg}`)).toEqual([renee]);
    expect(await find('category=technical-advisor')).toEqual([renee]);
    expect(await find('expertise=data%20governance')).toEqual([renee]);
    expect((await find('provinceOrTerritory=QC')).length).toBeGreaterThanOrEqual(1);
    expect(await find('q=nobody-has-this-name')).toEqual([]);
    const entry = (await api('GET', `/members/${renee}`)).body;
    expect(entry).toMatchObject({ displayName: 'Renée Tremblay', organization: { name: 'Open North', category: 'technical-advisor' } });
    expect(await api('GET', '/members?category=bank')).toMatchObject({ status: 400, body: { errors: [{ field: 'category' }] } });
  });

  it('lets a member leave while their past attendance keeps counting', async () => {
    const { consortiumId, coordinator, organizations, meetingId } = programme;
    const leaving = await joinMember(system, consortiumId, coordinator, organizations.provider, 'Sam Leaving', 'provider-staff');
    await api('POST', `/gatherings/${meetingId}/attendance`, { memberId: leaving });
    const before = (await api('GET', `/gatherings/${meetingId}`)).body.attendeeCount;
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: before }));

    expect(await api('DELETE', `/members/${leaving}`)).toMatchObject({ status: 200, body: { leftAt: expect.any(String) } });
    expect(await api('DELETE', `/members/${leaving}`)).toMatchObject({ status: 409 });
    expect((await api('GET', `/gatherings/${meetingId}`)).body.attendeeCount).toBe(before);
    expect(await api('POST', `/gatherings/${meetingId}/attendance`, { memberId: leaving })).toMatchObject({ status: 400, body: { code: 'member.unknown', errors: [{ code: 'member.unknown', field: 'memberIds' }] } });
    expect((await api('GET', '/members')).body.map((m: { id: string }) => m.id)).not.toContain(leaving);
    expect((await api('GET', '/members?includeLeft=true')).body.map((m: { id: string }) => m.id)).toContain(leaving);
    await expectEventually(async () => expect((await system.bus.publishedEvents()).some((e) => e.type === 'ccndr.community.member.left.v1' && e.data.memberId === leaving)).toBe(true));
    expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: before });
  });

  it('lets an organisation leave with its members, and its name be used again', async () => {
    const org = await joinOrganization(system, programme.consortiumId, programme.coordinator, 'Short Stay', 'sector-advisor', 'NS');
    const person = await joinMember(system, programme.consortiumId, programme.coordinator, org, 'Alex Short', 'sector-advisor');
    expect(await api('DELETE', `/organizations/${org}`)).toMatchObject({ status: 200 });
    expect((await api('GET', `/members/${person}`)).body.leftAt).not.toBeNull();
    expect(await api('PATCH', `/organizations/${org}`, { preferredLanguage: 'en' })).toMatchObject({ status: 409 });
    expect(await api('POST', '/members', { organizationId: org, displayName: 'Late', role: 'observer' })).toMatchObject({ status: 400, body: { code: 'organization.unknown', errors: [{ code: 'organization.unknown', field: 'organizationId' }] } });
    expect((await api('GET', '/organizations')).body.map((o: { id: string }) => o.id)).not.toContain(org);
    expect((await api('GET', '/organizations?includeLeft=true')).body.map((o: { id: string }) => o.id)).toContain(org);
    await joinOrganization(system, programme.consortiumId, programme.coordinator, 'Short Stay', 'sector-advisor', 'NS');
  });

  it('lets only coordinators change organisations and members', async () => {
    const observer = await consortiumToken({ [programme.consortiumId]: ['observer'] });
    expect(await api('PATCH', `/organizations/${programme.organizations.provider}`, { preferredLanguage: 'fr' }, observer)).toMatchObject({ status: 403 });
    expect(await api('DELETE', `/members/${programme.members[1]}`, undefined, observer)).toMatchObject({ status: 403 });
    expect((await api('GET', '/members', undefined, observer)).status).toBe(200);
  });

  it('publishes only schema-valid events that carry no names, e-mails or expertise', async () => {
    const events = await expectEventually(async () => {
      const found = await system.bus.publishedEvents();
      expect(found.some((e) => e.type === 'ccndr.community.organization.left.v1')).toBe(true);
      return found;
    });
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    const text = JSON.stringify(events).toLowerCase();
    for (const personal of ['renée', 'tremblay', 'sam leaving', 'alex short', 'person 0', 'data governance', 'open north', 'carrefour', 'short stay']) {
      expect({ personal, found: text.includes(personal) }).toEqual({ personal, found: false });
    }
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'ccndr.community.consortium.created.v1',
        'ccndr.community.organization.joined.v1',
        'ccndr.community.organization.updated.v1',
        'ccndr.community.organization.left.v1',
        'ccndr.community.member.joined.v1',
        'ccndr.community.member.left.v1',
        'ccndr.community.gathering.scheduled.v1',
        'ccndr.community.gathering.attendance-recorded.v1',
        'ccndr.community.gathering.representation-snapshot.v1',
      ]),
    );
  });
});
