import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, indicator, joinMember, joinOrganization } from './support/programme';

describe('knowledge sharing between organisations', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  const as: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    ids.nonprofit = await joinOrganization(system, consortiumId, coordinator, 'BYTE', 'youth-employment-nonprofit', 'YT');
    ids.provider = await joinOrganization(system, consortiumId, coordinator, 'TechSoup Canada', 'service-provider', 'ON');
    for (const [who, organization, role, consortiumRole] of [
      ['nadia', ids.nonprofit, 'nonprofit-staff', 'member'],
      ['noah', ids.nonprofit, 'nonprofit-staff', 'member'],
      ['priya', ids.provider, 'provider-staff', 'provider'],
    ] as const) {
      ids[who] = await joinMember(system, consortiumId, coordinator, organization, `${who} display`, role, `idp|${who}`);
      as[who] = await consortiumToken({ [consortiumId]: [consortiumRole] }, `idp|${who}`);
    }
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('counts a reply from another organisation as a cross-organisation interaction', async () => {
    const thread = await api(as.nadia, 'POST', '/threads', { title: 'Quel CRM pour le suivi des jeunes ?', body: 'Nous cherchons un outil bilingue.', language: 'fr' });
    expect(thread).toMatchObject({ status: 201, body: { itemType: 'thread', memberId: ids.nadia, organizationId: ids.nonprofit, involvedOrganizationIds: [ids.nonprofit], replyCount: 0 } });
    const threadId = thread.body.id;

    const fromProvider = await api(as.priya, 'POST', `/threads/${threadId}/replies`, { body: 'Nous offrons des licences à prix réduit.', language: 'fr' });
    expect(fromProvider).toMatchObject({ status: 201, body: { itemType: 'reply', threadId, involvedOrganizationIds: [ids.provider, ids.nonprofit] } });
    const fromColleague = await api(as.noah, 'POST', `/threads/${threadId}/replies`, { body: 'On a essayé Salesforce.', language: 'fr' });
    expect(fromColleague.body.involvedOrganizationIds).toEqual([ids.nonprofit]);

    expect(await api(as.priya, 'POST', `/knowledge/${threadId}/reactions`, { reaction: 'helpful' })).toMatchObject({ status: 201, body: { reactions: { helpful: 1 } } });
    expect(await api(as.priya, 'POST', `/knowledge/${threadId}/reactions`, { reaction: 'helpful' })).toMatchObject({ status: 409, body: { code: 'knowledge.already-reacted', errors: [{ code: 'knowledge.already-reacted', field: 'reaction' }] } });
    expect(await api(as.priya, 'POST', `/knowledge/${threadId}/reactions`, { reaction: 'applause' })).toMatchObject({ status: 400, body: { errors: [{ field: 'reaction' }] } });

    const read = (await api(as.noah, 'GET', `/threads/${threadId}`)).body;
    expect(read).toMatchObject({ title: 'Quel CRM pour le suivi des jeunes ?', authorName: 'nadia display', replyCount: 2, reactions: { helpful: 1, insightful: 0, thanks: 0 } });
    expect(read.replies.map((r: { memberId: string }) => r.memberId)).toEqual([ids.priya, ids.noah]);

    const shared = await expectEventually(async () => {
      const events = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.community.knowledge.shared.v1' && (e.data.itemId === threadId || e.data.threadId === threadId));
      expect(events).toHaveLength(3);
      return events;
    });
    expect(shared.map((e) => e.data.crossOrganization)).toEqual([false, true, false]);
    // Posting made the provider active, without any meeting.
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 1 }));
  });

  it('shares resources with a link, a language and tags, and finds them by tag and language', async () => {
    const resource = await api(as.priya, 'POST', '/resources', { title: 'Guide de cybersécurité', url: 'https://example.org/guide', language: 'fr', tags: ['Cybersécurité', 'guide'] });
    expect(resource).toMatchObject({ status: 201, body: { itemType: 'resource', url: 'https://example.org/guide', tags: ['cybersécurité', 'guide'] } });
    await api(as.nadia, 'POST', '/resources', { title: 'Data policy template', url: 'https://example.org/policy', language: 'en', tags: ['data governance'] });
    expect((await api(as.noah, 'GET', '/resources?tag=cybers%C3%A9curit%C3%A9')).body.map((r: { id: string }) => r.id)).toEqual([resource.body.id]);
    expect((await api(as.noah, 'GET', '/resources?language=en')).body.map((r: { title: string }) => r.title)).toEqual(['Data policy template']);
    expect(await api(as.priya, 'POST', '/resources', { title: 'x', url: 'ftp://example.org/file', language: 'fr' })).toMatchObject({ status: 400, body: { errors: [{ field: 'url' }] } });
  });

  it('keeps a circle’s discussion to its active members', async () => {
    const circle = (await api(coordinator, 'POST', '/circles', { name: 'Prototype 3', prototype: 3 })).body.id;
    await api(coordinator, 'POST', `/circles/${circle}/members`, { memberId: ids.nadia });
    const thread = await api(as.nadia, 'POST', '/threads', { circleId: circle, title: 'Paiement en deux temps', body: 'Au lancement et à la fin.', language: 'fr' });
    expect(thread.status).toBe(201);
    expect(await api(as.priya, 'POST', `/threads/${thread.body.id}/replies`, { body: 'Bonne idée', language: 'fr' })).toMatchObject({ status: 403 });
    expect(await api(as.priya, 'POST', '/threads', { circleId: circle, title: 't', body: 'b', language: 'fr' })).toMatchObject({ status: 403 });
    expect((await api(as.noah, 'GET', `/threads?circleId=${circle}`)).body.map((t: { id: string }) => t.id)).toEqual([thread.body.id]);
  });

  it('refuses to share in the name of someone who is not a linked member', async () => {
    const stranger = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|not-linked');
    expect(await api(stranger, 'POST', '/threads', { title: 't', body: 'b', language: 'en' })).toMatchObject({ status: 403 });
    const observer = await consortiumToken({ [consortiumId]: ['observer'] }, 'idp|nadia');
    expect(await api(observer, 'POST', '/threads', { title: 't', body: 'b', language: 'en' })).toMatchObject({ status: 403 });
  });

  it('publishes knowledge events without titles, text, links or names', async () => {
    const events = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.community.knowledge.'));
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(JSON.stringify(events)).not.toMatch(/CRM|licences|Salesforce|example\.org|cybers|display|Paiement/i);
  });
});
