import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { journeyTimeoutMs, launchChromium, leaksOf } from './support/browser';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

type Lang = 'fr' | 'en';

/**
 * The portal's forms, from the list kept beside its controllers (services/portal/src/pages/form-routes.ts,
 * whose unit spec checks it against the controllers' POST routes), read as text as the portal is no package.
 */
const formRoutes = [...readFileSync(join(__dirname, '../services/portal/src/pages/form-routes.ts'), 'utf8').matchAll(/^\s*'(\/[^']*)',$/gm)].map((m) => m[1]);
type Role = 'coordinator' | 'member' | 'provider';
type Fields = Record<string, string | string[]>;

/** One invalid post to a form: who posts, where, what, and what the page that comes back keeps of it. */
interface Refusal {
  as: Role | 'nobody';
  path: string;
  fields: Fields;
  /** The form's encoding: `multipart` for forms that take a file. */
  multipart?: boolean;
  /** Leave the session's form token out (a stale form). */
  withoutToken?: boolean;
  /** The statuses the page may answer with: a form's refusal is 400 or 422, with the error summary. */
  status?: number[];
  /** `refusal`: a post no form of the portal sends (a forged one) gets the refusal's page, not the form. */
  page?: 'form' | 'refusal';
  /** A value typed that the re-rendered form shows again. */
  keeps?: string;
}

/**
 * Every form of the portal, posted with invalid values by someone whose role offers that form, in
 * French and in English: the page that comes back is the form again (400 or 422, never a redirect),
 * with the error summary at the top linking to fields that are on the page, the values typed kept,
 * and no field key, validator word, role key or text of the other language anywhere in it.
 */
