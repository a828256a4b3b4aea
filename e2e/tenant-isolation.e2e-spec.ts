import { ServiceName } from '@ccndr/local-stack';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator } from './support/programme';

describe('tenant isolation', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation', 'assessments', 'provider-matching'] });
  });
  afterAll(() => system?.stop());

  /** The status alone: an event stream answers 200 and never ends. */
  async function statusOnly(service: ServiceName, path: string, token: string): Promise<number> {
    const aborter = new AbortController();
    const response = await fetch(`${system.service(service).url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: aborter.signal });
    aborter.abort();
    return response.status;
  }

  it('answers 404 to a coordinator of consortium A on every route of consortium B', async () => {
    const a = await buildProgramme(system, 1);
    const b = await buildProgramme(system, 1);
    await expectEventually(() => indicator(system, b.consortiumId, b.coordinator, 'o1.meeting-participants'));
    const circle = await system.call('community', 'POST', `/consortia/${b.consortiumId}/circles`, { token: b.coordinator, body: { name: 'Cercle B' } });
    await system.call('community', 'POST', `/consortia/${b.consortiumId}/gatherings/${b.meetingId}/registrations`, { token: b.coordinator, body: { memberId: b.members[0], response: 'going' } });
    const poster = await system.call('community', 'POST', `/consortia/${b.consortiumId}/members`, { token: b.coordinator, body: { organizationId: b.organizations.provider, displayName: 'Poster', role: 'provider-staff', subject: 'idp|poster-b' } });
    // B's insider: a coordinator who is also a linked member, so every route of B answers them.
    const posterToken = await consortiumToken({ [b.consortiumId]: ['coordinator', 'provider'] }, 'idp|poster-b');
    await system.call('community', 'PUT', `/consortia/${b.consortiumId}/self-identification`, { token: posterToken, body: { consent: true } });
    const thread = await system.call('community', 'POST', `/consortia/${b.consortiumId}/threads`, { token: posterToken, body: { title: 'B', body: 'B', language: 'en' } });
    expect([poster.status, thread.status]).toEqual([201, 201]);
    await system.call('community', 'POST', `/consortia/${b.consortiumId}/circles/${circle.body.id}/members`, { token: b.coordinator, body: { memberId: poster.body.id } });
    const model = await system.call('community', 'POST', `/consortia/${b.consortiumId}/collaboration-models`, { token: posterToken, body: { circleId: circle.body.id, title: 'B', description: 'B' } });
    expect(model.status).toBe(201);
    const survey = await system.call('community', 'POST', `/consortia/${b.consortiumId}/surveys`, { token: b.coordinator, body: { title: { fr: 'B', en: 'B' } } });
    const assessment = await expectEventually(async () => {
      const started = await system.call('assessments', 'POST', `/consortia/${b.consortiumId}/assessments`, { token: posterToken, body: { organizationId: b.organizations.provider } });
      expect(started.status).toBe(201);
      return started.body;
    });
    const framework = (await system.call('assessments', 'GET', `/consortia/${b.consortiumId}/framework`, { token: posterToken })).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, 's1'])));
    await system.call('assessments', 'PUT', `/consortia/${b.consortiumId}/assessments/${assessment.id}/answers`, { token: posterToken, body: { answers } });
    expect((await system.call('assessments', 'POST', `/consortia/${b.consortiumId}/assessments/${assessment.id}/submit`, { token: posterToken })).status).toBe(200);
    const ids: Record<string, string> = {
      assessmentId: assessment.id,
      surveyId: survey.body.id,
      modelId: model.body.id,
      threadId: thread.body.id,
      itemId: thread.body.id, consortiumId: b.consortiumId, gatheringId: b.meetingId, organizationId: b.organizations.provider, memberId: b.members[0], circleId: circle.body.id };

    const checked: string[] = [];
    await expectEventually(async () => expect((await system.call('assessments', 'GET', `/consortia/${b.consortiumId}/framework`, { token: b.coordinator })).status).toBe(200));
    const providerProfile = { offerings: [{ title: 'B', dimensions: ['culture'], stages: [1] }], languages: ['en'], remote: true, costModel: { kind: 'free' }, capacity: 1, responseTimeDays: 3 };
    await expectEventually(async () => expect((await system.call('provider-matching', 'PUT', `/consortia/${b.consortiumId}/providers/${b.organizations.provider}`, { token: posterToken, body: providerProfile })).status).toBe(200));
    const matching = (method: string, path: string, body: unknown) => system.call('provider-matching', method, `/consortia/${b.consortiumId}${path}`, { token: b.coordinator, body });
    const need = await matching('POST', '/needs', { organizationId: b.organizations.nonprofit, dimension: 'culture', description: 'B', language: 'en', staffHoursPerWeek: 2 });
    const engagement = await matching('POST', '/engagements', { needId: need.body.id, providerId: b.organizations.provider });
    const partnership = await matching('POST', '/partnerships', { organizationIds: [b.organizations.nonprofit, b.organizations.provider], title: 'B' });
    expect([need.status, engagement.status, partnership.status]).toEqual([201, 201, 201]);
    Object.assign(ids, { key: 'o1.meeting-participants', needId: need.body.id, engagementId: engagement.body.id, partnershipId: partnership.body.id });
    for (const service of ['community', 'evaluation', 'assessments', 'provider-matching'] as ServiceName[]) {
      const document = (await system.call(service, 'GET', '/docs/openapi.json')).body;
      for (const [template, operations] of Object.entries<Record<string, unknown>>(document.paths)) {
        if (!template.includes('{consortiumId}')) continue;
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
        for (const method of Object.keys(operations)) {
          const response = await system.call(service, method.toUpperCase(), path, { token: a.coordinator, body: method === 'get' ? undefined : {} });
          expect({ route: `${method.toUpperCase()} ${template}`, status: response.status }).toEqual({ route: `${method.toUpperCase()} ${template}`, status: 404 });
          // The same route works for B's own coordinator, so the 404 is isolation, not a missing route.
          if (method === 'get') expect({ route: template, status: await statusOnly(service, path, posterToken) }).toEqual({ route: template, status: 200 });
          checked.push(`${service} ${method.toUpperCase()} ${template}`);
        }
      }
    }
    expect(checked).toEqual(expect.arrayContaining([
      'community POST /consortia/{consortiumId}/gatherings/{gatheringId}/attendance',
      'evaluation GET /consortia/{consortiumId}/indicators',
      'assessments GET /consortia/{consortiumId}/framework',
      'provider-matching PUT /consortia/{consortiumId}/providers/{organizationId}',
    ]));
    expect(checked.length).toBeGreaterThanOrEqual(30);
  });
});
