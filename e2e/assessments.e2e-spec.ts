import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, indicator, joinMember, joinOrganization } from './support/programme';

const refs = [
  'data-governance/responsibility', 'data-governance/consent', 'data-collection/collection-tools', 'data-collection/quality',
  'evidence-use/decisions', 'evidence-use/outcomes', 'digital-tools/systems', 'digital-tools/support',
  'cybersecurity/accounts', 'cybersecurity/incidents', 'digital-skills/staff-skills', 'digital-skills/learning',
  'leadership-strategy/strategy', 'leadership-strategy/investment', 'culture/experimentation', 'culture/sharing',
];
const answering = (stage: number, overrides: Record<string, number> = {}) => Object.fromEntries(refs.map((ref) => [ref, `s${overrides[ref] ?? stage}`]));

describe('readiness self-assessment, alone and as a team', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  let nonprofit: string;
  const as: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'evaluation'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Skills for Change', 'youth-employment-nonprofit', 'ON');
    const provider = await joinOrganization(system, consortiumId, coordinator, 'Data for Good', 'service-provider', 'ON');
    for (const [who, organization] of [['a1', nonprofit], ['a2', nonprofit], ['a3', nonprofit], ['p1', provider]] as const) {
      ids[who] = await joinMember(system, consortiumId, coordinator, organization, who, 'nonprofit-staff', `idp|${who}`);
      as[who] = await consortiumToken({ [consortiumId]: ['member'] }, `idp|${who}`);
    }
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('assessments', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('scores a single respondent who saves as they go, and publishes the result and the gaps', async () => {
    // Assessments learns the members from community's events.
    const started = await expectEventually(async () => {
      const response = await api(as.a1, 'POST', '/assessments', { organizationId: nonprofit });
      expect(response.status).toBe(201);
      return response.body;
    });
    expect(started).toMatchObject({ mode: 'individual', frameworkVersion: '2026.1', questions: 16, respondents: [{ memberId: ids.a1, answered: 0, submitted: false }] });
    const id = started.id;

    const all = answering(1, { 'data-governance/responsibility': 2, 'data-governance/consent': 4 });
    const firstHalf = Object.fromEntries(Object.entries(all).slice(0, 8));
    expect((await api(as.a1, 'PUT', `/assessments/${id}/answers`, { answers: firstHalf, evidence: { 'data-governance/consent': 'Formulaire révisé en 2025' } })).body.respondents[0].answered).toBe(8);
    const early = await api(as.a1, 'POST', `/assessments/${id}/submit`);
    expect(early).toMatchObject({ status: 400, body: { code: 'assessment.unanswered-questions', errors: [{ code: 'assessment.unanswered-questions', field: 'answers' }], unanswered: refs.slice(8) } });

    expect(await api(as.a1, 'PUT', `/assessments/${id}/answers`, { answers: { 'cybersecurity/accounts': 's9' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'answers.cybersecurity/accounts' }] } });
    expect(await api(as.a1, 'PUT', `/assessments/${id}/answers`, { answers: { 'finance/budget': 's1' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'answers.finance/budget' }] } });
    expect(await api(as.a2, 'PUT', `/assessments/${id}/answers`, { answers: { 'culture/sharing': 's1' } })).toMatchObject({ status: 403 });

    await api(as.a1, 'PUT', `/assessments/${id}/answers`, { answers: Object.fromEntries(Object.entries(all).slice(8)) });
    const done = await api(as.a1, 'POST', `/assessments/${id}/submit`);
    expect(done.status).toBe(200);
    expect(done.body.result.dimensions.find((d: { dimension: string }) => d.dimension === 'data-governance')).toEqual({ dimension: 'data-governance', score: 50, stage: 3, spread: null });
    expect(done.body.result.overall).toEqual({ score: 6.3, stage: 1 });
    expect(done.body.mine.evidence).toEqual({ 'data-governance/consent': 'Formulaire révisé en 2025' });
    expect(await api(as.a1, 'POST', `/assessments/${id}/submit`)).toMatchObject({ status: 409 });

    const events = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.assessments.') && e.data.assessmentId === id);
      expect(found.map((e) => e.type)).toEqual([
        'ccndr.assessments.assessment.started.v1',
        'ccndr.assessments.assessment.submitted.v1',
        'ccndr.assessments.assessment.completed.v1',
        'ccndr.assessments.readiness.gaps-identified.v1',
        'ccndr.assessments.journey.created.v1',
      ]);
      return found;
    });
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(events[3].data.gaps[0]).toEqual({ dimension: 'data-collection', currentStage: 1, targetStage: 2, priority: 1 });
    expect(JSON.stringify(events)).not.toMatch(/Formulaire/);
    // Completing an assessment makes the organisation active in evaluation.
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1 }));
    expect(await indicator(system, consortiumId, coordinator, 'readiness.assessments-completed')).toMatchObject({ value: 1, target: null, status: 'tracked' });
  });

  it('combines a team whose members answer alone, and shows where they disagree', async () => {
    expect(await api(as.a1, 'POST', '/assessments', { organizationId: nonprofit, respondentMemberIds: [ids.a1, ids.p1] })).toMatchObject({ status: 400, body: { code: 'member.not-in-organization', errors: [{ code: 'member.not-in-organization', field: 'respondentMemberIds' }] } });
    expect(await api(as.p1, 'POST', '/assessments', { organizationId: nonprofit })).toMatchObject({ status: 403 });
    const team = (await api(as.a1, 'POST', '/assessments', { organizationId: nonprofit, respondentMemberIds: [ids.a1, ids.a2, ids.a3] })).body;
    expect(team).toMatchObject({ mode: 'team', respondents: [{ submitted: false }, { submitted: false }, { submitted: false }] });

    const cyber = (stage: number) => ({ 'cybersecurity/accounts': stage, 'cybersecurity/incidents': stage });
    for (const [who, stage] of [['a1', 5], ['a2', 3], ['a3', 1]] as const) {
      await api(as[who], 'PUT', `/assessments/${team.id}/answers`, { answers: answering(3, cyber(stage)) });
      const after = await api(as[who], 'POST', `/assessments/${team.id}/submit`);
      expect(after.status).toBe(200);
      expect(after.body.result === null).toBe(who !== 'a3');
    }
    const result = (await api(as.a2, 'GET', `/assessments/${team.id}`)).body.result;
    expect(result.respondents).toBe(3);
    expect(result.dimensions.find((d: { dimension: string }) => d.dimension === 'cybersecurity')).toEqual({ dimension: 'cybersecurity', score: 50, stage: 3, spread: { lowest: 0, highest: 100, range: 100 } });
    expect(await api(as.p1, 'GET', `/assessments/${team.id}`)).toMatchObject({ status: 404 });
    expect((await api(coordinator, 'GET', `/assessments/${team.id}`)).status).toBe(200);
  });
});