describe('portal: every form refuses invalid values in the person’s words', () => {
  let system: TestSystem;
  let portal: string;
  let refusals: Record<string, Refusal[]>;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'] });
    portal = system.service('portal').url;
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des formulaires');
    const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Woodgreen', 'youth-employment-nonprofit', 'ON');
    const provider = await joinOrganization(system, consortiumId, coordinator, 'Technology Helps', 'service-provider', 'ON');
    const nadia = await joinMember(system, consortiumId, coordinator, nonprofit, 'Nadia', 'nonprofit-staff', 'idp|forms-nadia');
    await joinMember(system, consortiumId, coordinator, provider, 'Priya', 'provider-staff', 'idp|forms-priya');
    const member = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|forms-nadia');
    const providerToken = await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|forms-priya');
    const call = async (service: 'community' | 'assessments' | 'provider-matching', method: string, path: string, token: string, body?: unknown, status = [200, 201]) => {
      const answer = await system.call(service, method, `/consortia/${consortiumId}${path}`, { token, body });
      if (!status.includes(answer.status)) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };

    // A gathering, a working group with a model, a partnership.
    const gathering = (await call('community', 'POST', '/gatherings', coordinator, { kind: 'consortium-meeting', title: 'Rencontre', startsAt: '2026-03-10T17:00:00.000Z', alreadyHeld: true })).id;
    const circle = (await call('community', 'POST', '/circles', coordinator, { name: 'Prototype 1', prototype: 1 })).id;
    // The consortium's own survey, with the programme's four 1–5 questions and a comment box.
    const survey = (await call('community', 'POST', '/surveys', coordinator, { title: { fr: 'Bilan du trimestre', en: 'Quarter review' } })).id;
    await call('community', 'POST', `/circles/${circle}/members`, coordinator, { memberId: nadia });
    const model = (await call('community', 'POST', '/collaboration-models', member, { circleId: circle, title: 'Paiement en deux temps', description: 'Au lancement et à la fin.' })).id;
    const partnership = await expectEventually(async () => (await call('provider-matching', 'POST', '/partnerships', coordinator, { organizationIds: [nonprofit, provider], title: 'Méthodes' })).id as string);
    await call('provider-matching', 'POST', `/partnerships/${partnership}/confirm`, coordinator);

    // The nonprofit's assessment, submitted: its gaps become draft needs; two are confirmed and sent to the provider.
    const profile = { offerings: [{ title: 'Cybersécurité', dimensions: ['data-governance', 'data-collection', 'evidence-use', 'digital-tools', 'cybersecurity', 'digital-skills', 'leadership-strategy', 'culture'], stages: [1, 2, 3, 4] }], languages: ['fr', 'en'], remote: true, costModel: { kind: 'free' }, capacity: 5, responseTimeDays: 5 };
    await expectEventually(() => call('provider-matching', 'PUT', `/providers/${provider}`, coordinator, profile));
    const assessment = await expectEventually(async () => (await call('assessments', 'POST', '/assessments', member, { organizationId: nonprofit })).id as string);
    const framework = await call('assessments', 'GET', '/framework', member);
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: { key: string; questions: { key: string }[] }) => d.questions.map((q) => [`${d.key}/${q.key}`, 's1'])));
    await call('assessments', 'PUT', `/assessments/${assessment}/answers`, member, { answers });
    await call('assessments', 'POST', `/assessments/${assessment}/submit`, member);
    const open = await call('assessments', 'POST', '/assessments', member, { organizationId: nonprofit });
    const drafts: { id: string; dimension: string }[] = await expectEventually(async () => {
      const found = await call('provider-matching', 'GET', `/needs?organizationId=${nonprofit}&status=draft`, member);
      expect(found.length).toBeGreaterThanOrEqual(3);
      return found;
    });
    const [draft, ...toOpen] = drafts;
    const details = { description: 'Former l’équipe', language: 'fr', budgetMax: 1000, staffHoursPerWeek: 3 };
    const engagements: string[] = [];
    for (const need of toOpen.slice(0, 2)) {
      await call('provider-matching', 'POST', `/needs/${need.id}/confirm`, member, details);
      engagements.push((await expectEventually(() => call('provider-matching', 'POST', '/engagements', member, { needId: need.id, providerId: provider }))).id);
    }
    const [accepted, scoped] = engagements;
    for (const e of engagements) await call('provider-matching', 'POST', `/engagements/${e}/accept`, providerToken);
    const scope = await call('provider-matching', 'POST', `/engagements/${scoped}/scope`, providerToken, {
      scope: 'Authentification à deux facteurs',
      kickOff: { amount: 1500, dueOn: '2027-01-15' },
      completion: { amount: 1500, dueOn: '2027-04-30' },
    });
    await call('provider-matching', 'POST', `/engagements/${scoped}/agree-scope`, member, { proposedAt: scope.scopeProposedAt });

    // Each role signs in through the portal's development sign-in.
    for (const [role, subject, name] of [['coordinator', 'forms-coordinator', 'Claire'], ['member', 'idp|forms-nadia', 'Nadia'], ['provider', 'idp|forms-priya', 'Priya']] as [Role, string, string][]) {
      const signedIn = await fetch(`${portal}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ person: JSON.stringify([consortiumId, role, subject, name]), return: '/' }),
        redirect: 'manual',
      });
      const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('ccndr_session='))!.split(';')[0];
      const home = await (await fetch(`${portal}/c/${consortiumId}/engagements`, { headers: { cookie } })).text();
      sessions[role] = { cookie, csrf: /<meta name="csrf-token" content="([^"]+)">/.exec(home)![1] };
    }

    const c = `/c/${consortiumId}`;
    const notAnId = 'pas-un-identifiant';
    refusals = {
      '/sign-in': [{ as: 'nobody', path: '/sign-in', fields: { person: 'quelqu’un', return: '/' } }],
      '/sign-out': [{ as: 'coordinator', path: '/sign-out', fields: {}, withoutToken: true, status: [403], page: 'refusal' }],
      '/c/:consortiumId/gatherings': [
        { as: 'coordinator', path: `${c}/gatherings`, fields: { kind: 'workshop', title: '', startsAt: '', capacity: '12' }, keeps: '12' },
        { as: 'coordinator', path: `${c}/gatherings`, fields: { kind: 'atelier', title: 'Atelier', startsAt: '2026-03-01T10:00', capacity: '-3', place: 'p'.repeat(600), link: 'pas une adresse' }, keeps: 'Atelier' },
        { as: 'coordinator', path: `${c}/gatherings`, fields: { kind: 'workshop', title: 'Plus tard', startsAt: '2099-03-01T10:00', alreadyHeld: 'on' }, keeps: 'Plus tard' },
      ],
      '/c/:consortiumId/gatherings/:gatheringId/attendance': [{ as: 'coordinator', path: `${c}/gatherings/${gathering}/attendance`, fields: { memberIds: [notAnId] } }],
      '/c/:consortiumId/gatherings/:gatheringId/registrations': [{ as: 'coordinator', path: `${c}/gatherings/${gathering}/registrations`, fields: { memberId: notAnId, response: 'peut-être' } }],
      '/c/:consortiumId/gatherings/:gatheringId/attendance/import': [
        { as: 'coordinator', path: `${c}/gatherings/${gathering}/attendance/import`, multipart: true, fields: { csv: '', minimumMinutes: 'beaucoup' }, keeps: 'beaucoup' },
        { as: 'coordinator', path: `${c}/gatherings/${gathering}/attendance/import`, multipart: true, fields: { csv: 'Nom,Courriel\n"Nadia,,' }, keeps: 'Nom,Courriel' },
        { as: 'coordinator', path: `${c}/gatherings/${gathering}/attendance/import`, multipart: true, fields: { csv: 'Courriel,Durée\nnadia@example.org,beaucoup' }, keeps: 'nadia@example.org' },
      ],
      '/c/:consortiumId/circles': [
        { as: 'coordinator', path: `${c}/circles`, fields: { name: '', prototype: '2' } },
        { as: 'coordinator', path: `${c}/circles`, fields: { name: 'n'.repeat(400), prototype: '9' } },
      ],
      '/c/:consortiumId/circles/:circleId/members': [{ as: 'coordinator', path: `${c}/circles/${circle}/members`, fields: { memberId: notAnId } }],
      '/c/:consortiumId/models/:modelId/:what': [{ as: 'coordinator', path: `${c}/models/${model}/experts`, fields: { memberIds: [notAnId] } }],
      '/c/:consortiumId/surveys': [
        { as: 'coordinator', path: `${c}/surveys`, fields: { titleFr: 'Rétroaction', titleEn: '' }, keeps: 'Rétroaction' },
        { as: 'coordinator', path: `${c}/surveys`, fields: { titleFr: 't'.repeat(400), titleEn: 'Feedback', gatheringId: notAnId }, keeps: 'Feedback' },
      ],
      '/c/:consortiumId/periods': [
        { as: 'coordinator', path: `${c}/periods`, fields: { preset: 'custom', from: '2026-03-31', to: '2026-03-01' }, keeps: '2026-03-31' },
        { as: 'coordinator', path: `${c}/periods`, fields: { preset: 'custom', from: '2026-02-30', to: '' } },
        // Confirmed, a period not yet ended: evaluation refuses it, said next to the last day.
        { as: 'coordinator', path: `${c}/periods`, fields: { preset: 'custom', from: '2099-01-01', to: '2099-03-31', confirmed: 'yes' }, keeps: '2099-03-31' },
      ],
      '/c/:consortiumId/periods/:periodId/restatements': [{ as: 'coordinator', path: `${c}/periods/${notAnId}/restatements`, fields: { reason: 'because' } }],
      '/c/:consortiumId/surveys/:surveyId/answer': [
        { as: 'member', path: `${c}/surveys/${survey}/answer`, fields: { 'answer-participation': '9', 'answer-comments': 'Très utile' }, keeps: 'Très utile' },
        {
          as: 'member',
          path: `${c}/surveys/${survey}/answer`,
          fields: { 'answer-participation': '3', 'answer-perceived-value': '4', 'answer-model-contribution': '2', 'answer-trust-synergy': '5', 'answer-comments': `Trop long ${'c'.repeat(5000)}` },
          keeps: 'Trop long',
        },
      ],
      '/c/:consortiumId/narratives/:section': [
        { as: 'coordinator', path: `${c}/narratives/learnings`, fields: { fr: '  ', en: '' } },
        { as: 'coordinator', path: `${c}/narratives/outcome-1`, fields: { fr: 'x'.repeat(10_001), en: 'Meetings brought the nonprofits together.' }, keeps: 'Meetings brought the nonprofits together.' },
        { as: 'coordinator', path: `${c}/narratives/conclusion`, fields: { fr: 'Un texte gardé.', en: '' }, keeps: 'Un texte gardé.' },
      ],
      // A checkbox cannot be refused: an organisation that does not exist is, and the member may not choose (the coordinator does).
      '/c/:consortiumId/organizations/:organizationId': [
        { as: 'coordinator', path: `${c}/organizations/${notAnId}`, fields: { nameInReports: 'on' }, status: [400, 404], page: 'refusal' },
        { as: 'member', path: `${c}/organizations/${nonprofit}`, fields: { nameInReports: 'on' }, status: [403], page: 'refusal' },
      ],
      // Nothing chosen, then a choice the page does not offer (a forged post): asked again.
      '/c/:consortiumId/programme-benchmark': [
        { as: 'coordinator', path: `${c}/programme-benchmark`, fields: {} },
        { as: 'coordinator', path: `${c}/programme-benchmark`, fields: { optIn: 'peut-être' } },
      ],
      '/c/:consortiumId/partnerships': [
        { as: 'coordinator', path: `${c}/partnerships`, fields: { title: 'Méthodes communes', organizationIds: [nonprofit] }, keeps: 'Méthodes communes' },
        { as: 'coordinator', path: `${c}/partnerships`, fields: { title: 't'.repeat(400), organizationIds: [nonprofit, notAnId] } },
      ],
      '/c/:consortiumId/partnerships/:partnershipId/:step': [
        { as: 'coordinator', path: `${c}/partnerships/${partnership}/records`, fields: { kind: 'joint-initiative', occurredOn: '2099-01-01', summary: 'Atelier conjoint' }, keeps: 'Atelier conjoint' },
      ],
      '/c/:consortiumId/engagements/:engagementId/payments/:milestone': [
        { as: 'coordinator', path: `${c}/engagements/${scoped}/payments/kick-off`, fields: { milestone: 'kick-off', amount: '', paidOn: '' } },
        { as: 'coordinator', path: `${c}/engagements/${scoped}/payments/kick-off`, fields: { milestone: 'kick-off', amount: 'beaucoup', paidOn: 'hier' }, keeps: 'hier' },
      ],
      '/c/:consortiumId/engagements/:engagementId/:step': [
        { as: 'provider', path: `${c}/engagements/${accepted}/scope`, fields: { scope: '', kickOffAmount: '-5', kickOffDue: 'demain', completionAmount: 'beaucoup', completionDue: '' }, keeps: 'demain' },
        { as: 'member', path: `${c}/engagements/${scoped}/cancel`, fields: { reason: 'aucune', confirmed: 'yes' } },
        { as: 'member', path: `${c}/engagements/${scoped}/ratings`, fields: { score: 'dix', comment: '', confirmed: 'yes' } },
      ],
      // Teammates are chosen among the organisation's members: a post naming someone else is forged, and refused as such.
      '/c/:consortiumId/assessments': [{ as: 'member', path: `${c}/assessments`, fields: { teammates: [notAnId] }, page: 'refusal' }],
      // An answer that is none of the question's options (a forged post), then a submit with questions left unanswered.
      '/c/:consortiumId/assessments/:assessmentId/steps/:step': [{ as: 'member', path: `${c}/assessments/${open.id}/steps/5`, fields: { [`${framework.dimensions[4].key}/${framework.dimensions[4].questions[0].key}`]: 's9', action: 'next' } }],
      '/c/:consortiumId/assessments/:assessmentId/submit': [{ as: 'member', path: `${c}/assessments/${open.id}/submit`, fields: {} }],
      '/c/:consortiumId/needs': [
        { as: 'member', path: `${c}/needs`, fields: { dimension: '', description: '', language: 'fr', staffHoursPerWeek: '' } },
        { as: 'member', path: `${c}/needs`, fields: { dimension: 'cybersecurity', description: 'Former l’équipe', language: 'fr', staffHoursPerWeek: '2', startsOn: '2027-05-01', endsOn: '2027-01-01' }, keeps: 'Former l’équipe' },
      ],
      '/c/:consortiumId/organization/journey/:milestoneId': [{ as: 'member', path: `${c}/organization/journey/${notAnId}`, fields: {}, status: [400, 404], page: 'refusal' }],
      // A milestone that is not the organisation's (a forged post): the refusal's page.
      '/c/:consortiumId/organization/journey/:milestoneId/due': [{ as: 'member', path: `${c}/organization/journey/${notAnId}/due`, fields: { dueOn: '2027-03-10' }, status: [400, 404], page: 'refusal' }],
      '/c/:consortiumId/needs/:needId/confirm': [
        { as: 'member', path: `${c}/needs/${draft.id}/confirm`, fields: { description: '', staffHoursPerWeek: '' } },
        { as: 'member', path: `${c}/needs/${draft.id}/confirm`, fields: { description: 'Former l’équipe aux sauvegardes', language: 'klingon', budgetMax: '-10', staffHoursPerWeek: '500' }, keeps: 'Former l’équipe aux sauvegardes' },
      ],
      '/c/:consortiumId/needs/:needId/introductions': [{ as: 'member', path: `${c}/needs/${toOpen[0].id}/introductions`, fields: { providerId: notAnId } }],
      '/c/:consortiumId/requests/:engagementId': [
        { as: 'provider', path: `${c}/requests/${accepted}`, fields: { answer: 'peut-être' }, page: 'refusal' },
        { as: 'provider', path: `${c}/requests/${accepted}`, fields: { answer: 'decline', reason: 'aucune', confirmed: 'yes' } },
      ],
      // A category the page does not offer (a forged post): the form again, nothing saved.
      '/c/:consortiumId/notifications': [{ as: 'member', path: `${c}/notifications`, fields: { categories: ['engagements', 'weekly-news'] } }],
      // A link whose token does not verify: the refusal's page, in the person's language.
      '/unsubscribe': [{ as: 'nobody', path: '/unsubscribe', fields: { token: 'not-a-signed-link' }, status: [400], page: 'refusal' }],
      '/c/:consortiumId/provider-profile': [
        { as: 'provider', path: `${c}/provider-profile`, fields: { title0: 'Accompagnement', costKind: 'hourly', feeMin: '50', feeMax: '10', capacity: '-1', responseTimeDays: 'vite' }, keeps: 'Accompagnement' },
      ],
    };
  }, journeyTimeoutMs);
  afterAll(() => system?.stop());

  async function post(refusal: Refusal, lang: Lang): Promise<{ status: number; location: string | null; page: string }> {
    const session = refusal.as === 'nobody' ? undefined : sessions[refusal.as];
    const fields: [string, string][] = Object.entries({ ...refusal.fields, ...(session && !refusal.withoutToken ? { csrf: session.csrf } : {}) }).flatMap(([name, value]) =>
      ([] as string[]).concat(value).map((v): [string, string] => [name, v]),
    );
    let body: URLSearchParams | FormData = new URLSearchParams(fields);
    if (refusal.multipart) {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      body = form;
    }
    const response = await fetch(`${portal}${refusal.path}?lang=${lang}`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', ...(session ? { cookie: session.cookie } : {}) },
      body,
      redirect: 'manual',
    });
    return { status: response.status, location: response.headers.get('location'), page: await response.text() };
  }

  it('lists every form of the portal', () => {
    expect(formRoutes.length).toBeGreaterThan(10);
    expect(Object.keys(refusals).sort()).toEqual([...formRoutes].sort());
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`answers each invalid post with the form again, its errors in ${lang === 'fr' ? 'French' : 'English'} words only`, async () => {
      const found: { path: string; fields: Fields; status: number; problems: string[] }[] = [];
      for (const route of formRoutes) {
        for (const refusal of refusals[route]) {
          const { status, location, page } = await post(refusal, lang);
          const problems: string[] = [];
          const statuses = refusal.status ?? [400, 422];
          if (!statuses.includes(status)) problems.push(`status ${status}${location ? ` → ${location}` : ''}`);
          if (!page.includes(`<html lang="${lang}">`)) problems.push('not a page in the person’s language');
          problems.push(...leaksOf(page, lang));
          if (refusal.page !== 'refusal') {
            // The error summary, focused on arrival, links each error to a field of the page.
            const summary = /<div class="error-summary"[^>]*>[\s\S]*?<\/div>/.exec(page)?.[0];
            if (!summary) problems.push('no error summary');
            else {
              if (!/\bautofocus\b/.test(summary)) problems.push('error summary not focused');
              if (!summary.includes(lang === 'fr' ? 'Il y a un problème' : 'There is a problem')) problems.push('error summary without its title');
              const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
              if (!targets.length) problems.push('error summary without links');
              for (const id of targets) if (!page.includes(`id="${id}"`)) problems.push(`summary links to #${id}, which the page does not have`);
            }
          }
          if (refusal.keeps && !page.includes(refusal.keeps.replace(/’/g, '’'))) problems.push(`value "${refusal.keeps}" not kept`);
          if (problems.length) found.push({ path: refusal.path, fields: refusal.fields, status, problems });
        }
      }
      expect(found).toEqual([]);
    }, journeyTimeoutMs);
  }

  it('the leak check finds field keys, validator words, role keys and the other language', () => {
    expect(leaksOf('<html lang="fr"><body><p>indiquez alreadyHeld</p></body></html>', 'fr')).toEqual(['alreadyHeld']);
    expect(leaksOf('<html lang="fr"><body><p>Trop petit : attendu que number soit ≥1</p></body></html>', 'fr')).toEqual(['number']);
    expect(leaksOf('<html lang="fr"><body><p>exige l’un des rôles\u00a0: coordinator</p></body></html>', 'fr')).toEqual(['coordinator']);
    expect(leaksOf('<html lang="en"><body><p>Requires one of the roles: coordinator</p></body></html>', 'en')).toEqual(['roles: coordinator']);
    expect(leaksOf('<html lang="en"><body><p>Expected number, received string</p></body></html>', 'en')).toEqual(['received string']);
    expect(leaksOf('<html lang="en"><body><p>There is a problem</p><p>Champ obligatoire.</p></body></html>', 'en')).toEqual([]);
    expect(leaksOf('<html lang="en"><body><p>Some of the information given is not valid.</p></body></html>', 'fr')).toEqual(['Some of the information given is not valid.']);
    expect(leaksOf('<html lang="en"><body><p>Required.</p><p>answer expected by 5 May</p></body></html>', 'en')).toEqual([]);
    // A statistic's usual name is no field key.
    expect(leaksOf('<html lang="en"><body><p>Agreement (rWG): 0.8</p><p>indicate staffHoursPerWeek</p></body></html>', 'en')).toEqual(['staffHoursPerWeek']);
  });

  it('focuses the error summary on arrival, and its links move to the fields', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'ccndr_session', value: sessions.coordinator.cookie.split('=').slice(1).join('='), url: portal }]);
      const page = await context.newPage();
      const gatherings = refusals['/c/:consortiumId/gatherings'][0].path;
      await page.goto(`${portal}${gatherings}?lang=fr`);
      await page.fill('#capacity', '12');
      await page.click('form[action$="/gatherings"] button[type=submit]');
      // The refused post's page has loaded once its summary is there; autofocus then applies.
      await page.locator('.error-summary').waitFor();
      await expectEventually(async () => expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary'), { timeoutMs: 5_000 });
      expect(await page.locator('.error-summary h2').textContent()).toBe('Il y a un problème');
      await page.click('.error-summary a[href="#startsAt"]');
      await expectEventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('startsAt'), { timeoutMs: 5_000 });
      await page.click('.error-summary a[href="#title"]');
      await expectEventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('title'), { timeoutMs: 5_000 });
      expect(await page.inputValue('#capacity')).toBe('12');
    } finally {
      await browser.close();
    }
  }, journeyTimeoutMs);
});
