import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

describe('collaboration models (outcome 3)', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  let circleId: string;
  const as: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Y4Y Quebec', 'youth-employment-nonprofit', 'QC');
    const advisor = await joinOrganization(system, consortiumId, coordinator, 'SETSI', 'sector-advisor', 'ON');
    for (const [who, organization] of [['lea', nonprofit], ['marc', nonprofit], ['sofia', nonprofit], ['expert1', advisor], ['expert2', advisor]] as const) {
      ids[who] = await joinMember(system, consortiumId, coordinator, organization, who, who.startsWith('expert') ? 'sector-advisor' : 'nonprofit-staff', `idp|${who}`);
      as[who] = await consortiumToken({ [consortiumId]: [who.startsWith('expert') ? 'advisor' : 'member'] }, `idp|${who}`);
    }
    circleId = (await system.call('community', 'POST', `/consortia/${consortiumId}/circles`, { token: coordinator, body: { name: 'Prototype 3', prototype: 3 } })).body.id;
    await system.call('community', 'POST', `/consortia/${consortiumId}/circles/${circleId}/members`, { token: coordinator, body: { memberId: ids.lea } });
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('is proposed by a circle, reviewed by stakeholders and designated experts, and summarised with rater agreement', async () => {
    expect(await api(as.marc, 'POST', '/collaboration-models', { circleId, title: 'x', description: 'y' })).toMatchObject({ status: 403 });
    const proposed = await api(as.lea, 'POST', '/collaboration-models', {
      circleId,
      title: 'Paiement en deux temps',
      description: 'Un versement au lancement, un à la fin du projet.',
      businessModelNotes: 'Financement par subvention de projet.',
    });
    expect(proposed).toMatchObject({ status: 201, body: { prototype: 3, proposedBy: ids.lea, viability: null, experts: [] } });
    const modelId = proposed.body.id;

    expect(await api(coordinator, 'PUT', `/collaboration-models/${modelId}/experts`, { memberIds: [ids.expert1, ids.expert2] })).toMatchObject({ status: 200 });
    const stakeholder = (token: string, feasibility: number) => api(token, 'POST', `/collaboration-models/${modelId}/reviews`, { scores: { feasibility, effectiveness: 4, scalability: 3 } });
    expect(await stakeholder(as.lea, 4)).toMatchObject({ status: 201 });
    expect(await stakeholder(as.marc, 5)).toMatchObject({ status: 201 });
    expect(await stakeholder(as.marc, 5)).toMatchObject({ status: 409 });
    expect(await stakeholder(as.sofia, 6)).toMatchObject({ status: 400, body: { errors: [{ field: 'scores.feasibility' }] } });
    expect(await stakeholder(as.expert1, 4)).toMatchObject({ status: 400, body: { code: 'collaboration-model.wrong-criteria', errors: [{ code: 'collaboration-model.wrong-criteria', field: 'scores' }], detail: expect.stringContaining('impact, viability, relevance') } });
    expect(await api(as.expert1, 'POST', `/collaboration-models/${modelId}/reviews`, { scores: { impact: 5, viability: 4, relevance: 5 }, comment: 'Prometteur.' })).toMatchObject({ status: 201 });
    expect(await api(as.expert2, 'POST', `/collaboration-models/${modelId}/reviews`, { scores: { impact: 5, viability: 2, relevance: 5 } })).toMatchObject({ status: 201 });
    expect(await api(coordinator, 'PUT', `/collaboration-models/${modelId}/experts`, { memberIds: [ids.lea] })).toMatchObject({ status: 409, body: { code: 'collaboration-model.already-reviewed', errors: [{ code: 'collaboration-model.already-reviewed', field: 'memberIds' }] } });

    expect(await api(coordinator, 'PUT', `/collaboration-models/${modelId}/viability`, { scalability: true, efficientUseOfResources: true, sustainability: false })).toMatchObject({ status: 200 });
    const model = (await api(as.sofia, 'GET', `/collaboration-models/${modelId}`)).body;
    expect(model.stakeholderReviews).toEqual({
      feasibility: { raters: 2, average: 4.5, agreement: 0.75 },
      effectiveness: { raters: 2, average: 4, agreement: 1 },
      scalability: { raters: 2, average: 3, agreement: 1 },
    });
    expect(model.expertReviews).toEqual({
      impact: { raters: 2, average: 5, agreement: 1 },
      viability: { raters: 2, average: 3, agreement: 0 },
      relevance: { raters: 2, average: 5, agreement: 1 },
    });
    expect(model.viability).toEqual({ scalability: true, efficientUseOfResources: true, sustainability: false });
    expect((await api(as.sofia, 'GET', '/collaboration-models')).body).toHaveLength(1);

    const events = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.community.collaboration-model.'));
      expect(found.map((e) => e.type.split('.')[3])).toEqual(['proposed', 'reviewed', 'reviewed', 'reviewed', 'reviewed', 'viability-checked']);
      return found;
    });
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(events.filter((e) => e.data.reviewerRole === 'expert').map((e) => e.data.scores)).toEqual([{ impact: 5, viability: 4, relevance: 5 }, { impact: 5, viability: 2, relevance: 5 }]);
    expect(JSON.stringify(events)).not.toMatch(/Paiement|versement|subvention|Prometteur/);
  });
});
