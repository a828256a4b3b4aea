import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

describe('targets and the readiness journey', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  let organizationId: string;
  let staff: string;
  let outsider: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments'] });
    ({ consortiumId, coordinator } = await createConsortium(system));
    organizationId = await joinOrganization(system, consortiumId, coordinator, 'Woodgreen', 'youth-employment-nonprofit', 'ON');
    const other = await joinOrganization(system, consortiumId, coordinator, 'Other', 'youth-employment-nonprofit', 'ON');
    await joinMember(system, consortiumId, coordinator, organizationId, 'Staff', 'nonprofit-staff', 'idp|journey-staff');
    await joinMember(system, consortiumId, coordinator, other, 'Outsider', 'nonprofit-staff', 'idp|journey-outsider');
    staff = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|journey-staff');
    outsider = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|journey-outsider');
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('assessments', method, `/consortia/${consortiumId}${path}`, { token, body });

  it('aims at the targets set, orders the journey by priority and tracks progress', async () => {
    await expectEventually(async () => expect((await api(staff, 'PUT', `/organizations/${organizationId}/targets`, { targets: { cybersecurity: 3, culture: 3 } })).status).toBe(200));
    expect(await api(staff, 'PUT', `/organizations/${organizationId}/targets`, { targets: { finance: 3 } })).toMatchObject({ status: 400, body: { code: 'request.invalid-fields', errors: [{ code: 'dimension.unknown', field: 'targets.finance' }] } });
    expect(await api(staff, 'PUT', `/organizations/${organizationId}/targets`, { targets: { culture: 6 } })).toMatchObject({ status: 400, body: { errors: [{ field: 'targets.culture' }] } });
    expect(await api(outsider, 'PUT', `/organizations/${organizationId}/targets`, { targets: { culture: 4 } })).toMatchObject({ status: 403 });
    expect((await api(staff, 'GET', `/organizations/${organizationId}/targets`)).body).toEqual({ cybersecurity: 3, culture: 3 });

    // Every answer at stage 3 except cybersecurity at stage 1.
    const assessment = (await api(staff, 'POST', '/assessments', { organizationId })).body;
    const framework = (await api(staff, 'GET', '/framework')).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, d.key === 'cybersecurity' ? 's1' : 's3'])));
    await api(staff, 'PUT', `/assessments/${assessment.id}/answers`, { answers });
    expect((await api(staff, 'POST', `/assessments/${assessment.id}/submit`)).status).toBe(200);

    const journey = (await api(staff, 'GET', `/organizations/${organizationId}/journey`)).body;
    // Cybersecurity 1 → 3 (two steps) comes first; culture is at its target; the six others go one stage up.
    expect(journey.milestones.map((m: any) => `${m.dimension}:${m.fromStage}->${m.toStage}`)).toEqual([
      'cybersecurity:1->2', 'cybersecurity:2->3',
      'data-governance:3->4', 'data-collection:3->4', 'evidence-use:3->4', 'digital-tools:3->4', 'digital-skills:3->4', 'leadership-strategy:3->4',
    ]);
    expect(journey.milestones[0]).toMatchObject({ position: 1, step: { fr: expect.stringContaining('deux facteurs'), en: expect.stringContaining('two-factor') }, resources: [{ url: 'https://www.getcybersafe.gc.ca/' }, { url: 'https://www.cyber.gc.ca/' }] });
    expect(journey.progress).toBe(0);

    const ticked = await api(staff, 'POST', `/organizations/${organizationId}/journey/milestones/${journey.milestones[0].id}/complete`, { note: 'Activée pour toute l’équipe' });
    expect(ticked).toMatchObject({ status: 200, body: { progress: 12.5 } });
    expect(ticked.body.milestones[0]).toMatchObject({ completedAt: expect.any(String), note: 'Activée pour toute l’équipe' });
    expect(await api(staff, 'POST', `/organizations/${organizationId}/journey/milestones/${journey.milestones[0].id}/complete`, {})).toMatchObject({ status: 409 });
    expect(await api(outsider, 'POST', `/organizations/${organizationId}/journey/milestones/${journey.milestones[1].id}/complete`, {})).toMatchObject({ status: 403 });
    expect(await api(outsider, 'GET', `/organizations/${organizationId}/journey`)).toMatchObject({ status: 404 });

    // A due day on a milestone to come: shown with the journey, told on the stream with the step's wording; cleared with null.
    const next = journey.milestones[1].id;
    const due = (dueOn: unknown, token = staff, milestone = next) => api(token, 'PUT', `/organizations/${organizationId}/journey/milestones/${milestone}/due`, { dueOn });
    expect(await due('2027-02-30')).toMatchObject({ status: 400, body: { errors: [{ field: 'dueOn' }] } });
    expect(await due('2027-03-10', outsider)).toMatchObject({ status: 403 });
    expect(await due('2027-03-10', staff, journey.milestones[0].id)).toMatchObject({ status: 409, body: { code: 'milestone.already-completed' } });
    const dated = await due('2027-03-10');
    expect(dated).toMatchObject({ status: 200 });
    expect(dated.body.milestones[1]).toMatchObject({ id: next, dueOn: '2027-03-10' });
    expect((await due(null)).body.milestones[1]).toMatchObject({ id: next, dueOn: null });

    const events = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type.startsWith('ccndr.assessments.'));
      expect(found.map((e) => e.type)).toEqual(expect.arrayContaining(['ccndr.assessments.journey.created.v1', 'ccndr.assessments.journey.milestone-completed.v1']));
      expect(found.filter((e) => e.type === 'ccndr.assessments.journey.milestone-due-set.v1').map((e) => e.data.dueOn)).toEqual(['2027-03-10', null]);
      return found;
    });
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    const gaps = events.find((e) => e.type === 'ccndr.assessments.readiness.gaps-identified.v1').data.gaps;
    expect(gaps[0]).toEqual({ dimension: 'cybersecurity', currentStage: 1, targetStage: 3, priority: 1 });
    expect(gaps.map((g: { dimension: string }) => g.dimension)).not.toContain('culture');
    expect(events.find((e) => e.type === 'ccndr.assessments.journey.milestone-completed.v1').data).toMatchObject({ progress: 12.5, dimension: 'cybersecurity' });
    expect(JSON.stringify(events)).not.toMatch(/Activée/);
    expect(events.find((e) => e.type === 'ccndr.assessments.journey.milestone-due-set.v1').data).toMatchObject({ milestoneId: next, organizationId, dimension: 'cybersecurity', step: journey.milestones[1].step });
  });

  it('renders the result as a printable page in either language, and as JSON', async () => {
    const [assessment] = await system.sql(`SELECT id FROM assessments.assessments WHERE organization_id = $1`, [organizationId]);
    const report = (lang: string, format = 'html', token = staff) =>
      fetch(`${system.service('assessments').url}/consortia/${consortiumId}/assessments/${assessment.id}/report?lang=${lang}&format=${format}`, { headers: { authorization: `Bearer ${token}` } });

    const french = await report('fr');
    expect(french.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await french.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Gouvernance des données et vie privée');
    expect(page).toContain('Établi');
    // The scores drawn by the platform's chart library: an image named by its title and described, its data as a table.
    expect(page).toMatch(/<figure class="chart" id="scores"[^]*<svg[^>]* role="img"[^>]* aria-labelledby="scores-title scores-desc"><title id="scores-title">Score par dimension, de 0 à 100<\/title>/);
    expect(page).toMatch(/<tr><th scope="row">Cybersécurité<\/th><td>[\d,]+<\/td><td>1 — Émergent<\/td>/);
    expect(page).toContain('<details open>');
    expect(page).toContain('https://www.getcybersafe.gc.ca/');
    const english = await (await report('en')).text();
    expect(english).toContain('Data governance and privacy');
    expect(english).not.toContain('Gouvernance des données');

    const json = await (await report('en', 'json')).json();
    expect(json).toMatchObject({ organizationId, overall: { stage: 3 }, journey: { progress: 12.5 } });
    expect(json.dimensions[0].name).toEqual({ fr: 'Gouvernance des données et vie privée', en: 'Data governance and privacy' });
    expect((await report('de')).status).toBe(400);
    expect((await report('fr', 'html', outsider)).status).toBe(404);
  });
});
