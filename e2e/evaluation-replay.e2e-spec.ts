import { spawn } from 'node:child_process';
import { parseEvent } from '@ccndr/contracts';
import { repositoryRoot } from '@ccndr/local-stack';
import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

type Service = 'community' | 'assessments' | 'provider-matching' | 'evaluation';

/**
 * A whole consortium replayed through the public APIs of community, assessments and provider
 * matching; every indicator evaluation derives is checked against values computed by hand (in the
 * comments), and a second consortium run beside it never mixes with the first.
 */
describe('evaluation: every indicator of a replayed consortium, by hand', () => {
  let system: TestSystem;
  /** Every consortium the tests build, for the rebuild to compare. */
  const consortia: { id: string; token: string }[] = [];
  /** Z's member, who attends its meetings. */
  let zMember: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  /** Calls a route and fails loudly unless it succeeds. */
  async function ok(service: Service, token: string, method: string, path: string, body?: unknown): Promise<any> {
    const response = await system.call(service, method, path, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
  /** Retries while another service has not yet learned of what the call depends on. */
  const eventually = (service: Service, token: string, method: string, path: string, body?: unknown) => expectEventually(() => ok(service, token, method, path, body));

  async function indicatorValues(consortiumId: string, token: string): Promise<Record<string, number | null>> {
    const indicators: { key: string; value: number | null }[] = await ok('evaluation', token, 'GET', `/consortia/${consortiumId}/indicators`);
    return Object.fromEntries(indicators.map((i) => [i.key, i.value]));
  }

  it('derives outcomes 1–4 and readiness from what happened, for each consortium apart', async () => {
    const { consortiumId: x, coordinator } = await createConsortium(system, 'Consortium X');
    consortia.push({ id: x, token: coordinator });
    const c = `/consortia/${x}`;
    const org = (name: string, category: string, province: string) => joinOrganization(system, x, coordinator, name, category, province);
    const np1 = await org('Mentor Canada', 'youth-employment-nonprofit', 'QC');
    const np2 = await org('Woodgreen', 'youth-employment-nonprofit', 'ON');
    const np3 = await org('BYTE', 'youth-employment-nonprofit', 'YT');
    const pv1 = await org('Data for Good', 'service-provider', 'ON');
    const pv2 = await org('Technology Helps', 'service-provider', 'BC');
    const ta = await org('Technical advisor 1', 'technical-advisor', 'AB');
    const sa = await org('Imagine Canada', 'sector-advisor', 'ON');
    const om = (await ok('community', coordinator, 'POST', `${c}/organizations`, { name: 'Youthful Cities', category: 'other-member', country: 'US', preferredLanguage: 'en' })).id;

    const people: Record<string, { id: string; token: string }> = {};
    for (const [who, organization, role, tokenRole] of [
      ['a1', np1, 'nonprofit-staff', 'member'], ['a2', np1, 'nonprofit-staff', 'member'], ['a3', np1, 'nonprofit-staff', 'member'],
      ['b1', np2, 'nonprofit-staff', 'member'], ['c1', np3, 'nonprofit-staff', 'member'],
      ['p1', pv1, 'provider-staff', 'provider'], ['q1', pv2, 'provider-staff', 'provider'],
      ['t1', ta, 'technical-advisor', 'advisor'], ['s1', sa, 'sector-advisor', 'advisor'], ['o1', om, 'observer', 'member'],
    ] as const) {
      const id = await joinMember(system, x, coordinator, organization, who, role, `idp|x-${who}`);
      people[who] = { id, token: await consortiumToken({ [x]: [tokenRole] }, `idp|x-${who}`) };
    }
    const ids = (...who: string[]) => who.map((w) => people[w].id);

    // Self-identification before the first meeting: five consenting attendees share an age band and an identity group.
    for (const who of ['a1', 'a2', 'a3', 'b1', 'p1']) await ok('community', people[who].token, 'PUT', `${c}/self-identification`, { consent: true, ageBand: '25-29', identityGroups: ['black'] });

    const gathering = async (kind: string, startsAt: string) => (await ok('community', coordinator, 'POST', `${c}/gatherings`, { kind, title: kind, startsAt, alreadyHeld: true })).id;
    const m1 = await gathering('consortium-meeting', '2026-03-10T17:00:00.000Z');
    const w1 = await gathering('workshop', '2026-04-10T17:00:00.000Z');
    const m2 = await gathering('consortium-meeting', '2026-06-10T17:00:00.000Z');
    const register = (g: string, who: string, response: string) => ok('community', coordinator, 'POST', `${c}/gatherings/${g}/registrations`, { memberId: people[who].id, response });
    for (const who of ['a1', 'b1', 'p1', 'o1', 't1']) await register(m2, who, 'going');
    await register(m2, 'a2', 'maybe');
    for (const who of ['a2', 'b1']) await register(w1, who, 'going');
    const attend = (g: string, ...who: string[]) => ok('community', coordinator, 'POST', `${c}/gatherings/${g}/attendance`, { memberIds: ids(...who) });
    await attend(m1, 'a1', 'a2', 'a3', 'b1', 'p1', 't1');
    await attend(w1, 'a2', 'b1', 't1');
    await attend(m2, 'a1', 'b1', 'o1', 'a3');

    const survey = (await ok('community', coordinator, 'POST', `${c}/surveys`, { gatheringId: m1, title: { fr: 'Rétroaction', en: 'Feedback' } })).id;
    await ok('community', people.a1.token, 'POST', `${c}/surveys/${survey}/responses`, { answers: { participation: 5, 'perceived-value': 4, 'model-contribution': 3, 'trust-synergy': 4 } });
    await ok('community', people.b1.token, 'POST', `${c}/surveys/${survey}/responses`, { answers: { participation: 3, 'perceived-value': 5, 'model-contribution': 2, 'trust-synergy': 2 } });

    const c1 = (await ok('community', coordinator, 'POST', `${c}/circles`, { name: 'Prototype 1', prototype: 1 })).id;
    const c2 = (await ok('community', coordinator, 'POST', `${c}/circles`, { name: 'Prototype 2', prototype: 2 })).id;
    for (const who of ['a1', 'a2', 'p1']) await ok('community', coordinator, 'POST', `${c}/circles/${c1}/members`, { memberId: people[who].id });
    for (const who of ['b1', 't1']) await ok('community', coordinator, 'POST', `${c}/circles/${c2}/members`, { memberId: people[who].id });
    await ok('community', coordinator, 'DELETE', `${c}/circles/${c2}/members/${people.t1.id}`);

    const thread = (await ok('community', people.a1.token, 'POST', `${c}/threads`, { title: 'CRM', body: 'Quel outil ?', language: 'fr' })).id;
    await ok('community', people.p1.token, 'POST', `${c}/threads/${thread}/replies`, { body: 'Un outil libre.', language: 'fr' });
    await ok('community', people.p1.token, 'POST', `${c}/resources`, { title: 'Guide', url: 'https://example.org/guide', language: 'fr' });
    await ok('community', people.b1.token, 'POST', `${c}/knowledge/${thread}/reactions`, { reaction: 'helpful' });

    const model = async (title: string) => (await ok('community', people.a1.token, 'POST', `${c}/collaboration-models`, { circleId: c1, title, description: title })).id;
    const modelA = await model('Paiement en deux temps');
    const modelB = await model('Bassin de fournisseurs');
    await ok('community', coordinator, 'PUT', `${c}/collaboration-models/${modelA}/experts`, { memberIds: ids('s1') });
    const review = (who: string, m: string, scores: Record<string, number>) => ok('community', people[who].token, 'POST', `${c}/collaboration-models/${m}/reviews`, { scores });
    await review('a2', modelA, { feasibility: 4, effectiveness: 4, scalability: 3 });
    await review('b1', modelA, { feasibility: 2, effectiveness: 4, scalability: 5 });
    await review('s1', modelA, { impact: 5, viability: 4, relevance: 5 });
    await review('a2', modelB, { feasibility: 3, effectiveness: 3, scalability: 3 });
    await ok('community', coordinator, 'PUT', `${c}/collaboration-models/${modelA}/viability`, { scalability: true, efficientUseOfResources: true, sustainability: true });
    await ok('community', coordinator, 'PUT', `${c}/collaboration-models/${modelB}/viability`, { scalability: true, efficientUseOfResources: false, sustainability: false });

    // Readiness: BYTE completes an assessment (stage 3 everywhere, stage 1 in cybersecurity) and ticks one milestone.
    const assessment = await eventually('assessments', people.c1.token, 'POST', `${c}/assessments`, { organizationId: np3 });
    const framework = await ok('assessments', people.c1.token, 'GET', `${c}/framework`);
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, d.key === 'cybersecurity' ? 's1' : 's3'])));
    await ok('assessments', people.c1.token, 'PUT', `${c}/assessments/${assessment.id}/answers`, { answers });
    await ok('assessments', people.c1.token, 'POST', `${c}/assessments/${assessment.id}/submit`);
    const journey = await ok('assessments', people.c1.token, 'GET', `${c}/organizations/${np3}/journey`);
    await ok('assessments', people.c1.token, 'POST', `${c}/organizations/${np3}/journey/milestones/${journey.milestones[0].id}/complete`, {});

    // Provider matching: Woodgreen's need is accepted by Technology Helps; partnerships and collaboration.
    const profile = { offerings: [{ title: 'Culture', dimensions: ['culture'], stages: [1, 2, 3] }], languages: ['fr', 'en'], remote: true, costModel: { kind: 'free' }, capacity: 2, responseTimeDays: 5 };
    await eventually('provider-matching', coordinator, 'PUT', `${c}/providers/${pv2}`, profile);
    const need = await eventually('provider-matching', people.b1.token, 'POST', `${c}/needs`, { organizationId: np2, dimension: 'culture', description: 'Culture des données', language: 'en', staffHoursPerWeek: 2 });
    const engagement = await ok('provider-matching', people.b1.token, 'POST', `${c}/engagements`, { needId: need.id, providerId: pv2 });
    await ok('provider-matching', people.q1.token, 'POST', `${c}/engagements/${engagement.id}/accept`);
    const partnership = async (organizationIds: string[]) => (await ok('provider-matching', coordinator, 'POST', `${c}/partnerships`, { organizationIds, title: 'Partenariat' })).id;
    const confirmed = await partnership([np1, pv1]);
    const negotiating = await partnership([np2, pv2]);
    const abandoned = await partnership([om, np1]);
    await ok('provider-matching', coordinator, 'POST', `${c}/partnerships/${confirmed}/confirm`);
    await ok('provider-matching', coordinator, 'POST', `${c}/partnerships/${negotiating}/negotiate`);
    await ok('provider-matching', coordinator, 'POST', `${c}/partnerships/${abandoned}/end`);
    await ok('provider-matching', coordinator, 'POST', `${c}/partnerships/${confirmed}/records`, { kind: 'joint-initiative', occurredOn: '2026-09-15', summary: 'Atelier' });
    await ok('provider-matching', coordinator, 'POST', `${c}/partnerships/${confirmed}/records`, { kind: 'communication', occurredOn: '2026-11-02', summary: 'Appel' });

    // A second consortium alongside: one organisation, one meeting with one participant.
    const { consortiumId: y, coordinator: coordinatorY } = await createConsortium(system, 'Consortium Y');
    consortia.push({ id: y, token: coordinatorY });
    const lone = await joinOrganization(system, y, coordinatorY, 'Skills for Change', 'youth-employment-nonprofit', 'ON');
    const loneMember = await joinMember(system, y, coordinatorY, lone, 'y1');
    const meetingY = (await ok('community', coordinatorY, 'POST', `/consortia/${y}/gatherings`, { kind: 'consortium-meeting', title: 'Y', startsAt: '2026-05-01T17:00:00.000Z', alreadyHeld: true })).id;
    await ok('community', coordinatorY, 'POST', `/consortia/${y}/gatherings/${meetingY}/attendance`, { memberIds: [loneMember] });

    const dimensions = framework.dimensions.map((d: { key: string }) => d.key);
    const expected: Record<string, number | null> = {
      // np1, np2 (attendance), np3 (assessment) · pv1 (attendance), pv2 (accepted engagement) · ta (attendance) · sa reviewed only · om (attendance)
      'o1.active-organizations.youth-employment-nonprofit': 3,
      'o1.active-organizations.service-provider': 2,
      'o1.active-organizations.technical-advisor': 1,
      'o1.active-organizations.sector-advisor': 0,
      'o1.active-organizations.other-member': 1,
      'o1.meeting-participants': 10, // 6 at the first meeting + 4 at the second; the workshop does not count
      // Two organisations answered the survey: their averages are not shown under 5 organisations.
      'o1.feedback.participation': null,
      'o1.feedback.perceived-value': null,
      'o1.feedback.model-contribution': null,
      'o2.attendance-rate': 71.4, // (3 of 5 going at the second meeting + 2 of 2 at the workshop) / 7
      'o2.attendance-rate.reminded': null, // no reminder sent: the system has no mail server
      'o2.attendance-rate.not-reminded': 71.4, // the same seven registrations
      'o2.codesign-organizations.prototype-1': 2, // Mentor Canada (two members) and Data for Good in circle 1
      'o2.codesign-organizations.prototype-2': 2, // Woodgreen and the technical advisor in circle 2: the advisor left, and still counts for the time they were active
      'o2.codesign-organizations.prototype-3': 0,
      'o2.representation.provinces-and-territories': 3, // QC, ON, AB among attending organisations (Youthful Cities gives none)
      'o2.representation.countries': 2, // CA, US
      'o2.representation.expertise': 4, // nonprofit staff, provider staff, a technical advisor, an observer attended
      'o2.representation.age-bands': 1, // 25–29 at the first meeting; the other gatherings have fewer than 5 self-identified
      'o2.representation.identity-groups': 1,
      'o2.knowledge-sharing.interactions': 4, // thread, reply, resource, reaction
      'o2.knowledge-sharing.cross-organization': 2, // the provider's reply and Woodgreen's reaction
      'o2.knowledge-sharing.resources': 1,
      'o3.models-proposed': 2,
      'o3.stakeholder-rating.feasibility': 3, // (4 + 2 + 3) / 3
      'o3.stakeholder-rating.effectiveness': 3.7, // (4 + 4 + 3) / 3
      'o3.stakeholder-rating.scalability': 3.7, // (3 + 5 + 3) / 3
      'o3.expert-rating.impact': 5,
      'o3.expert-rating.viability': 4,
      'o3.expert-rating.relevance': 5,
      'o3.viability-criteria-met': 1,
      'o3.rater-agreement': 0.33, // model A by two stakeholders: feasibility 4/2 → 0, effectiveness 4/4 → 1, scalability 3/5 → 0
      'o4.partnerships.confirmed': 1,
      'o4.partnerships.in-negotiation': 1,
      'o4.collaboration-intensity': 0.7, // 2 records over September to November
      'o4.perception.trust-synergy': null, // two organisations
      'readiness.assessments-completed': 1,
      // One organisation's own scores: not shown under 5 organisations.
      ...Object.fromEntries(dimensions.map((d: string) => [`readiness.maturity.${d}`, null])),
      'readiness.journey-progress': null,
    };
    await expectEventually(async () => expect(await indicatorValues(x, coordinator)).toEqual(expected), { timeoutMs: 30_000 });

    const meetings = await ok('evaluation', coordinator, 'GET', `/consortia/${x}/indicators/o1.meeting-participants`);
    expect(meetings).toMatchObject({
      status: 'not-met',
      target: { comparison: 'more-than', value: 60 },
      breakdown: { uniqueParticipants: 7, meetings: [{ gatheringId: m1, participants: 6 }, { gatheringId: m2, participants: 4 }] },
    });
    const codesign = (prototype: number) => ok('evaluation', coordinator, 'GET', `/consortia/${x}/indicators/o2.codesign-organizations.prototype-${prototype}`);
    // Working groups of 3 and 2 members: their counts are not shown under 5.
    expect(await codesign(1)).toMatchObject({ target: { comparison: 'between', value: 5, max: 10 }, status: 'not-met', breakdown: { circles: [{ circleId: c1, members: null, organizations: null, membersNow: null, organizationsNow: null }] } });
    expect(await codesign(2)).toMatchObject({ status: 'not-met', breakdown: { circles: [{ circleId: c2, members: null, organizations: null, membersNow: null, organizationsNow: null }] } });
    expect(await ok('evaluation', coordinator, 'GET', `/consortia/${x}/indicators/o1.feedback.participation`)).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null, organizations: null } });
    const ages = await ok('evaluation', coordinator, 'GET', `/consortia/${x}/indicators/o2.representation.age-bands`);
    expect(ages.breakdown.gatherings.find((g: { gatheringId: string }) => g.gatheringId === m1).groups).toMatchObject({ '25-29': 5, '30-39': 0 });
    expect(ages.breakdown.gatherings.find((g: { gatheringId: string }) => g.gatheringId === m2).groups['25-29']).toBeNull();
    expect((await ok('evaluation', coordinator, 'GET', `/consortia/${x}/indicators?outcome=3`)).map((i: { key: string }) => i.key)).toContain('o3.rater-agreement');
    const report = (lang: string, format = 'markdown') => system.call('evaluation', 'GET', `/consortia/${x}/report?lang=${lang}&format=${format}`, { token: coordinator });
    const french = (await report('fr')).body;
    expect(french).toContain('## 1er résultat');
    expect(french).toContain('- **Cible\u00a0:** plus de 60 participant·e·s aux rencontres du Consortium');
    expect(french).toContain('- **Résultat\u00a0:** cible non atteinte\u00a0: 10 participant·e·s aux rencontres du Consortium');
    expect(french).toContain('  - 1re rencontre du Consortium (10 mars 2026)\u00a0: 6 participant·e·s');
    expect(french).toContain('  - Prototype 1 — membres actifs\u00a0: <5 · organismes\u00a0: <5');
    expect(french).toContain('  - Prototype 2 — membres actifs\u00a0: <5 · organismes\u00a0: <5\n');
    expect(french).toContain('- **Résultat\u00a0:** confirmés\u00a0: 1 · en cours de négociation\u00a0: 1');
    expect(french).toContain('  - septembre 2026\u00a0: 1');
    expect(french).toContain('  - Cybersécurité\u00a0: non affichée (moins de 5 organismes)');
    const english = (await report('en')).body;
    expect(english).toContain('- **Result:** target not met: 10 participants in consortium meetings');
    expect(english).toContain('  - 1st consortium meeting (March 10, 2026): 6 participants');
    expect(english).toContain('- **Result:** feasibility 3 out of 5 (n = 3 ratings) · effectiveness 3.7 out of 5 (n = 3 ratings) · scalability 3.7 out of 5 (n = 3 ratings)');
    // Survey figures: one response each from organisations A and B, neither the average nor n shown.
    expect(english).toContain('participation not shown (fewer than 5 organisations) (n = <5 responses, <5 organisations)');
    expect(french).toContain('participation non affichée (moins de 5 organismes) (n = <5 réponses, <5 organismes)');
    const html = await report('fr', 'html');
    expect(html.body).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html.body).toContain('<span class="status not-met">cible non atteinte</span>');
    // The report's charts, each with its data table: participants per meeting, organisations per category, the partnership funnel.
    expect(html.body).toContain('<tr><th scope="row">10 mars 2026</th><td>6</td></tr>');
    for (const id of ['report-categories', 'report-meetings', 'report-funnel']) expect(html.body).toContain(`<figure class="chart" id="${id}"`);
    expect(html.body).toContain('<tr><th scope="row">Confirmés</th><td>1</td></tr>');
    expect((await report('de')).status).toBe(400);
    expect((await system.call('evaluation', 'GET', `/consortia/${x}/indicators/o9.unknown`, { token: coordinator })).status).toBe(404);
    expect((await system.call('evaluation', 'GET', `/consortia/${x}/indicators?outcome=7`, { token: coordinator })).status).toBe(400);

    await expectEventually(async () => expect(await indicatorValues(y, coordinatorY)).toMatchObject({
      'o1.meeting-participants': 1,
      'o1.active-organizations.youth-employment-nonprofit': 1,
      'o1.active-organizations.service-provider': 0,
      'o2.codesign-organizations.prototype-1': 0,
      'o3.models-proposed': 0,
      'o4.partnerships.confirmed': 0,
      'readiness.assessments-completed': 0,
      'o1.feedback.participation': null,
    }));
    expect(await indicatorValues(x, coordinator)).toEqual(expected);
  });

  it('lets a coordinator set the consortium’s own target, on the record, and go back to the default', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium Z');
    consortia.push({ id: consortiumId, token: coordinator });
    const organization = await joinOrganization(system, consortiumId, coordinator, 'S-Can', 'youth-employment-nonprofit', 'ON');
    const member = await joinMember(system, consortiumId, coordinator, organization, 'z1', 'nonprofit-staff', 'idp|z1');
    zMember = member;
    const meeting = (await ok('community', coordinator, 'POST', `/consortia/${consortiumId}/gatherings`, { kind: 'consortium-meeting', title: 'Z', startsAt: '2026-05-01T17:00:00.000Z', alreadyHeld: true })).id;
    await ok('community', coordinator, 'POST', `/consortia/${consortiumId}/gatherings/${meeting}/attendance`, { memberIds: [member] });
    const path = `/consortia/${consortiumId}/indicators/o1.meeting-participants`;
    await expectEventually(async () => expect(await ok('evaluation', coordinator, 'GET', path)).toMatchObject({ value: 1, target: { value: 60 }, status: 'not-met' }));

    const put = (body: unknown, token = coordinator, key = 'o1.meeting-participants') => system.call('evaluation', 'PUT', `/consortia/${consortiumId}/indicators/${key}/target`, { token, body });
    expect(await put({ comparison: 'more-than', value: -1 })).toMatchObject({ status: 400, body: { errors: [{ field: 'value' }] } });
    expect(await put({ comparison: 'more-than', value: 'ten' })).toMatchObject({ status: 400, body: { errors: [{ field: 'value' }] } });
    expect(await put({ comparison: 'between', value: 5 })).toMatchObject({ status: 400, body: { errors: [{ field: 'max' }] } });
    expect(await put({ value: 1 }, coordinator, 'o9.unknown')).toMatchObject({ status: 404 });
    expect(await put({ value: 1 }, await consortiumToken({ [consortiumId]: ['member'] }, 'idp|z1'))).toMatchObject({ status: 403 });

    expect(await put({ comparison: 'at-least', value: 1 })).toMatchObject({ status: 200, body: { value: 1, target: { comparison: 'at-least', value: 1 }, status: 'met' } });
    const changed = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.evaluation.target.changed.v1' && e.consortiumid === consortiumId);
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parseEvent(changed)).toMatchObject({ ok: true });
    expect(changed.data).toMatchObject({ indicatorKey: 'o1.meeting-participants', target: { comparison: 'at-least', value: 1, max: null } });

    // A dated target not yet met is on track while the value keeps pace with the time elapsed.
    expect(await put({ comparison: 'at-least', value: 10, dueOn: '2099-12-31' })).toMatchObject({ status: 200, body: { target: { value: 10, dueOn: '2099-12-31' }, status: 'on-track' } });
    expect(await put({ comparison: 'at-least', value: 10, dueOn: '2020-01-01' })).toMatchObject({ status: 200, body: { status: 'not-met' } });
    expect(await put({ comparison: 'at-least', value: 10, dueOn: 'soon' })).toMatchObject({ status: 400, body: { errors: [{ field: 'dueOn' }] } });
    expect(await put({ comparison: 'at-least', value: 1 })).toMatchObject({ status: 200, body: { status: 'met' } });

    // The consortium's target survives new events; deleting it restores the programme's.
    const second = (await ok('community', coordinator, 'POST', `/consortia/${consortiumId}/gatherings`, { kind: 'consortium-meeting', title: 'Z2', startsAt: '2026-06-01T17:00:00.000Z', alreadyHeld: true })).id;
    await ok('community', coordinator, 'POST', `/consortia/${consortiumId}/gatherings/${second}/attendance`, { memberIds: [member] });
    await expectEventually(async () => expect(await ok('evaluation', coordinator, 'GET', path)).toMatchObject({ value: 2, target: { value: 1 }, status: 'met' }));
    expect(await system.call('evaluation', 'DELETE', `/consortia/${consortiumId}/indicators/o1.meeting-participants/target`, { token: coordinator })).toMatchObject({
      status: 200,
      body: { value: 2, target: { comparison: 'more-than', value: 60 }, status: 'not-met' },
    });
  });

  /** The period Z closes, for the rebuild to find again. */
  let closedPeriod: { path: string; token: string; view?: unknown } | undefined;

  it('computes a period, a day and a series on read, and closes a period whose figures stay as they were, beside a restatement', async () => {
    const { id: consortiumId, token: coordinator } = consortia[2];
    const participants = (view: { indicators: { key: string; value: number | null }[] }) => view.indicators.find((i) => i.key === 'o1.meeting-participants')!.value;
    const inPeriod = (query: string) => ok('evaluation', coordinator, 'GET', `/consortia/${consortiumId}/indicators?${query}`);
    // Z's meetings: 1 May and 1 June, one participant each.
    expect(participants(await inPeriod('from=2026-05-01&to=2026-06-01'))).toBe(1);
    expect(participants(await inPeriod('asOf=2026-06-01'))).toBe(2);
    const series = await ok('evaluation', coordinator, 'GET', `/consortia/${consortiumId}/indicators/o1.meeting-participants/series?from=2026-04-01&to=2026-07-01`);
    expect(series.months.map((m: { month: string; value: number }) => [m.month, m.value])).toEqual([['2026-04', 0], ['2026-05', 1], ['2026-06', 1]]);
    const refused = await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators?from=2026-06-01&to=2026-05-01`, { token: coordinator, headers: { 'Accept-Language': 'fr' } });
    expect(refused).toMatchObject({ status: 400, body: { code: 'request.invalid-fields', title: 'Certaines informations fournies ne sont pas valides.', errors: [{ field: 'to', code: 'field.end-before-start', detail: 'doit venir après from' }] } });
    // The live rows are untouched by the reads.
    expect(await ok('evaluation', coordinator, 'GET', `/consortia/${consortiumId}/indicators/o1.meeting-participants`)).toMatchObject({ value: 2 });

    const periods = `/consortia/${consortiumId}/periods`;
    const close = (body: unknown, token = coordinator) => system.call('evaluation', 'POST', periods, { token, body });
    expect((await close({ from: '2026-05-01', to: '2026-06-01' }, await consortiumToken({ [consortiumId]: ['member'] }, 'idp|z1'))).status).toBe(403);
    expect(await close({ from: '2026-05-01', to: '2199-01-01' })).toMatchObject({ status: 400, body: { errors: [{ field: 'to', code: 'field.must-not-be-in-future' }] } });
    const closed = await close({ from: '2026-05-01', to: '2026-06-01' });
    expect(closed).toMatchObject({ status: 201, body: { from: '2026-05-01', to: '2026-06-01', restated: null } });
    expect(participants(closed.body)).toBe(1);
    expect(await close({ from: '2026-05-15', to: '2026-06-15' })).toMatchObject({ status: 409, body: { code: 'period.overlaps' } });
    const event = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.evaluation.period.closed.v1' && e.consortiumid === consortiumId);
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parseEvent(event)).toMatchObject({ ok: true });
    expect(event.data).toMatchObject({ periodId: closed.body.id, from: '2026-05-01', to: '2026-06-01' });

    // A meeting of 20 May recorded late: the period computed now counts it, the closed period does not.
    const late = (await ok('community', coordinator, 'POST', `/consortia/${consortiumId}/gatherings`, { kind: 'consortium-meeting', title: 'Z late', startsAt: '2026-05-20T17:00:00.000Z', alreadyHeld: true })).id;
    await ok('community', coordinator, 'POST', `/consortia/${consortiumId}/gatherings/${late}/attendance`, { memberIds: [zMember] });
    await expectEventually(async () => expect(participants(await inPeriod('from=2026-05-01&to=2026-06-01'))).toBe(2));
    const path = `${periods}/${closed.body.id}`;
    expect(participants(await ok('evaluation', coordinator, 'GET', path))).toBe(1);

    const restated = await ok('evaluation', coordinator, 'POST', `${path}/restatements`, { reason: 'late-records' });
    expect(participants(restated)).toBe(1);
    expect(restated.restated).toMatchObject({ reason: 'late-records', reasonLabel: { fr: 'Données reçues en retard', en: 'Records that came in late' } });
    expect(participants(restated.restated)).toBe(2);
    expect(await system.call('evaluation', 'POST', `${path}/restatements`, { token: coordinator, body: { reason: 'because' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    expect(await ok('evaluation', coordinator, 'GET', periods)).toMatchObject([{ id: closed.body.id, restatements: [{ reason: 'late-records' }] }]);
    closedPeriod = { path, token: coordinator, view: await ok('evaluation', coordinator, 'GET', path) };
  });

  it('rebuilds every projection from the stream with the operator command; the indicators come out equal and stay live', async () => {
    expect(consortia).toHaveLength(3);
    const snapshot = () =>
      Promise.all(consortia.map(async ({ id, token }) => (await ok('evaluation', token, 'GET', `/consortia/${id}/indicators`)).map(({ updatedAt: _updatedAt, lastEventId: _lastEventId, ...rest }: any) => rest)));
    const before = await snapshot();

    const run = spawn('npm', ['run', '--silent', 'operator', '--', 'rebuild', system.service('evaluation').url], {
      cwd: repositoryRoot,
      env: { ...process.env, OPERATOR_TOKEN: await adminToken() },
    });
    let output = '';
    run.stdout.on('data', (chunk) => (output += chunk));
    run.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => run.once('close', resolve));
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining("rebuild started") });
    expect(output).toMatch(/^done · \d+ events applied · stream sequence \d+$/m);

    expect(await snapshot()).toEqual(before);
    // The closed period and its restatement, restored from their events.
    expect(await ok('evaluation', closedPeriod!.token, 'GET', closedPeriod!.path)).toEqual(closedPeriod!.view);
    expect(await system.sql(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'evaluation\\_%'`)).toEqual([]);
    expect((await system.call('evaluation', 'GET', '/admin/rebuild', { token: consortia[0].token })).status).toBe(403);

    // Still live after the switch: a new attendance in Z is counted.
    const z = consortia[2];
    const organization = await joinOrganization(system, z.id, z.token, 'Réseau Herr', 'youth-employment-nonprofit', 'QC');
    const member = await joinMember(system, z.id, z.token, organization, 'z2');
    const meeting = (await ok('community', z.token, 'POST', `/consortia/${z.id}/gatherings`, { kind: 'consortium-meeting', title: 'Z3', startsAt: '2026-07-01T17:00:00.000Z', alreadyHeld: true })).id;
    await ok('community', z.token, 'POST', `/consortia/${z.id}/gatherings/${meeting}/attendance`, { memberIds: [member] });
    await expectEventually(async () => expect(await ok('evaluation', z.token, 'GET', `/consortia/${z.id}/indicators/o1.meeting-participants`)).toMatchObject({ value: 4, target: { value: 60 } }));
  });
});
