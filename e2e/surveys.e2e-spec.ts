import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization, scheduleGathering } from './support/programme';

describe('feedback surveys', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  let meetingId: string;
  const as: Record<string, string> = {};

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    const organization = await joinOrganization(system, consortiumId, coordinator, 'Volunteer Alberta', 'youth-employment-nonprofit', 'AB');
    for (const who of ['ana', 'ben', 'cleo', 'dan', 'eve', 'fay']) {
      await joinMember(system, consortiumId, coordinator, organization, who, 'nonprofit-staff', `idp|${who}`);
      as[who] = await consortiumToken({ [consortiumId]: ['member'] }, `idp|${who}`);
    }
    meetingId = await scheduleGathering(system, consortiumId, coordinator);
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('asks the programme’s criteria in both languages by default, counts one answer per member and shows results from 5 responses', async () => {
    const survey = await api(coordinator, 'POST', '/surveys', { gatheringId: meetingId, title: { fr: 'Rétroaction — rencontre 1', en: 'Feedback — meeting 1' } });
    expect(survey.status).toBe(201);
    expect(survey.body.questions.map((q: { key: string }) => q.key)).toEqual(['participation', 'perceived-value', 'model-contribution', 'trust-synergy', 'comments']);
    expect(survey.body.questions[1].label).toEqual({ fr: 'Quelle valeur accordez-vous à cette collaboration\u00a0?', en: 'How valuable is this collaboration to you?' });
    const surveyId = survey.body.id;

    const answer = (token: string, answers: Record<string, unknown>) => api(token, 'POST', `/surveys/${surveyId}/responses`, { answers });
    expect(await answer(as.ana, { participation: 5, 'perceived-value': 4, 'model-contribution': 3, 'trust-synergy': 4, comments: 'Très utile, merci à Ana et à Data for Good.' })).toMatchObject({ status: 201 });
    expect(await answer(as.ana, { participation: 1, 'perceived-value': 1, 'model-contribution': 1, 'trust-synergy': 1 })).toMatchObject({ status: 409 });
    expect(await answer(as.ben, { participation: 6, 'perceived-value': 0, 'model-contribution': 2.5, 'trust-synergy': 3, mood: 'great' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'answers.mood' }, { field: 'answers.participation' }, { field: 'answers.perceived-value' }, { field: 'answers.model-contribution' }] },
    });
    expect(await answer(as.ben, { participation: 3, 'perceived-value': 5, 'model-contribution': 2, 'trust-synergy': 4 })).toMatchObject({ status: 201 });

    // Two responses: one person's answers could be read off the results, so none are shown, nor their count.
    const early = await api(coordinator, 'GET', `/surveys/${surveyId}/results`);
    expect(early.body).toMatchObject({ responses: null, suppressed: true, threshold: 5 });
    expect(early.body.questions[0]).toEqual({ key: 'participation', kind: 'scale', criterion: 'participation', label: expect.any(Object), answered: null });
    expect(JSON.stringify(early.body)).not.toMatch(/Très utile|"average"|"distribution"|"comments":/);
    expect((await api(as.cleo, 'GET', `/surveys/${surveyId}`)).body.responses).toBeNull();

    // From five, the results: averages, comments; a count under 5 stays hidden (a question answered by one, the distribution's small cells).
    await answer(as.dan, { participation: 4, 'perceived-value': 5, 'model-contribution': 4, 'trust-synergy': 4 });
    await answer(as.eve, { participation: 4, 'perceived-value': 4, 'model-contribution': 4, 'trust-synergy': 4 });
    await answer(as.fay, { participation: 4, 'perceived-value': 5, 'model-contribution': 4, 'trust-synergy': 4 });
    const results = await api(coordinator, 'GET', `/surveys/${surveyId}/results`);
    expect(results.body).toMatchObject({ responses: 5, suppressed: false });
    expect(results.body.questions[0]).toMatchObject({ key: 'participation', answered: 5, average: 4, distribution: { '1': 0, '2': 0, '3': null, '4': null, '5': null } });
    expect(results.body.questions[1]).toMatchObject({ key: 'perceived-value', average: 4.6 });
    expect(results.body.questions[3]).toMatchObject({ key: 'trust-synergy', average: 4, distribution: { '1': 0, '2': 0, '3': 0, '4': 5, '5': 0 } });
    expect(results.body.questions[4]).toMatchObject({ key: 'comments', answered: null, comments: ['Très utile, merci à Ana et à Data for Good.'] });
    expect((await api(as.cleo, 'GET', `/surveys/${surveyId}/results`)).status).toBe(403);
    expect((await api(as.cleo, 'GET', `/surveys/${surveyId}`)).body.responses).toBe(5);

    const feedback = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.community.feedback.submitted.v1');
      expect(found).toHaveLength(5);
      return found;
    });
    expect(feedback.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(feedback[0].data.scores).toEqual([
      { questionKey: 'participation', criterion: 'participation', score: 5 },
      { questionKey: 'perceived-value', criterion: 'perceived-value', score: 4 },
      { questionKey: 'model-contribution', criterion: 'model-contribution', score: 3 },
      { questionKey: 'trust-synergy', criterion: 'trust-synergy', score: 4 },
    ]);
    // Free text and who answered never leave the service.
    expect(JSON.stringify(feedback)).not.toMatch(/Très utile|memberId|idp\|/);
  });

  it('takes custom questions and refuses bad surveys', async () => {
    const custom = await api(coordinator, 'POST', '/surveys', {
      title: { fr: 'Atelier', en: 'Workshop' },
      questions: [{ key: 'clarity', kind: 'scale', label: { fr: 'Clarté', en: 'Clarity' } }],
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(custom).toMatchObject({ status: 201, body: { gatheringId: null, questions: [{ key: 'clarity', criterion: null }] } });
    expect(await api(coordinator, 'POST', '/surveys', { title: { fr: 'x', en: 'x' }, questions: [{ key: 'a', kind: 'text', label: { fr: 'a', en: 'a' } }] })).toMatchObject({ status: 400, body: { code: 'survey.scale-question-required', errors: [{ code: 'survey.scale-question-required', field: 'questions' }] } });
    expect(await api(coordinator, 'POST', '/surveys', { title: { fr: 'x', en: 'x' }, gatheringId: '3f1e2d3c-4b5a-4697-8877-665544332211' })).toMatchObject({ status: 400, body: { code: 'gathering.unknown', errors: [{ code: 'gathering.unknown', field: 'gatheringId' }] } });
    expect(await api(coordinator, 'POST', '/surveys', { title: { fr: 'x' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'title.en' }] } });
    expect(await api(as.ana, 'POST', '/surveys', { title: { fr: 'x', en: 'x' } })).toMatchObject({ status: 403 });
  });
});
