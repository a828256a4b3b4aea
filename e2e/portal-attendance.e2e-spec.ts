import { Page } from 'playwright-core';
import { expectEventually } from '@ccndr/testing';
import { browserJourney, checkPage, checkPhoneMenu, journeyTimeoutMs } from './support/browser';
import { createConsortium, indicator, joinMember, joinOrganization } from './support/programme';

/**
 * The gathering page as a coordinator uses it to keep attendance right, in a real headless Chromium
 * against the real services: the checklist ticks who is recorded as present, unticking withdraws,
 * every post ends in a redirect, and a join log with guests is imported by skipping them.
 */
describe('portal: attendance a coordinator can trust', () => {
  // Assessments serves the member's organisation page, where the feedback surveys are listed.
  const journey = browserJourney(['community', 'assessments', 'evaluation', 'portal']);

  /** The page as it is, checked and photographed at a laptop's width and a phone's (390 px): `<name>.<lang>.png` and `<name>.<lang>.phone.png`. */
  async function shoot(page: Page, name: string): Promise<void> {
    await checkPage(page, journey.shots, `${name}.${await page.locator('html').getAttribute('lang')}`);
  }

  const checkedNames = (page: Page) =>
    page.locator('form[action$="/attendance"] label:has(input[name=memberIds]:checked)').evaluateAll((labels) => labels.map((l) => l.textContent!.trim().split(' (')[0]));

  it('ticks who is recorded as present, withdraws on untick, never posts twice on reload, and imports a join log skipping guests and short stays', async () => {
    const { system, browser } = journey;
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des présences');
    const api = (method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token: coordinator, body });
    const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'QC');
    const provider = await joinOrganization(system, consortiumId, coordinator, 'Data for Good', 'service-provider', 'ON');
    const ana = await joinMember(system, consortiumId, coordinator, nonprofit, 'Ana Roy');
    const bruno = await joinMember(system, consortiumId, coordinator, provider, 'Bruno Tremblay', 'provider-staff');
    const chloe = await joinMember(system, consortiumId, coordinator, nonprofit, 'Chloé Gagnon');
    const dana = await joinMember(system, consortiumId, coordinator, nonprofit, 'Dana Lee');
    const held = await api('POST', '/gatherings', { kind: 'consortium-meeting', title: 'Rencontre de mars', startsAt: '2026-03-10T17:00:00.000Z', alreadyHeld: true, capacity: 20, place: 'Salle 201, 123 rue Sainte-Catherine, Montréal' });
    const coming = await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier à venir', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), link: 'https://meet.example.org/atelier' });
    expect([held.status, coming.status]).toEqual([201, 201]);
    const meeting = held.body.id;
    for (const memberId of [ana, chloe]) expect((await api('POST', `/gatherings/${meeting}/registrations`, { memberId, response: 'going' })).status).toBe(201);
    // Recorded before the page is opened: Ana and Bruno (registered or not).
    expect(await api('POST', `/gatherings/${meeting}/attendance`, { memberIds: [ana, bruno] })).toMatchObject({ status: 200, body: { attendeeCount: 2 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 1 }));

    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in`);
    await page.selectOption('#person', { label: 'Consortium des présences — Coordination du consortium' });
    await page.click('button[type=submit]');
    const gatheringUrl = `${portal}/c/${consortiumId}/gatherings/${meeting}`;

    // The page says what the gathering is, and the checklist ticks those recorded as present.
    await page.goto(gatheringUrl);
    expect(await page.locator('h1').textContent()).toBe('Rencontre de mars');
    expect(await page.locator('nav.breadcrumbs a[href$="/gatherings"]').textContent()).toBe('Rencontres');
    const facts = (await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ');
    // Written in the consortium's time zone, named (17:00 UTC is 13:00 in Toronto, on daylight time from March 8).
    expect(facts).toContain('mardi 10 mars 2026 à 13 h 00 HAE');
    expect(facts).toContain('Salle 201, 123 rue Sainte-Catherine, Montréal');
    expect(facts).toContain('Places restantes 18 sur 20');
    expect(facts).toContain('Inscriptions 2 présentes, 0 peut-être, 0 absente');
    expect(facts).toContain('Consignées comme présentes 2');
    expect(await checkedNames(page)).toEqual(['Ana Roy', 'Bruno Tremblay']);
    await shoot(page, 'gathering');
    // The header's menu on a phone, once: every signed-in page has the same header.
    await checkPhoneMenu(page, journey.shots, 'gathering.fr');
    await page.goto(`${gatheringUrl}?lang=en`);
    expect((await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ')).toContain('Tuesday, March 10, 2026 at 1:00 p.m. EDT');
    expect(await page.locator('nav.breadcrumbs a[href$="/gatherings"]').textContent()).toBe('Gatherings');
    await shoot(page, 'gathering');
    await page.goto(`${gatheringUrl}?lang=fr`);

    // Untick Bruno (recorded by mistake), tick Chloé, save: one recorded, one withdrawn, then a redirect.
    await page.uncheck(`input[name=memberIds][value="${bruno}"]`);
    await page.check(`input[name=memberIds][value="${chloe}"]`);
    const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/attendance')), page.click('form[action$="/attendance"] button[type=submit]')]);
    expect(saved.status()).toBe(303);
    expect(new URL(page.url()).searchParams.get('flash')).toBe('attendance');
    expect(await page.locator('.notice').textContent()).toBe('1 présence consignée, 1 présence retirée.');
    expect(await checkedNames(page)).toEqual(['Ana Roy', 'Chloé Gagnon']);
    expect((await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ')).toContain('Consignées comme présentes 2');
    await shoot(page, 'gathering-saved');

    // Reloading asks for the page again (GET) and changes nothing.
    const reloaded = await page.reload();
    expect(reloaded!.request().method()).toBe('GET');
    expect((await api('GET', `/gatherings/${meeting}/attendance`)).body.map((a: { memberId: string }) => a.memberId).sort()).toEqual([ana, chloe].sort());
    // Evaluation follows: Bruno's organisation took part in nothing else.
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 0 }));
    expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 2 });

    // Saving without a change says so.
    await page.click('form[action$="/attendance"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Aucun changement\u00a0: les présences étaient déjà à jour.');

    // A malformed join log, pasted: the lines are named in French words, nothing of the CSV library's English.
    await page.fill('#csv', 'Name,Email\n"Bruno Tremblay,\n');
    await page.click('form[action$="/attendance/import"] button[type=submit]:not([name=skipUnmatched])');
    expect(await page.locator('.problem li').allTextContents()).toEqual(['Ligne 2\u00a0: Un guillemet de cette ligne est ouvert et jamais fermé.']);
    expect(await page.locator('main').innerText()).not.toMatch(/Quote|parsing|opening/i);

    // The call's participant report, chosen as a file: a phone number and a guest match nobody.
    const joinLog = [
      'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)',
      'Bruno Tremblay,,2026-03-10 17:00,2026-03-10 18:30,90',
      '+1 613 555 0100,,2026-03-10 17:02,2026-03-10 18:00,58',
      'Dana Lee,,2026-03-10 17:00,2026-03-10 17:05,5',
      'Invité spécial (Guest),invite@example.org,2026-03-10 17:00,2026-03-10 18:00,60',
    ];
    // Chosen through the portal's own control, in French: the browser's control ("Choose File", "No file chosen") stays hidden.
    const chooser = page.locator('.file-field label.button');
    expect(await chooser.textContent()).toBe('Choisir un fichier');
    expect(await page.locator('#file-chosen').textContent()).toBe('Aucun fichier choisi');
    const native = await page.locator('#file').boundingBox();
    expect(native!.width * native!.height).toBeLessThanOrEqual(1);
    // The hidden input still takes the keyboard (from the field after it, backwards), and its button shows the focus.
    await page.focus('#csv');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file');
    expect(await chooser.evaluate((label) => getComputedStyle(label).boxShadow)).toMatch(/0px 0px 0px 3px.*0px 0px 0px 5px/);
    await page.setInputFiles('#file', { name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${joinLog.join('\r\n')}`) });
    await expectEventually(async () => expect(await page.locator('#file-chosen').textContent()).toBe('participants.csv'));
    expect(await page.locator('main').innerText()).not.toMatch(/Choose File|No file chosen|Choose a file/);
    await shoot(page, 'gathering-file-chosen');
    await page.fill('#csv', '');
    await page.fill('#minimumMinutes', '30');
    await page.click('form[action$="/attendance/import"] button[type=submit]:not([name=skipUnmatched])');
    expect(await page.locator('#csv-error').textContent()).toBe('2 lignes ne correspondent à aucun membre. Rien n’a été consigné.');
    expect(await page.locator('.problem li').allTextContents()).toEqual([
      'Ligne 3\u00a0: +1 613 555 0100 — Aucun membre ne correspond à cette ligne.',
      'Ligne 5\u00a0: invite@example.org / Invité spécial — Aucun membre ne correspond à cette ligne.',
    ]);
    expect((await page.inputValue('#csv')).split(/\r?\n/)).toEqual(joinLog);
    expect(await page.inputValue('#minimumMinutes')).toBe('30');
    await shoot(page, 'gathering-import-unmatched');

    // Skip them: Bruno (90 minutes) is recorded again, Dana (5 minutes) is under the minimum.
    const [skipped] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/attendance/import')), page.click('button:has-text("Ignorer ces 2 lignes et importer les autres")')]);
    expect(skipped.status()).toBe(303);
    expect(await page.locator('.notice').textContent()).toBe('1 présence consignée, 2 lignes ignorées (aucun membre correspondant), 1 personne restée moins longtemps que le minimum.');
    expect(await checkedNames(page)).toEqual(['Ana Roy', 'Bruno Tremblay', 'Chloé Gagnon']);
    expect(await page.locator(`input[name=memberIds][value="${dana}"]`).isChecked()).toBe(false);
    await shoot(page, 'gathering-imported');
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 1 }));
    expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 3 });

    // The same in English: the refused lines, the button to skip them, the notice.
    await page.goto(`${gatheringUrl}?lang=en`);
    expect([await page.locator('.file-field label.button').textContent(), await page.locator('#file-chosen').textContent()]).toEqual(['Choose a file', 'No file chosen']);
    await page.fill('#csv', joinLog.join('\n'));
    await page.click('form[action$="/attendance/import"] button[type=submit]:not([name=skipUnmatched])');
    expect(await page.locator('#csv-error').textContent()).toBe('2 lines match no member. Nothing was recorded.');
    expect(await page.locator('.problem li').first().textContent()).toBe('Line 3: +1 613 555 0100 — No member matches this line.');
    await shoot(page, 'gathering-import-unmatched');
    await page.click('button:has-text("Skip these 2 lines and import the others")');
    // Without a minimum this time, Dana's five minutes count.
    expect(await page.locator('.notice').textContent()).toBe('1 person recorded as present, 2 lines skipped (no matching member).');
    await page.fill('#minimumMinutes', '0');
    await page.fill('#csv', joinLog.join('\n'));
    await page.click('form[action$="/attendance/import"] button[type=submit]:not([name=skipUnmatched])');
    expect(await page.locator('#minimumMinutes-error').textContent()).toBe('Give a whole number of minutes, from 1 to 1,440.');

    // A gathering still to come: its facts, and no attendance form until attendance opens.
    await page.goto(`${portal}/c/${consortiumId}/gatherings/${coming.body.id}?lang=fr`);
    expect(await page.locator('form[action$="/attendance"]').count()).toBe(0);
    expect(await page.locator('main').innerText()).toMatch(/Les présences se consignent à partir du .+ (HNE|HAE), une heure avant le début\./);
    expect((await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ')).toContain('Lien pour se joindre https://meet.example.org/atelier');
    expect((await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ')).toContain('Places restantes Sans limite');
    await shoot(page, 'gathering-coming');
    await page.goto(`${portal}/c/${consortiumId}/gatherings/${coming.body.id}?lang=en`);
    expect(await page.locator('main').innerText()).toMatch(/Attendance can be recorded from .+ (EST|EDT), an hour before the start\./);
    await shoot(page, 'gathering-coming');
    await context.close();
  }, journeyTimeoutMs);
  it('asks those recorded present for their feedback on their page, refuses a survey left unanswered in their words, and thanks them once answered', async () => {
    const { system, browser } = journey;
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium des avis');
    const api = (method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token: coordinator, body });
    const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Mentor Canada', 'youth-employment-nonprofit', 'QC');
    const ana = await joinMember(system, consortiumId, coordinator, nonprofit, 'Ana Roy', 'nonprofit-staff', 'idp|avis-ana');
    const held = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier de mars', startsAt: '2026-03-10T17:00:00.000Z', alreadyHeld: true })).body.id as string;
    const missed = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier manqué', startsAt: '2026-03-17T17:00:00.000Z', alreadyHeld: true })).body.id as string;
    expect((await api('POST', `/gatherings/${held}/attendance`, { memberIds: [ana] })).status).toBe(200);
    const survey = (await api('POST', '/surveys', { gatheringId: held, title: { fr: 'Bilan de l’atelier de mars', en: 'March workshop review' } })).body.id as string;
    // Not recorded present at this one: not listed for Ana.
    expect((await api('POST', '/surveys', { gatheringId: missed, title: { fr: 'Bilan de l’atelier manqué', en: 'Missed workshop review' } })).status).toBe(201);

    const portal = system.service('portal').url;
    const context = await browser.newContext({ locale: 'fr-CA', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in`);
    await page.selectOption('#person', { label: 'Consortium des avis — Ana Roy (Mentor Canada)' });
    await page.click('button[type=submit]');

    await page.goto(`${portal}/c/${consortiumId}/organization?lang=fr`);
    expect(await page.locator('#feedback-title').textContent()).toBe('Donnez votre avis');
    expect(await page.locator('section[aria-labelledby=feedback-title] li a').allTextContents()).toEqual(['Bilan de l’atelier de mars']);
    await shoot(page, 'organization-feedback');
    await page.click('section[aria-labelledby=feedback-title] li a');
    expect(page.url()).toBe(`${portal}/c/${consortiumId}/surveys/${survey}/answer`);
    expect(await page.locator('h1').textContent()).toBe('Bilan de l’atelier de mars');
    expect(await page.locator('#answer-participation legend').textContent()).toBe('Comment évaluez-vous votre niveau de participation\u00a0?');
    expect(await page.locator('#answer-participation label').allTextContents()).toEqual(['1 — Très faible', '2 — Faible', '3 — Moyen', '4 — Élevé', '5 — Très élevé'].map((l) => ` ${l}`));
    expect(await page.locator('#answer-comments-hint').textContent()).toContain('sans votre nom');
    await shoot(page, 'survey-answer');

    // Two questions answered, the comment typed: the others are asked again, what was given kept.
    await page.check('#answer-participation input[value="4"]');
    await page.check('#answer-perceived-value input[value="5"]');
    await page.fill('#answer-comments', 'Très utile, merci.');
    await page.click('form[action$="/answer"] button[type=submit]');
    expect(await page.locator('.error-summary li').allTextContents()).toEqual([
      'Dans quelle mesure avez-vous contribué à l’élaboration des modèles\u00a0? — Choisissez une réponse de 1 à 5.',
      'Comment évaluez-vous la confiance et la synergie entre partenaires\u00a0? — Choisissez une réponse de 1 à 5.',
    ]);
    expect(await page.locator('#answer-participation input[value="4"]').isChecked()).toBe(true);
    expect(await page.inputValue('#answer-comments')).toBe('Très utile, merci.');
    await shoot(page, 'survey-answer-refused');
    await page.goto(`${page.url().split('?')[0]}?lang=en`);
    await page.click('form[action$="/answer"] button[type=submit]');
    expect(await page.locator('.error-summary li').first().textContent()).toBe('How would you rate your level of participation? — Choose an answer from 1 to 5.');
    await shoot(page, 'survey-answer-refused');

    await page.goto(`${portal}/c/${consortiumId}/surveys/${survey}/answer?lang=fr`);
    for (const [question, value] of [['participation', '4'], ['perceived-value', '5'], ['model-contribution', '3'], ['trust-synergy', '4']]) await page.check(`#answer-${question} input[value="${value}"]`);
    await page.fill('#answer-comments', 'Très utile, merci.');
    const [sent] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/answer')), page.click('form[action$="/answer"] button[type=submit]')]);
    expect(sent.status()).toBe(303);
    expect(await page.locator('.notice').textContent()).toBe('Merci\u00a0: vos réponses sont enregistrées.');
    expect(await page.locator('main').innerText()).toMatch(/Vous avez répondu à ce sondage le \d+(er)? \S+ \d{4}\./);
    expect(await page.locator('form[action$="/answer"]').count()).toBe(0);
    await shoot(page, 'survey-answered');
    // Answered: no longer listed, and the page says so in English too.
    await page.goto(`${portal}/c/${consortiumId}/organization?lang=fr`);
    expect(await page.locator('#feedback-title').count()).toBe(0);
    await page.goto(`${portal}/c/${consortiumId}/surveys/${survey}/answer?lang=en`);
    expect(await page.locator('main').innerText()).toContain('You answered this survey on ');
    await shoot(page, 'survey-answered');
    await context.close();
  }, journeyTimeoutMs);
});
