import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { checkBothLanguages, checkPage, checkPhoneMenu, clippedText, expectOneLanguage, journeyTimeoutMs, launchChromium } from './support/browser';
import { createConsortium, joinMember, joinOrganization, scheduleGathering } from './support/programme';

/** The coordinator's main journey in the portal, in a real headless Chromium against the real services. */
describe('portal: a coordinator records attendance and sees the dashboard change', () => {
  let system: TestSystem;
  let browser: Browser;
  let shots: string;

  beforeAll(async () => {
    browser = await launchChromium();
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'] });
    shots = join(system.logDir, 'portal');
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const check = (page: Page, name: string) => checkPage(page, shots, name);
  const checkBoth = (page: Page, name: string) => checkBothLanguages(page, shots, name);

  it('signs in, schedules a gathering (with its errors shown next to the fields), records attendance and sees the dashboard change, in French and English', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium du portail');
    const organization = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'QC');
    await joinMember(system, consortiumId, coordinator, organization, 'Ana Roy', 'nonprofit-staff', 'idp|ana');
    await joinMember(system, consortiumId, coordinator, organization, 'Bruno Tremblay', 'nonprofit-staff', 'idp|bruno');
    const meeting = await scheduleGathering(system, consortiumId, coordinator);
    const portal = system.service('portal').url;

    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${portal}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('.dev').textContent()).toContain('Environnement de développement');
    await check(page, 'sign-in.fr');
    await page.selectOption('#person', { label: 'Consortium du portail — Coordination du consortium' });
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}`);
    await expectEventually(async () => {
      await page.reload();
      expect(await page.locator('tbody tr').first().textContent()).toContain('Organismes à but non lucratif d’emploi jeunesse');
    });
    await check(page, 'overview.fr');
    // The header's menu on a phone, once: every signed-in page has the same header.
    await checkPhoneMenu(page, shots, 'overview.fr');
    // The colours of "target not met" on the overview, which the dashboard's statuses share.
    const badgeColours = (selector: string) => page.locator(selector).first().evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    const notMet = await badgeColours('main .badge.danger');

    // A gathering without a title: the error is next to the field and what was typed stays.
    await page.click('nav >> text=Rencontres');
    await page.selectOption('#kind', 'workshop');
    await page.fill('#startsAt', '2026-03-01T10:00');
    await page.check('input[name=alreadyHeld]');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('#title-error').textContent()).toBe('Champ obligatoire.');
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#startsAt')).toBe('2026-03-01T10:00');
    expect(await page.inputValue('#kind')).toBe('workshop');
    await check(page, 'gatherings-error.fr');
    await page.fill('#title', 'Atelier gouvernance des données');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Rencontre planifiée.');
    expect(await page.locator('table').textContent()).toContain('Atelier gouvernance des données');

    // The server disagrees (a gathering already held cannot be in the future): its field error shows.
    await page.fill('#title', 'Plus tard');
    await page.fill('#startsAt', '2099-03-01T10:00');
    await page.check('input[name=alreadyHeld]');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('#startsAt-error').textContent()).toBe('Une rencontre déjà tenue a une date passée.');
    expect(await page.inputValue('#title')).toBe('Plus tard');

    // Attendance of the consortium meeting, then the live dashboard shows it.
    await page.goto(`${portal}/c/${consortiumId}/gatherings/${meeting}`);
    await page.selectOption('#registration-response', 'going');
    await page.click('form[action$="/registrations"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Inscription enregistrée.');
    expect(await page.locator('main ul').first().textContent()).toBe('Ana Roy\u00a0: présent·e');
    await check(page, 'attendance.fr');
    await page.check('input[name=memberIds]');
    await page.click('form[action$="/attendance"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('1 présence consignée.');
    expect(await page.locator('dl.facts').innerText()).toMatch(/Présence des personnes inscrites\s+100\s%/);

    // The video call's join log, chosen as a file: its bad line is named, nothing is recorded, and
    // the file's content comes back in the text box to be corrected there.
    const joinLog = ['Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)', 'Bruno Tremblay,,2026-03-10 13:00,2026-03-10 14:30,90', 'Someone Else,,2026-03-10 13:05,2026-03-10 14:00,55'];
    await page.setInputFiles('#file', { name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${joinLog.join('\r\n')}`) });
    await page.click('form[action$="/attendance/import"] button[type=submit]:not([name=skipUnmatched])');
    expect(await page.locator('.problem li').allTextContents()).toEqual(['Ligne 3\u00a0: Someone Else — Aucun membre ne correspond à cette ligne.']);
    expect((await page.inputValue('#csv')).split(/\r?\n/)).toEqual(joinLog);
    await check(page, 'attendance-import-errors.fr');
    await page.fill('#csv', joinLog.slice(0, 2).join('\n'));
    await page.click('form[action$="/attendance/import"] button[type=submit]:not([name=skipUnmatched])');
    expect(await page.locator('.notice').textContent()).toBe('1 présence consignée.');
    await page.click('nav >> text=Tableau de bord');
    // The dashboard lives in the portal's layout: its content and charts in the page, no frame, no second language switch.
    const dashboard = page.locator('#dashboard');
    await expectEventually(async () => expect(await dashboard.locator('[data-key="o1.meeting-participants"] [data-role="value"]').textContent()).toBe('2'));
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await page.locator('a[hreflang]').count()).toBe(1);
    expect(await dashboard.locator('#dashboard-meetings tbody td').allTextContents()).toEqual(['2']);
    // The live status is when the content was drawn, a clock time in the consortium's zone, named.
    await expectEventually(async () => expect(await page.locator('#live').textContent()).toMatch(/^Mis à jour à \d{1,2} h \d{2} \((HNE|HAE)\)$/));
    // "Not met" in the overview's badge colours; a figure without data in small muted words, with what will fill it.
    expect(await badgeColours('#dashboard [data-key="o1.meeting-participants"] .status.not-met')).toEqual(notMet);
    const noData = dashboard.locator('[data-key="o1.feedback.participation"]');
    expect(await noData.locator('[data-role="value"]').textContent()).toBe('Pas encore de données');
    expect(await noData.locator('.filled-by').textContent()).toBe('Viendra des réponses aux sondages de rétroaction.');
    const fontSize = (selector: string) => dashboard.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await fontSize('[data-key="o1.feedback.participation"] [data-role="value"]')).toBeLessThan((await fontSize('[data-key="o1.meeting-participants"] [data-role="value"]')) / 1.5);

    // Open as it is, the page follows a change recorded elsewhere (here through community's API): no reload, no navigation.
    const chloe = await joinMember(system, consortiumId, coordinator, organization, 'Chloé Gagnon', 'nonprofit-staff', 'idp|chloe');
    await page.evaluate(() => ((window as unknown as { stillOpen: boolean }).stillOpen = true));
    const recorded = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meeting}/attendance`, { token: coordinator, body: { memberIds: [chloe] } });
    expect(recorded.status).toBe(200);
    await page.waitForFunction(() => document.querySelector('#dashboard [data-key="o1.meeting-participants"] [data-role="value"]')?.textContent === '3', undefined, { timeout: 30_000, polling: 200 });
    expect(await page.evaluate(() => (window as unknown as { stillOpen?: boolean }).stillOpen)).toBe(true);
    expect(await dashboard.locator('#dashboard-meetings tbody td').allTextContents()).toEqual(['3']);
    expect(await dashboard.locator('figure.chart svg[role="img"] title').allTextContents()).toEqual([
      'Organismes actifs par catégorie, par rapport aux cibles',
      'Participation aux rencontres du Consortium',
      'Entonnoir des partenariats',
    ]);
    await check(page, 'dashboard.fr');

    // Every page in English too.
    await page.click('text=English');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Dashboard');
    await expectEventually(async () => expect(await dashboard.locator('h2').first().textContent()).toBe('Outcome 1: engagement of organisations'));
    expect(await dashboard.locator('#dashboard-funnel tbody th').allTextContents()).toEqual(['Proposed', 'In negotiation', 'Confirmed', 'Collaborating']);
    await check(page, 'dashboard.en');
    for (const [path, name] of [[`/c/${consortiumId}`, 'overview.en'], [`/c/${consortiumId}/gatherings`, 'gatherings.en'], [`/c/${consortiumId}/gatherings/${meeting}`, 'attendance.en']]) {
      await page.goto(`${portal}${path}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await check(page, name);
    }
    expect(await page.locator('h1').textContent()).toBe('Rencontre mensuelle des membres');
    await context.close();
  }, journeyTimeoutMs);

  it('writes the report’s texts (an empty one refused next to its field), sees each version saved, finds them in the report, and records an organisation’s consent to be named in reports, in French and English', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des textes');
    const organization = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'QC');
    // Evaluation learns of the consortium from community's event before it keeps texts for it.
    await expectEventually(async () => expect((await system.call('evaluation', 'GET', `/consortia/${consortiumId}/report?format=markdown`, { token: coordinator })).status).toBe(200));
    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in?lang=fr`);
    await page.selectOption('#person', { label: 'Consortium des textes — Coordination du consortium' });
    await page.click('button[type=submit]');
    await page.click('text=Rédiger les textes du rapport');
    expect(await page.locator('h1').textContent()).toBe('Textes du rapport');
    expect(await page.locator('main h2').allTextContents()).toEqual(['1er résultat\u00a0: engagement des organismes', '2e résultat\u00a0: participation aux rencontres', expect.stringMatching(/^3e résultat/), expect.stringMatching(/^4e résultat/), 'Apprentissages']);
    expect(await page.locator('section[aria-labelledby=learnings] p.muted').textContent()).toBe('Pas encore rédigé.');
    await check(page, 'narratives.fr');

    await page.click('form[action$="/narratives/learnings"] button[type=submit]');
    expect(await page.locator('#learnings-fr-error').textContent()).toBe('Rédigez le texte en français, en anglais ou dans les deux langues.');
    expect(await page.locator('#learnings-fr').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'narratives-error.fr');
    await page.fill('#learnings-fr', 'Les horaires chargés ont freiné la participation.\n\nUn paiement en deux temps maintiendrait l’engagement.');
    await page.fill('#learnings-en', 'Busy schedules held participation back.');
    await page.click('form[action$="/narratives/learnings"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Nouvelle version enregistrée\u00a0: le rapport d’évaluation la reprend.');
    expect(await page.locator('section[aria-labelledby=learnings] p.muted').textContent()).toMatch(/^Version 1, enregistrée le /);
    await page.fill('#outcome-4-en', 'Two partnerships were confirmed.');
    await page.click('form[action$="/narratives/outcome-4"] button[type=submit]');
    await page.fill('#learnings-fr', 'Les horaires chargés ont freiné la participation.');
    await page.click('form[action$="/narratives/learnings"] button[type=submit]');
    expect(await page.locator('section[aria-labelledby=learnings] p.muted').textContent()).toMatch(/^Version 2, enregistrée le /);
    expect(await page.inputValue('#learnings-fr')).toBe('Les horaires chargés ont freiné la participation.');

    // The report shows the latest texts, one written only in English marked as such.
    await page.goto(`${portal}/api/evaluation/consortia/${consortiumId}/report?lang=fr&format=html`);
    const report = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
    expect(report).toContain('Apprentissages Les horaires chargés ont freiné la participation.');
    expect(report).not.toContain('Un paiement en deux temps');
    expect(report).toMatch(/\(texte en anglais\)\s*Two partnerships were confirmed\./);

    await page.goto(`${portal}/c/${consortiumId}/narratives?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Report texts');
    expect(await page.locator('section[aria-labelledby=learnings] p.muted').textContent()).toMatch(/^Version 2, saved on /);
    await check(page, 'narratives.en');

    // The organisation asks to be named in the programme's reports: the coordinator ticks its consent.
    await page.goto(`${portal}/c/${consortiumId}?lang=fr`);
    await page.click('text=Organismes et consentement à être nommés dans les rapports');
    expect(await page.locator('h1').textContent()).toBe('Organismes');
    expect(await page.locator('main h2').allTextContents()).toEqual(['Mentor Canada']);
    expect(await page.isChecked(`#name-in-reports-${organization}`)).toBe(false);
    await check(page, 'organizations.fr');
    await page.check(`#name-in-reports-${organization}`);
    await page.click(`form[action$="/organizations/${organization}"] button[type=submit]`);
    expect(await page.locator('.notice').textContent()).toBe('Choix enregistré pour Mentor Canada.');
    expect(await page.isChecked(`#name-in-reports-${organization}`)).toBe(true);
    expect((await system.call('community', 'GET', `/consortia/${consortiumId}/organizations/${organization}`, { token: coordinator })).body).toMatchObject({ nameInReports: true });
    await page.goto(`${portal}/c/${consortiumId}/organizations?lang=en`);
    expect(await page.locator(`label:has(#name-in-reports-${organization})`).textContent()).toContain('Name our organization in the programme’s reports');
    await check(page, 'organizations.en');
    await context.close();
  }, journeyTimeoutMs);

  it('finds the report and exports for a period, closes a period and restates it, each after a confirmation page, in French and English', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des périodes');
    // One participant at a meeting of 10 March 2026, counted by evaluation before anything is closed.
    const organization = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'QC');
    const ana = await joinMember(system, consortiumId, coordinator, organization, 'Ana Roy', 'nonprofit-staff', 'idp|ana-periods');
    const meeting = await scheduleGathering(system, consortiumId, coordinator);
    expect((await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meeting}/attendance`, { token: coordinator, body: { memberIds: [ana] } })).status).toBe(200);
    await expectEventually(async () => {
      const indicators = (await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators?outcome=1`, { token: coordinator })).body;
      expect(indicators.find((i: { key: string }) => i.key === 'o1.meeting-participants')?.value).toBe(1);
    });
    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in?lang=fr`);
    await page.selectOption('#person', { label: 'Consortium des périodes — Coordination du consortium' });
    await page.click('button[type=submit]');
    await page.click('text=Rapport et périodes\u00a0: fichiers d’une période, périodes closes');
    expect(await page.locator('h1').textContent()).toBe('Rapport et périodes');
    expect(await page.locator('#closed ~ .empty p').first().textContent()).toBe('Aucune période close pour l’instant.');
    // The whole history by default: the report and every export, for no period.
    expect(await page.locator('#files-for').textContent()).toBe('Fichiers pour tout l’historique, jusqu’à maintenant');
    expect(await page.locator('#files-for + ul a').first().getAttribute('href')).toBe(`/api/evaluation/consortia/${consortiumId}/report?lang=fr&format=html`);
    await check(page, 'periods-empty.fr');

    // Other dates, the last day before the first: the error is said next to the field, in words.
    await page.check('#files-preset input[value=custom]');
    await page.fill('#files-from', '2026-03-31');
    await page.fill('#files-to', '2026-03-01');
    await page.click('form[method=get] button[type=submit]');
    expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Rapport et exportations — Dernier jour — Le dernier jour doit être le premier jour ou venir après.']);
    expect(await page.locator('#files-to').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'periods-error.fr');
    await page.fill('#files-from', '2026-03-01');
    await page.fill('#files-to', '2026-03-31');
    await page.click('form[method=get] button[type=submit]');
    expect(await page.locator('#files-for').textContent()).toBe('Fichiers pour la période du 1er mars 2026 au 31 mars 2026');
    const xlsx = await page.locator('#files-for + ul a[href*="indicators.xlsx"]').getAttribute('href');
    expect(xlsx).toBe(`/api/evaluation/consortia/${consortiumId}/exports/indicators.xlsx?lang=fr&from=2026-03-01&to=2026-04-01`);
    const download = await page.request.get(`${portal}${xlsx}`);
    expect([download.status(), download.headers()['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

    // Closing the first quarter of 2026: a confirmation page first, then the period in the list.
    await page.check('#close-preset input[value=custom]');
    await page.fill('#close-from', '2026-01-01');
    await page.fill('#close-to', '2026-03-31');
    await page.click('form[action$="/periods"] button[type=submit]');
    expect(await page.locator('h1').textContent()).toBe('Clore la période du 1er janvier 2026 au 31 mars 2026\u00a0?');
    expect(await page.locator('.confirmation').textContent()).toContain('Ses chiffres sont figés tels qu’ils sont aujourd’hui');
    await check(page, 'period-close-confirm.fr');
    await page.click('main button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Période close\u00a0: ses chiffres sont figés.');
    const row = page.locator('#closed ~ .table-scroll tbody tr');
    expect(await row.locator('th').textContent()).toBe('du 1er janvier 2026 au 31 mars 2026');
    expect(await row.locator('td').nth(1).textContent()).toBe('Non');
    const closed = await system.call('evaluation', 'GET', `/consortia/${consortiumId}/periods`, { token: coordinator });
    expect(closed.body.map((p: { from: string; to: string }) => [p.from, p.to])).toEqual([['2026-01-01', '2026-04-01']]);
    expect(await row.locator('a[href*="format=pdf"]').getAttribute('href')).toBe(`/api/evaluation/consortia/${consortiumId}/report?lang=fr&period=${closed.body[0].id}&format=pdf`);

    // Closing it again overlaps: refused, said in words next to the dates.
    await page.check('#close-preset input[value=custom]');
    await page.fill('#close-from', '2026-02-01');
    await page.fill('#close-to', '2026-02-28');
    await page.click('form[action$="/periods"] button[type=submit]');
    await page.click('main button[type=submit]');
    expect(await page.locator('.error-summary li').allTextContents()).toEqual(['Clore une période — Période — Cette période chevauche une période déjà close.']);

    // Restating it for a reason from the list, after its confirmation page.
    await page.selectOption(`#restate-${closed.body[0].id}`, 'late-records');
    await page.click(`form[action$="/${closed.body[0].id}/restatements"] button[type=submit]`);
    expect(await page.locator('h1').textContent()).toBe('Redresser les chiffres de la période du 1er janvier 2026 au 31 mars 2026\u00a0?');
    expect(await page.locator('.confirmation').textContent()).toContain('Données reçues en retard');
    await page.click('main button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Chiffres redressés\u00a0: la période montre les chiffres d’origine et les chiffres redressés.');
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^Redressée Données reçues en retard, \d{1,2} \S+ 20\d\d$/);
    await checkBoth(page, 'periods');
    expect(await page.locator('h1').textContent()).toBe('Rapport et périodes');
    await page.goto(`${portal}/c/${consortiumId}/periods?lang=en`);
    expect(await row.locator('th').textContent()).toBe('January 1, 2026 to March 31, 2026');

    // The dashboard for a period: that period's figures, computed for it, not live.
    await page.goto(`${portal}/c/${consortiumId}/dashboard?lang=fr`);
    expect(await page.locator('#live').count()).toBe(1);
    const participants = page.locator('#dashboard [data-key="o1.meeting-participants"] [data-role="value"]');
    const showPeriod = async (from: string, to: string) => {
      if ((await page.locator('.dashboard-period').getAttribute('open')) === null) await page.click('.dashboard-period summary');
      await page.check('#dashboard-preset input[value=custom]');
      await page.fill('#dashboard-from', from);
      await page.fill('#dashboard-to', to);
      await page.click('.dashboard-period button[type=submit]');
    };
    await showPeriod('2026-04-01', '2026-04-30');
    expect(await page.locator('.notice').textContent()).toBe('Chiffres calculés pour la période du 1er avril 2026 au 30 avril 2026\u00a0: ils ne changent pas en direct. Revenir au tableau de bord en direct');
    expect(await participants.textContent()).not.toBe('1');
    expect(await page.locator('#live').count()).toBe(0);
    expect(await page.locator('script[src$="dashboard.js"]').count()).toBe(0);
    await showPeriod('2026-01-01', '2026-03-31');
    expect(await participants.textContent()).toBe('1');
    await checkBoth(page, 'dashboard-period');
    await page.click('text=Revenir au tableau de bord en direct');
    await page.waitForURL(`${portal}/c/${consortiumId}/dashboard`);
    expect(await page.locator('#live').count()).toBe(1);
    await context.close();
  }, journeyTimeoutMs);

  it('refuses a development sign-in whose name is 5 KB long with a clear 400 in the person’s language, and opens no session', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium au long nom');
    for (const [language, message] of [
      ['fr', 'Connexion refusée\u00a0: le nom ou l’identifiant choisi dépasse 200 caractères.'],
      ['en', 'Sign-in refused: the chosen name or identifier is longer than 200 characters.'],
    ]) {
      const response = await fetch(`${system.service('portal').url}/sign-in`, {
        method: 'POST',
        // Posted from the portal's own sign-in page, as a browser says.
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language, 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ person: JSON.stringify([consortiumId, 'coordinator', 'demo-coordinator', 'N'.repeat(5000)]), return: '/' }),
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(message);
      expect(response.headers.getSetCookie().filter((c) => c.startsWith('ccndr_session='))).toEqual([]);
    }
  });

  it('sends a person whose session expired to sign in again, then back where they were', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium expiré');
    const portal = system.service('portal').url;
    const context = await browser.newContext();
    await context.addCookies([{ name: 'ccndr_session', value: 'expired-or-forged', url: portal }]);
    const page = await context.newPage();
    await page.goto(`${portal}/c/${consortiumId}/gatherings?lang=en`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('[role=alert]').textContent()).toBe('Your session expired: sign in again to come back where you were.');
    await check(page, 'sign-in-expired.en');
    await page.selectOption('#person', { label: 'Consortium expiré (EN) — Consortium coordination' });
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}/gatherings`);
    expect(await page.locator('h1').textContent()).toBe('Gatherings');
    await context.close();
  });

  it('follows the consortium’s partnerships (propose with errors shown, negotiate, confirm, record a collaboration) and its working groups', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des partenariats');
    await joinOrganization(system, consortiumId, coordinator, 'CCNDR', 'other-member', 'ON');
    await joinOrganization(system, consortiumId, coordinator, 'Blueprint ADE', 'service-provider', 'ON');
    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in?lang=fr`);
    await page.selectOption('#person', { label: 'Consortium des partenariats — Coordination du consortium' });
    await page.click('button[type=submit]');
    await page.click('nav >> text=Partenariats');
    await page.fill('#title', 'Méthodes d’évaluation');
    await page.locator('input[name=organizationIds]').first().check();
    await page.click('form[action$="/partnerships"] button[type=submit]');
    expect(await page.locator('#organizationIds-error').textContent()).toBe('Choisissez au moins deux organismes partenaires.');
    expect(await page.inputValue('#title')).toBe('Méthodes d’évaluation');
    await expectEventually(async () => {
      await page.locator('input[name=organizationIds]').nth(1).check();
      await page.click('form[action$="/partnerships"] button[type=submit]');
      expect(await page.locator('.notice').textContent()).toBe('Partenariat mis à jour.');
    });
    await page.click('button:has-text("Entamer la négociation")');
    await page.click('button:has-text("Confirmer")');
    expect(await page.locator('main h2').first().textContent()).toBe('Méthodes d’évaluation — confirmé');
    await page.click('summary:has-text("Consigner une collaboration")');
    await page.fill('textarea[name=summary]', 'Atelier conjoint sur les cadres d’évaluation');
    await page.click('form[action$="/records"] button[type=submit]');
    expect(await page.locator('main ul').first().textContent()).toContain('Initiative conjointe\u00a0: Atelier conjoint sur les cadres d’évaluation');
    await check(page, 'partnerships.fr');

    // The working groups: a circle for prototype 2, a member added, the co-design count follows.
    await joinMember(system, consortiumId, coordinator, (await system.call('community', 'GET', `/consortia/${consortiumId}/organizations`, { token: coordinator })).body[0].id, 'Léa', 'nonprofit-staff', 'idp|lea-portal');
    await page.click('nav >> text=Groupes de travail');
    await page.click('form[action$="/circles"] button[type=submit]');
    expect(await page.locator('#name-error').textContent()).toBe('Champ obligatoire.');
    await page.fill('#name', 'Prototype 2 : communauté de pratique');
    await page.selectOption('#prototype', '2');
    await page.click('form[action$="/circles"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Groupe de travail mis à jour.');
    await page.click('form[action$="/members"].stack button[type=submit]');
    expect(await page.locator('main h2').first().textContent()).toBe('Prototype 2 : communauté de pratique (prototype 2) — 1 membre actif');
    await check(page, 'circles.fr');
    await page.goto(`${portal}/c/${consortiumId}/circles?lang=en`);
    await check(page, 'circles.en');

    // Léa's working group proposes a model; the coordinator checks its viability.
    const circle = (await system.call('community', 'GET', `/consortia/${consortiumId}/circles`, { token: coordinator })).body[0].id;
    const lea = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|lea-portal');
    expect((await system.call('community', 'POST', `/consortia/${consortiumId}/collaboration-models`, { token: lea, body: { circleId: circle, title: 'Paiement en deux temps', description: 'Au lancement et à la fin.' } })).status).toBe(201);
    await page.goto(`${portal}/c/${consortiumId}/models?lang=fr`);
    expect(await page.locator('main h2').first().textContent()).toBe('Paiement en deux temps (prototype 2)');
    for (const name of ['scalability', 'efficientUseOfResources', 'sustainability']) await page.check(`input[name=${name}]`);
    await page.click('form[action$="/viability"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Modèle mis à jour.');
    expect(await page.locator('input[name=sustainability]').isChecked()).toBe(true);
    await checkBoth(page, 'models');

    // A feedback survey: published (a missing title named next to its field), answered, its results read.
    await page.goto(`${portal}/c/${consortiumId}/surveys?lang=fr`);
    await page.fill('input[name=titleFr]', 'Rétroaction de l’atelier');
    await page.click('form[action$="/surveys"] button[type=submit]');
    expect(await page.locator('[id="title.en-error"]').textContent()).toBe('Champ obligatoire.');
    expect(await page.inputValue('input[name=titleFr]')).toBe('Rétroaction de l’atelier');
    await page.fill('input[name=titleEn]', 'Workshop feedback');
    await page.click('form[action$="/surveys"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toMatch(/^Sondage publié/);
    const survey = (await system.call('community', 'GET', `/consortia/${consortiumId}/surveys`, { token: coordinator })).body[0].id;
    const answered = await system.call('community', 'POST', `/consortia/${consortiumId}/surveys/${survey}/responses`, {
      token: lea,
      body: { answers: { participation: 5, 'perceived-value': 4, 'model-contribution': 4, 'trust-synergy': 5 } },
    });
    expect(answered.status).toBe(201);
    await page.click('main a:has-text("Rétroaction de l’atelier")');
    // One response: neither its answers nor the count are shown.
    expect(await page.locator('main .lead').textContent()).toBe('Moins de 5 réponses');
    expect(await page.locator('main').textContent()).toContain('Moins de 5 réponses\u00a0: résultats masqués pour protéger l’anonymat.');
    expect(await page.locator('main').textContent()).not.toMatch(/Moyenne|1 réponse/);
    await checkBoth(page, 'survey-results');
    await page.goto(`${portal}/c/${consortiumId}/surveys?lang=fr`);
    await checkBoth(page, 'surveys');

    // The home page names the consortium and opens the coordinator's overview; a page that does not exist says so.
    await page.goto(`${portal}/?lang=fr`);
    expect(await page.locator('main li').textContent()).toBe('Consortium des partenariats (coordination)');
    await checkBoth(page, 'home');
    await page.click('main li a');
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}`);
    const missing = await page.goto(`${portal}/c/${consortiumId}/surveys/3f1e2d3c-4b5a-4697-8877-665544332211?lang=fr`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page introuvable.');
    await checkBoth(page, 'not-found');
    await page.goto(`${portal}/c/${consortiumId}/partnerships?lang=fr`);
    await page.goto(`${portal}/c/${consortiumId}/partnerships?lang=en`);
    expect(await page.locator('main h2').first().textContent()).toBe('Méthodes d’évaluation — confirmed');
    expect(await page.locator('nav.app-nav').textContent()).toContain('Working groups');
    await check(page, 'partnerships.en');
    // Ending a partnership is confirmed on a page of its own: the partnership named, a red button, a way back.
    const openEnd = async (label: string) => {
      await page.click(`main form[action$="/end"] button:has-text("${label}")`);
      await page.waitForURL((url) => url.pathname.endsWith('/end'));
      expect(await page.getAttribute('main form[data-confirmation] button[type=submit]', 'class')).toBe('button danger');
    };
    await openEnd('End');
    expect(await page.locator('main h1').textContent()).toBe('End the partnership “Méthodes d’évaluation”?');
    await check(page, 'confirm-end.en');
    await page.click('main form[data-confirmation] a:has-text("Go back")');
    await page.waitForURL((url) => url.pathname.endsWith('/partnerships'));
    await page.goto(`${portal}/c/${consortiumId}/partnerships?lang=fr`);
    await openEnd('Mettre fin');
    expect(await page.locator('main h1').textContent()).toBe('Mettre fin au partenariat «\u00a0Méthodes d’évaluation\u00a0»\u00a0?');
    expect(await page.locator('main dl.facts').textContent()).toContain('CCNDR');
    await check(page, 'confirm-end.fr');
    await page.click('main form[data-confirmation] button[type=submit]');
    await page.waitForURL((url) => url.pathname.endsWith('/partnerships'));
    expect(await page.locator('main h2').first().textContent()).toBe('Méthodes d’évaluation — terminé');
    await context.close();
  }, journeyTimeoutMs);

  it('links every page’s footer to help, privacy, accessibility and the event catalogue, public pages in both languages', async () => {
    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in?lang=fr`);
    const links = await page.locator('footer nav a').evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual([
      ['/help', 'Aide'],
      ['/privacy', 'Confidentialité'],
      ['/accessibility', 'Accessibilité'],
      ['/events', 'Pour les développeurs'],
    ]);
    // Without signing in, each answers 200 in each language, and passes the page check.
    const titles: Record<string, [string, string]> = { '/help': ['Aide', 'Help'], '/privacy': ['Confidentialité', 'Privacy'], '/accessibility': ['Accessibilité', 'Accessibility'] };
    for (const [href] of links) {
      for (const lang of ['fr', 'en'] as const) {
        const answer = await page.goto(`${portal}${href}?lang=${lang}`);
        expect({ href, lang, status: answer?.status() }).toEqual({ href, lang, status: 200 });
        expect(new URL(page.url()).pathname).toBe(href);
        if (titles[href!]) {
          expect(await page.locator('main h1').textContent()).toBe(titles[href!][lang === 'fr' ? 0 : 1]);
          await check(page, `${href!.slice(1)}.${lang}`);
        }
      }
    }
    await page.goto(`${portal}/privacy?lang=fr`);
    expect(await page.locator('main').textContent()).toContain('moins de 5 personnes ou 5 organismes');
    await page.goto(`${portal}/accessibility?lang=en`);
    expect(await page.locator('main').textContent()).toContain('WCAG) 2.1, level AA');
    await context.close();
  }, journeyTimeoutMs);

  it('the page check finds English left on a French page, and French on an English one', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="fr"><body><main><p>Rencontre planifiée.</p><p>Please correct the fields shown.</p></main></body></html>');
    await expect(expectOneLanguage(page, 'probe.fr')).rejects.toThrow('Please correct the fields shown.');
    await page.setContent('<html lang="en"><body><main><p>Aucune rencontre pour l’instant.</p></main></body></html>');
    await expect(expectOneLanguage(page, 'probe.en')).rejects.toThrow('Aucune rencontre pour l’instant.');
    await page.setContent('<html lang="fr"><body><main><p>Corrigez les champs indiqués.</p></main></body></html>');
    await expect(expectOneLanguage(page, 'probe.clean')).resolves.toBeUndefined();
    await page.close();
  });

  it('the page check finds text cut off: a cell a box hides, a table to scroll sideways on a wide screen, a stacked one on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    const wideCell = '<td style="white-space:nowrap">Organismes comparables (médiane, quartiles) de la même catégorie</td>';
    await page.setContent(`<main><div id="box" style="width:120px;overflow:hidden"><p style="width:400px">Organismes comparables (médiane, quartiles)</p></div></main>`);
    expect(await clippedText(page, 'wide')).toEqual([expect.stringMatching(/^div#box: Organismes comparables/)]);
    await page.setContent(`<main><div class="table-scroll" style="overflow-x:auto;width:200px"><table><tr>${wideCell}</tr></table></div></main>`);
    expect(await clippedText(page, 'wide')).toHaveLength(1);
    expect(await clippedText(page, 'phone')).toEqual([]); // a table that is not stacked may scroll on a phone
    await page.setContent(`<main><div class="table-scroll" style="overflow-x:auto;width:200px"><table class="stacked"><tr>${wideCell}</tr></table></div></main>`);
    expect(await clippedText(page, 'phone')).toHaveLength(1);
    await page.setContent('<main><p><span style="position:absolute;width:1px;height:1px;overflow:hidden;white-space:nowrap">Lu par les lecteurs d’écran</span>Rien de coupé</p><table><caption style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap">Une légende de tableau pour les lecteurs d’écran</caption><tr><td>1</td></tr></table></main>');
    expect(await clippedText(page, 'wide')).toEqual([]);
    await page.close();
  });
});
