import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

interface Framework {
  version: string;
  dimensions: { key: string; name: { fr: string; en: string }; questions: { key: string; text: { fr: string; en: string }; options: { key: string }[] }[] }[];
}

/** What the page shows as text: its markup's entities read back (the portal escapes & < > " '). */
const decoded = (page: string) =>
  page.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * A self-assessment is answered in the framework version it was started with: a platform admin
 * publishes a new version and the consortium adopts it while the assessment is in progress, and
 * the portal's steps, check page and result still show the first version's questions and names,
 * and the answers given to them are accepted and submitted; the maturity profile and journey drawn
 * from it keep that version's names.
 */
describe('portal: an assessment in progress keeps its framework version when the consortium adopts a new one', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'portal'] });
  });
  afterAll(() => system?.stop());

  it('shows the steps, the check page and the result in the version the assessment started with, and submits it', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des versions');
    const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Woodgreen', 'youth-employment-nonprofit', 'ON');
    await joinMember(system, consortiumId, coordinator, nonprofit, 'Nadia', 'nonprofit-staff', 'idp|versions-nadia');
    const member = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|versions-nadia');
    const api = (token: string, method: string, path: string, body?: unknown) => system.call('assessments', method, path, { token, body });

    // Nadia's assessment starts in the version the consortium uses now.
    const assessment = await expectEventually(async () => {
      const started = await api(member, 'POST', `/consortia/${consortiumId}/assessments`, { organizationId: nonprofit });
      expect(started.status).toBe(201);
      return started.body.id as string;
    });
    const original: Framework = (await api(member, 'GET', `/consortia/${consortiumId}/framework`)).body;
    expect((await api(member, 'GET', `/consortia/${consortiumId}/assessments/${assessment}`)).body.frameworkVersion).toBe(original.version);
    expect((await api(member, 'GET', `/frameworks/${original.version}`)).body).toEqual(original);
    expect((await api(member, 'GET', '/frameworks/2099.1')).status).toBe(404);

    // A new version: every question reworded, the first dimension renamed, its first question under a new key.
    const next: Framework = structuredClone(original);
    next.version = '2026.9';
    for (const d of next.dimensions) for (const q of d.questions) q.text = { fr: `Nouvelle formulation : ${q.text.fr}`, en: `New wording: ${q.text.en}` };
    next.dimensions[0].name = { fr: 'Dimension renommée', en: 'Renamed dimension' };
    next.dimensions[0].questions[0].key = 'reworded-question';
    const admin = await adminToken();
    expect((await api(admin, 'POST', '/frameworks', { framework: next })).status).toBe(201);
    expect((await api(coordinator, 'PUT', `/consortia/${consortiumId}/framework`, { version: next.version })).status).toBe(200);
    expect((await api(member, 'GET', `/consortia/${consortiumId}/framework`)).body.version).toBe(next.version);

    // Nadia signs in to the portal (its development sign-in).
    const portal = system.service('portal').url;
    const signedIn = await fetch(`${portal}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ person: JSON.stringify([consortiumId, 'member', 'idp|versions-nadia', 'Nadia']), return: '/' }),
      redirect: 'manual',
    });
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('ccndr_session='))!.split(';')[0];
    const base = `${portal}/c/${consortiumId}/assessments/${assessment}`;
    const get = async (url: string) => {
      const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      return { status: response.status, page: decoded(await response.text()) };
    };
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec((await get(base)).page)![1];
    const post = async (url: string, fields: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ csrf, ...fields }), redirect: 'manual' });

    // Each step shows the first version's questions, in each language, and saves the answers to them.
    for (const [i, d] of original.dimensions.entries()) {
      for (const lang of ['fr', 'en'] as const) {
        const { status, page } = await get(`${base}/steps/${i + 1}?lang=${lang}`);
        expect(status).toBe(200);
        expect(page).toContain(`<h1>${d.name[lang]}</h1>`);
        for (const q of d.questions) {
          expect(page).toContain(`<legend>${q.text[lang]}</legend>`);
          expect(page).toContain(`name="${d.key}/${q.key}"`);
        }
        expect(page).not.toMatch(/Nouvelle formulation|New wording|Dimension renommée|Renamed dimension|reworded-question/);
      }
      const answers = Object.fromEntries(d.questions.map((q) => [`${d.key}/${q.key}`, q.options[1].key]));
      const saved = await post(`${base}/steps/${i + 1}?lang=fr`, { ...answers, action: 'next' });
      expect({ step: i + 1, status: saved.status }).toEqual({ step: i + 1, status: 303 });
    }

    // The check page lists every question of the first version, each answered.
    for (const lang of ['fr', 'en'] as const) {
      const { status, page } = await get(`${base}/check?lang=${lang}`);
      expect(status).toBe(200);
      for (const d of original.dimensions) for (const q of d.questions) expect(page).toContain(`>${q.text[lang]}</dt>`);
      expect(page).not.toMatch(/Nouvelle formulation|New wording|Dimension renommée|Renamed dimension/);
      expect(page).not.toContain(lang === 'fr' ? 'Sans réponse' : 'Not answered');
    }

    // Submitted, the assessment is complete in its version; the result names the first version's dimensions.
    const submitted = await post(`${base}/submit?lang=fr`, {});
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`/c/${consortiumId}/assessments/${assessment}?done=submitted`);
    const completed = (await api(member, 'GET', `/consortia/${consortiumId}/assessments/${assessment}`)).body;
    expect(completed).toMatchObject({ frameworkVersion: original.version, completedAt: expect.any(String) });
    const result = await get(`${base}?lang=fr`);
    expect(result.page).toContain('<h1>Résultat</h1>');
    expect(result.page).toContain(original.dimensions[0].name.fr);
    expect(result.page).not.toContain('Dimension renommée');

    // The maturity profile and the journey drawn from it name the dimensions as that version does, not as the consortium's current one.
    for (const path of ['organization/profile', 'organization/journey']) {
      for (const lang of ['fr', 'en'] as const) {
        const { status, page } = await get(`${portal}/c/${consortiumId}/${path}?lang=${lang}`);
        expect({ path, lang, status }).toEqual({ path, lang, status: 200 });
        expect(page).toContain(original.dimensions[0].name[lang]);
        expect(page).not.toMatch(/Dimension renommée|Renamed dimension/);
      }
    }

    // On the journey page, the day a milestone is planned for is saved and shown again; a day that does not exist is refused in words.
    const [milestone] = (await api(member, 'GET', `/consortia/${consortiumId}/organizations/${nonprofit}/journey`)).body.milestones;
    const dueForm = `${portal}/c/${consortiumId}/organization/journey/${milestone.id}/due`;
    const saved = await post(`${dueForm}?lang=fr`, { dueOn: '2027-03-10' });
    expect({ status: saved.status, location: saved.headers.get('location') }).toEqual({ status: 303, location: `/c/${consortiumId}/organization/journey?done=due` });
    const shown = await get(`${portal}/c/${consortiumId}/organization/journey?done=due&lang=fr`);
    expect(shown.page).toContain('Date enregistrée');
    expect(shown.page).toContain(`id="due-${milestone.id}" name="dueOn" value="2027-03-10"`);
    const refused = await fetch(`${dueForm}?lang=en`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ csrf, dueOn: '2027-02-30' }) });
    const refusedPage = await refused.text();
    expect(refused.status).toBe(400);
    expect(refusedPage).toContain('There is a problem');
    expect(refusedPage).toContain(`href="#due-${milestone.id}"`);
    expect(refusedPage).toContain(`id="due-${milestone.id}" name="dueOn" value="2027-03-10" aria-invalid="true"`);
  });
});
