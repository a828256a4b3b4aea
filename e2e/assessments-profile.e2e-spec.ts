import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

describe('maturity profile over retakes, and the peer benchmark', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  const orgs: { id: string; token: string }[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    for (let i = 1; i <= 5; i++) {
      const id = await joinOrganization(system, consortiumId, coordinator, `Nonprofit ${i}`, 'youth-employment-nonprofit', 'MB');
      await joinMember(system, consortiumId, coordinator, id, `Staff ${i}`, 'nonprofit-staff', `idp|staff-${i}`);
      orgs.push({ id, token: await consortiumToken({ [consortiumId]: ['member'] }, `idp|staff-${i}`) });
    }
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('assessments', method, `/consortia/${consortiumId}${path}`, { token, body });

  /** Completes an assessment with every answer at `stage`. */
  async function complete(org: { id: string; token: string }, stage: number): Promise<void> {
    const started = await expectEventually(async () => {
      const response = await api(org.token, 'POST', '/assessments', { organizationId: org.id });
      expect(response.status).toBe(201);
      return response.body;
    });
    const framework = (await api(org.token, 'GET', '/framework')).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, `s${stage}`])));
    await api(org.token, 'PUT', `/assessments/${started.id}/answers`, { answers });
    expect((await api(org.token, 'POST', `/assessments/${started.id}/submit`)).status).toBe(200);
  }

  it('shows the change since the previous assessment when an organisation retakes it', async () => {
    await complete(orgs[0], 2);
    const first = (await api(orgs[0].token, 'GET', `/organizations/${orgs[0].id}/profile`)).body;
    expect(first).toMatchObject({ change: null, latest: { overall: { score: 25, stage: 2 } } });
    await complete(orgs[0], 4);
    const profile = (await api(orgs[0].token, 'GET', `/organizations/${orgs[0].id}/profile`)).body;
    expect(profile.history.map((h: { overall: { score: number } }) => h.overall.score)).toEqual([25, 75]);
    expect(profile.change.find((c: { dimension: string }) => c.dimension === 'cybersecurity')).toEqual({
      dimension: 'cybersecurity',
      comparedWith: { frameworkVersion: '2026.1', dimension: 'cybersecurity' },
      from: 25,
      to: 75,
      delta: 50,
      stageFrom: 2,
      stageTo: 4,
    });
    expect(await api(orgs[1].token, 'GET', `/organizations/${orgs[0].id}/profile`)).toMatchObject({ status: 404 });
    expect((await api(coordinator, 'GET', `/organizations/${orgs[0].id}/profile`)).status).toBe(200);
  });

  it('keeps the benchmark hidden at 4 organisations and shows the distribution at 5', async () => {
    await complete(orgs[1], 1);
    await complete(orgs[2], 2);
    await complete(orgs[3], 3);
    const hidden = (await api(orgs[0].token, 'GET', `/organizations/${orgs[0].id}/benchmark`)).body;
    expect(hidden).toMatchObject({ available: false, organizations: null, threshold: 5, dimensions: null, message: { fr: expect.stringContaining('5 organismes'), en: expect.stringContaining('5 organizations') } });
    // Four have completed: a small count, said nowhere.
    expect(JSON.stringify(hidden)).not.toMatch(/\b4\b/);

    await complete(orgs[4], 5);
    const shown = (await api(orgs[0].token, 'GET', `/organizations/${orgs[0].id}/benchmark`)).body;
    expect(shown).toMatchObject({ available: true, organizations: 5, category: 'youth-employment-nonprofit' });
    // Latest scores: 75 (retaken), 0, 25, 50, 100.
    expect(shown.dimensions.find((d: { dimension: string }) => d.dimension === 'culture')).toEqual({
      dimension: 'culture',
      stages: { '1': null, '2': null, '3': null, '4': null, '5': null }, // one organisation per stage: each under 5, hidden
      medianStage: 3,
      quartiles: { lowest: 0, lowerQuartile: 25, median: 50, upperQuartile: 75, highest: 100 },
      yours: 75,
    });
  });

  it('publishes a new framework version with a mapping, and compares a retake across versions', async () => {
    const admin = await adminToken();
    const framework = (await api(coordinator, 'GET', '/framework')).body;
    const next = structuredClone(framework);
    next.version = '2026.2';
    const culture = next.dimensions.find((d: { key: string }) => d.key === 'culture');
    culture.key = 'organisational-culture';
    culture.name = { fr: 'Culture organisationnelle', en: 'Organisational culture' };
    const publish = (body: unknown, token = admin) => system.call('assessments', 'POST', '/frameworks', { token, body });

    const untranslated = structuredClone(next);
    delete untranslated.dimensions[0].questions[0].text.fr;
    expect(await publish({ framework: untranslated })).toMatchObject({ status: 400, body: { errors: [{ field: 'framework.dimensions.0.questions.0.text.fr' }] } });
    expect(await publish({ framework: next, mapping: { fromVersion: '2026.1', dimensions: { 'organisational-culture': 'vibes' } } })).toMatchObject({ status: 400, body: { code: 'dimension.unknown', errors: [{ code: 'dimension.unknown', field: 'mapping.dimensions.organisational-culture' }] } });
    expect(await publish({ framework: next }, coordinator)).toMatchObject({ status: 403 });
    expect(await publish({ framework: next, mapping: { fromVersion: '2026.1', dimensions: { 'organisational-culture': 'culture' } } })).toMatchObject({ status: 201, body: { version: '2026.2' } });
    expect(await publish({ framework: next })).toMatchObject({ status: 409 });
    expect((await system.call('assessments', 'GET', '/frameworks', { token: coordinator })).body.map((v: { version: string }) => v.version)).toEqual(['2026.1', '2026.2']);

    expect(await api(coordinator, 'PUT', '/framework', { version: '2099.9' })).toMatchObject({ status: 400, body: { code: 'framework.unknown-version', errors: [{ code: 'framework.unknown-version', field: 'version' }] } });
    expect(await api(coordinator, 'PUT', '/framework', { version: '2026.2' })).toMatchObject({ status: 200 });
    expect((await api(orgs[0].token, 'GET', '/framework')).body.version).toBe('2026.2');
    // Other services learn the consortium's dimensions: the default version on creation, then the pinned one.
    const adoptions = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.assessments.framework.adopted.v1' && e.consortiumid === consortiumId);
      expect(found.map((e) => e.data.frameworkVersion)).toEqual(['2026.1', '2026.2']);
      return found;
    });
    expect(adoptions[1].data.dimensions).toContainEqual({ key: 'organisational-culture', name: { fr: 'Culture organisationnelle', en: 'Organisational culture' } });

    await complete(orgs[0], 5);
    const profile = (await api(orgs[0].token, 'GET', `/organizations/${orgs[0].id}/profile`)).body;
    expect(profile.history.map((h: { frameworkVersion: string }) => h.frameworkVersion)).toEqual(['2026.1', '2026.1', '2026.2']);
    // The renamed dimension is compared with the one it continues: 75 under 2026.1, 100 now.
    expect(profile.change.find((c: { dimension: string }) => c.dimension === 'organisational-culture')).toEqual({
      dimension: 'organisational-culture',
      comparedWith: { frameworkVersion: '2026.1', dimension: 'culture' },
      from: 75,
      to: 100,
      delta: 25,
      stageFrom: 4,
      stageTo: 5,
    });
  });
});
