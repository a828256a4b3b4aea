import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { launchChromium } from './support/browser';
import { createConsortium, joinMember, joinOrganization, scheduleGathering } from './support/programme';

describe('the live evaluation dashboard in headless Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows every outcome in French and English and updates without reload when attendance is recorded in community', async () => {
    const { consortiumId, coordinator } = await createConsortium(system);
    const organization = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'QC');
    const member = await joinMember(system, consortiumId, coordinator, organization, 'Personne');
    const meeting = await scheduleGathering(system, consortiumId, coordinator);
    const viewer = await consortiumToken({ [consortiumId]: ['observer'] });
    await expectEventually(async () => expect((await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators/o1.meeting-participants`, { token: viewer })).status).toBe(200));

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${system.service('evaluation').url}/dashboard?consortium=${consortiumId}&lang=fr#token=${viewer}`);
    const participants = page.locator('[data-key="o1.meeting-participants"] [data-role="value"]');
    await participants.waitFor();
    expect(await participants.textContent()).toBe('0');
    expect(page.url()).not.toContain('token'); // the token leaves the address bar at once
    expect(await page.locator('h2').allTextContents()).toEqual([
      '1er résultat\u00a0: engagement des organismes',
      '2e résultat\u00a0: participation aux rencontres',
      '3e résultat\u00a0: modèles de collaboration',
      '4e résultat\u00a0: liens entre partenaires',
      'Préparation numérique et aux données (prototype 1)',
    ]);
    expect(await page.locator('[data-key="o1.meeting-participants"] .status').textContent()).toBe('Cible non atteinte');
    // Live: when the content was drawn, a clock time in the consortium's zone, named.
    await expectEventually(async () => expect(await page.locator('#live').textContent()).toMatch(/^Mis à jour à \d{1,2} h \d{2} \((HNE|HAE)\)$/));
    // The charts, rendered on the server: each an image named by its title, with its data as a table.
    expect(await page.locator('figure.chart svg[role="img"] title').allTextContents()).toEqual([
      'Organismes actifs par catégorie, par rapport aux cibles',
      'Participation aux rencontres du Consortium',
      'Entonnoir des partenariats',
    ]);
    expect(await page.locator('#dashboard-funnel tbody th').allTextContents()).toEqual(['Proposés', 'En négociation', 'Confirmés', 'En collaboration']);
    expect(await page.locator('#dashboard-meetings tbody tr').count()).toBe(0);
    const before = await page.screenshot({ fullPage: true });

    // A change made through another service's API reaches the open page.
    const recorded = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meeting}/attendance`, { token: coordinator, body: { memberIds: [member] } });
    expect(recorded.status).toBe(200);
    await expectEventually(async () => expect(await participants.textContent()).toBe('1'));
    expect(await page.locator('[data-key="o1.active-organizations.youth-employment-nonprofit"] [data-role="value"]').textContent()).toBe('1');
    expect(await page.locator('#announce').textContent()).toMatch(/^Indicateur mis à jour\u00a0: /);
    // The charts follow: the meeting now has its bar and its row in the data table.
    expect(await page.locator('#dashboard-meetings tbody td').allTextContents()).toEqual(['1']);
    expect(await page.locator('#dashboard-categories tbody tr', { hasText: 'Organismes à but non lucratif' }).locator('td').allTextContents()).toEqual(['1', '10']);
    // Opened (again, should a later change of another indicator redraw the chart meanwhile), its table shows.
    await expectEventually(async () => {
      if (!(await page.locator('#dashboard-meetings table').isVisible())) await page.click('#dashboard-meetings summary');
      expect(await page.locator('#dashboard-meetings table').isVisible()).toBe(true);
    });
    const after = await page.screenshot({ fullPage: true });
    expect(after.equals(before)).toBe(false);
    const shots = join(system.logDir, 'dashboard');
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, 'before.png'), before);
    writeFileSync(join(shots, 'after.png'), after);

    await page.click('#switch');
    await participants.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Evaluation dashboard');
    expect(await page.locator('[data-key="o1.meeting-participants"] h3').textContent()).toBe('Participants in consortium meetings');
    expect(await page.locator('[data-key="o1.meeting-participants"] .target').textContent()).toBe('Target: > 60');
    expect(await page.locator('[data-key="o1.meeting-participants"] .status').textContent()).toBe('Target not met');
    await expectEventually(async () => expect(await page.locator('#live').textContent()).toMatch(/^Updated at \d{1,2}:\d{2}\u202f[ap]\.m\. (EST|EDT)$/));
    // A figure with no data yet says so in small words, with what will fill it.
    expect(await page.locator('[data-key="o1.feedback.participation"] .value.none').textContent()).toBe('No data yet');
    expect(await page.locator('[data-key="o1.feedback.participation"] .filled-by').textContent()).toBe('Will come from answers to feedback surveys.');
    expect(errors).toEqual([]);

    // Keyboard: the language switch is reachable and visibly focused; a phone's width still fits.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => ({ id: document.activeElement?.id, outline: getComputedStyle(document.activeElement!).outlineStyle }))).toEqual({ id: 'switch', outline: 'solid' });
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    writeFileSync(join(shots, 'phone.png'), await page.screenshot({ fullPage: true }));
    await page.close();
  });

  it('says so when opened without access', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium sans accès');
    const stranger = await consortiumToken({ ['0f000000-0000-4000-8000-000000000000']: ['coordinator'] });
    const page = await browser.newPage();
    await page.goto(`${system.service('evaluation').url}/dashboard?consortium=${consortiumId}&lang=en#token=${stranger}`);
    expect(await page.locator('[role="alert"]').textContent()).toBe('Consortium not found.');
    await page.close();
  });
});
