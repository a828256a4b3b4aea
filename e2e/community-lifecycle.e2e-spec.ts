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

  /** The organisations asked to be named in reports: the one that consents, and the events published while it did. */
  const consent = { name: 'Réseau des partenaires consentants', organizationId: '', namedEvents: [] as string[] };

  it('names an organisation in its events only while it consents to be named in reports', async () => {
    const events = async (organizationId: string) =>
      (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.community.organization.') && (e.data as { organizationId?: string }).organizationId === organizationId);
    expect(await api('POST', '/organizations', { name: 'Sans consentement', category: 'sector-advisor', provinceOrTerritory: 'QC', preferredLanguage: 'fr', nameInReports: 'yes' })).toMatchObject({ status: 400, body: { errors: [{ field: 'nameInReports', code: 'field.wrong-type' }] } });
    const unnamed = await api('POST', '/organizations', { name: 'Conseillère autonome', category: 'technical-advisor', provinceOrTerritory: 'QC', preferredLanguage: 'fr' });
    expect(unnamed).toMatchObject({ status: 201, body: { nameInReports: false } });
    const named = await api('POST', '/organizations', { name: consent.name, category: 'sector-advisor', provinceOrTerritory: 'QC', preferredLanguage: 'en', nameInReports: true });
    expect(named).toMatchObject({ status: 201, body: { nameInReports: true } });
    consent.organizationId = named.body.id;
    expect((await api('GET', `/organizations/${named.body.id}`)).body).toMatchObject({ nameInReports: true });

    const joined = await expectEventually(async () => {
      const found = await events(named.body.id);
      expect(found.map((e) => e.type)).toEqual(['ccndr.community.organization.joined.v1']);
      return found[0];
    });
    expect(joined.data).toMatchObject({ name: consent.name });
    consent.namedEvents.push(joined.id);

    // Withdrawing consent publishes the profile without the name, so that subscribers forget it.
    expect(await api('PATCH', `/organizations/${named.body.id}`, { nameInReports: false })).toMatchObject({ status: 200, body: { nameInReports: false } });
    const withdrawn = await expectEventually(async () => {
      const found = await events(named.body.id);
      expect(found.map((e) => e.type)).toEqual(['ccndr.community.organization.joined.v1', 'ccndr.community.organization.updated.v1']);
      return found[1];
    });
    expect(withdrawn.data).not.toHaveProperty('name');
    expect(await api('PATCH', `/organizations/${unnamed.body.id}`, { nameInReports: 1 })).toMatchObject({ status: 400, body: { errors: [{ field: 'nameInReports' }] } });
    expect((await events(unnamed.body.id)).map((e) => e.data)).toEqual([expect.not.objectContaining({ name: expect.anything() })]);
  });

  it('publishes only schema-valid events that carry no names of people, e-mails or expertise, and an organisation’s name only with its consent', async () => {
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
    // The only name carried is the consenting organisation's, in the events published while it consented.
    const named = events.filter((e) => 'name' in (e.data as object) && e.type.startsWith('ccndr.community.organization.'));
    expect(named.map((e) => ({ id: e.id, data: e.data }))).toEqual(consent.namedEvents.map((id) => ({ id, data: expect.objectContaining({ organizationId: consent.organizationId, name: consent.name }) })));
    expect(text).not.toContain('conseillère autonome');
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
