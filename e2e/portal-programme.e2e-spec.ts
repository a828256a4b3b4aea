import { Page } from 'playwright-core';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { browserJourney, checkBothLanguages, checkPage, journeyTimeoutMs } from './support/browser';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

/** `count` organisations of the consortium each complete a self-assessment, every answer at stage `answer` (s1…s5). */
async function assessedOrganizations(system: TestSystem, consortiumId: string, coordinator: string, count: number, answer: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const organization = await joinOrganization(system, consortiumId, coordinator, `Organisme ${i + 1}`, 'youth-employment-nonprofit');
    const subject = `idp|${consortiumId}-${i}`;
    await joinMember(system, consortiumId, coordinator, organization, `Personne ${i + 1}`, 'nonprofit-staff', subject);
    const token = await consortiumToken({ [consortiumId]: ['member'] }, subject);
    const assessment = await expectEventually(async () => {
      const started = await system.call('assessments', 'POST', `/consortia/${consortiumId}/assessments`, { token, body: { organizationId: organization } });
      expect(started.status).toBe(201);
      return started.body;
    });
    const framework = (await system.call('assessments', 'GET', `/consortia/${consortiumId}/framework`, { token })).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, answer])));
    expect((await system.call('assessments', 'PUT', `/consortia/${consortiumId}/assessments/${assessment.id}/answers`, { token, body: { answers } })).status).toBe(200);
    expect((await system.call('assessments', 'POST', `/consortia/${consortiumId}/assessments/${assessment.id}/submit`, { token })).status).toBe(200);
  }
}

/**
 * CCNDR's programme view in the portal, in a real headless Chromium against the real services: a
 * coordinator opts in to the readiness benchmark on a page of its own (linked from the overview)
 * and sees no programme view; the programme lead reads every consortium side by side.
 */
describe('portal: the programme view across consortia', () => {
  const journey = browserJourney(['community', 'assessments', 'provider-matching', 'evaluation', 'portal']);
  const check = (page: Page, name: string) => checkPage(page, journey.shots, name);

  it('lets a coordinator opt in to the benchmark, and the programme lead read every consortium side by side, in French and English', async () => {
    const { system, browser } = journey;
    const north = await createConsortium(system, 'Consortium du Nord');
    const south = await createConsortium(system, 'Consortium du Sud');
    // Five organisations assessed in each consortium: enough for the benchmark once both take part (each contributes from 5; 10 in all).
    await assessedOrganizations(system, north.consortiumId, north.coordinator, 5, 's2');
    await assessedOrganizations(system, south.consortiumId, south.coordinator, 5, 's4');
    const portal = system.service('portal').url;

    const coordinator = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await coordinator.goto(`${portal}/sign-in`);
    await coordinator.selectOption('#person', { label: 'Consortium du Nord — Coordination du consortium' });
    await coordinator.click('button[type=submit]');
    expect(new URL(coordinator.url()).pathname).toBe(`/c/${north.consortiumId}`);
    // Tenant walls stay: no programme view in a coordinator's header, and a refusal if they go there.
    expect(await coordinator.locator('.app-nav-links a[href="/programme"]').count()).toBe(0);
    expect((await coordinator.goto(`${portal}/programme`))?.status()).toBe(403);
    await coordinator.goto(`${portal}/c/${north.consortiumId}`);

    await expectEventually(async () => {
      await coordinator.click('a[href$="/programme-benchmark"]');
      expect(await coordinator.locator('h1').textContent()).toBe('Repère de préparation du programme');
    });
    expect(await coordinator.locator('main').textContent()).toContain('Ce consortium ne participe pas.');
    await check(coordinator, 'programme-benchmark.fr');
    // Saved without a choice: asked again, with the error summary linking to the first choice.
    await coordinator.click('form.stack button[type=submit]');
    expect(await coordinator.locator('.error-summary a').getAttribute('href')).toBe('#optIn-yes');
    expect(await coordinator.locator('#optIn-error').textContent()).toBe('Choisissez oui ou non.');
    await check(coordinator, 'programme-benchmark-error.fr');
    await coordinator.check('#optIn-yes');
    await coordinator.click('form.stack button[type=submit]');
    expect(await coordinator.locator('.notice').textContent()).toBe('Votre choix est enregistré.');
    expect(await coordinator.locator('main').textContent()).toContain('Ce consortium participe');
    expect(await coordinator.isChecked('#optIn-yes')).toBe(true);
    await checkBothLanguages(coordinator, journey.shots, 'programme-benchmark-saved');

    // The south's coordinator opts in through the API.
    await expectEventually(async () => expect((await system.call('evaluation', 'PUT', `/consortia/${south.consortiumId}/programme-benchmark`, { token: south.coordinator, body: { optIn: true } })).status).toBe(200));

    const lead = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await lead.goto(`${portal}/sign-in`);
    await lead.selectOption('#person', { label: 'Équipe du programme — responsable du programme (tous les consortiums, en lecture seule)' });
    await lead.click('button[type=submit]');
    expect(new URL(lead.url()).pathname).toBe('/programme');
    expect(await lead.locator('.app-nav-links a[href="/programme"]').getAttribute('aria-current')).toBe('page');
    // Both consortia side by side, their figures in each outcome's table.
    await expectEventually(async () => {
      await lead.reload();
      const heads = await lead.locator('table[data-programme="outcome-1"] thead th').allTextContents();
      expect(heads).toEqual(expect.arrayContaining(['Consortium du Nord', 'Consortium du Sud']));
    });
    expect(await lead.locator('#benchmark + p + p').textContent()).toBe('2 consortiums participent.');
    // The benchmark drawn from 10 organisations of 2 consortia: a chart with its data, and the table with the count.
    await expectEventually(async () => {
      await lead.reload();
      expect(await lead.locator('figure#benchmark-chart').count()).toBe(1);
    });
    expect(await lead.locator('table[data-benchmark] tbody tr').first().locator('td').first().textContent()).toBe('10');
    await checkBothLanguages(lead, journey.shots, 'programme');
    // On a phone each indicator is a block naming each consortium beside its figure.
    await lead.setViewportSize({ width: 390, height: 844 });
    const cell = lead.locator('table[data-programme="outcome-1"] tbody td').first();
    expect(await cell.getAttribute('data-label')).toMatch(/^Consortium du (Nord|Sud)$/);
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('grid');
  }, journeyTimeoutMs);
});
