import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { checkBothLanguages, checkPage, checkPhoneMenu, journeyTimeoutMs, launchChromium } from './support/browser';
import { createConsortium, joinMember, joinOrganization } from './support/programme';

/** Nonprofit staff and a provider in the portal, in a real headless Chromium against the real services. */
describe('portal: a nonprofit team assesses itself and asks a suggested provider, who accepts', () => {
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

  const checkBoth = (page: Page, name: string) => checkBothLanguages(page, shots, name);
  /** The second step of an irreversible action. */
  const confirm = (page: Page) => page.click('main form[data-confirmation] button[type=submit]');
  /**
   * A confirmation page, opened by clicking `opener` and checked like every page: its title names the step and whom it concerns,
   * its button's kind matches the step (danger for one that refuses or ends something).
   */
  async function checkConfirmation(page: Page, opener: string, name: string, title: string, kind: 'primary' | 'danger'): Promise<void> {
    // Not by its address: a payment's confirmation has the address of the refused post before it.
    await page.click(opener);
    await page.locator('main form[data-confirmation]').waitFor();
    expect(await page.locator('main h1').textContent()).toBe(title);
    expect(await page.getAttribute('main form[data-confirmation] button[type=submit]', 'class')).toBe(`button ${kind}`);
    expect(await page.locator('main form[data-confirmation] a.button.secondary').count()).toBe(1);
    await checkPage(page, shots, `confirm-${name}`);
  }

  async function signIn(context: BrowserContext, portal: string, label: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${portal}/sign-in?lang=fr`);
    await page.selectOption('#person', { label });
    // The next page loaded, styles included, before anything reads it (a half-loaded page shows both header labels).
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/sign-in'), { waitUntil: 'load' }), page.click('button[type=submit]')]);
    return page;
  }

  /** The step's questions answered: cybersecurity at stage 1, every other at stage 3 (but the questions named in `skip`). */
  async function answerStep(page: Page, skip: string[] = []): Promise<void> {
    await page.evaluate((skipped) => {
      for (const input of document.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
        if (!skipped.includes(input.name) && input.value === (input.name.startsWith('cybersecurity/') ? 's1' : 's3')) input.checked = true;
      }
    }, skip);
  }

  /**
   * Clicks what leads to another page and waits for that page to have loaded: the old page may
   * still be there when the click returns, and it has the same headings and buttons.
   */
  async function go(page: Page, selector: string): Promise<void> {
    const before = page.url();
    await page.click(selector);
    await page.waitForURL((url) => url.toString() !== before);
  }

  /** From the current step to the last, each answered then continued, up to "check your answers". */
  async function answerSteps(page: Page, skip: string[] = []): Promise<void> {
    for (let step = 0; step < 8 && !new URL(page.url()).pathname.endsWith('/check'); step++) {
      await answerStep(page, skip);
      await go(page, 'button[value=next]');
    }
    expect(new URL(page.url()).pathname).toMatch(/\/check$/);
  }

  it('takes the journey from a team assessment to an introduction, an agreed scope and a confirmed completion', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium OBNL');
    const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Woodgreen', 'youth-employment-nonprofit', 'ON');
    const provider = await joinOrganization(system, consortiumId, coordinator, 'Technology Helps', 'service-provider', 'ON');
    await joinMember(system, consortiumId, coordinator, nonprofit, 'Nadia', 'nonprofit-staff', 'idp|nadia');
    await joinMember(system, consortiumId, coordinator, nonprofit, 'Noah', 'nonprofit-staff', 'idp|noah');
    await joinMember(system, consortiumId, coordinator, provider, 'Priya', 'provider-staff', 'idp|priya');
    const profile = { offerings: [{ title: 'Cybersécurité', dimensions: ['cybersecurity'], stages: [1, 2, 3] }], languages: ['fr', 'en'], remote: true, costModel: { kind: 'free' }, capacity: 2, responseTimeDays: 5 };
    await expectEventually(async () =>
      expect((await system.call('provider-matching', 'PUT', `/consortia/${consortiumId}/providers/${provider}`, { token: coordinator, body: profile })).status).toBe(200),
    );
    const portal = system.service('portal').url;

    // Before anything, the provider has no request: the page says so and what brings one.
    const early = await browser.newContext({ locale: 'fr-CA' });
    const empty = await signIn(early, portal, 'Consortium OBNL — Priya (Technology Helps)');
    expect(new URL(empty.url()).pathname).toBe(`/c/${consortiumId}/requests`);
    expect(await empty.locator('main .empty p').first().textContent()).toBe('Aucune demande pour l’instant.');
    await checkBoth(empty, 'requests-empty');
    await early.close();

    // Nadia starts a team assessment with Noah and submits her answers.
    const nadia = await browser.newContext({ locale: 'fr-CA' });
    let page = await signIn(nadia, portal, 'Consortium OBNL — Nadia (Woodgreen)');
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}/organization`);
    await checkBoth(page, 'organization');
    // The header's menu on a phone, once: every signed-in page has the same header.
    await checkPhoneMenu(page, shots, 'organization.fr');
    // No need and no engagement yet: each page says why and the next step.
    await page.goto(`${portal}/c/${consortiumId}/needs?lang=fr`);
    expect(await page.locator('main .empty p').first().textContent()).toBe('Aucun besoin pour l’instant\u00a0: terminez une autoévaluation pour en obtenir à partir de vos écarts.');
    await checkBoth(page, 'needs-empty');
    await page.goto(`${portal}/c/${consortiumId}/engagements?lang=fr`);
    expect(await page.locator('main .empty p').first().textContent()).toBe('Aucun accompagnement pour l’instant.');
    await checkBoth(page, 'engagements-empty');
    await page.goto(`${portal}/c/${consortiumId}/organization?lang=fr`);
    await page.check('input[name=teammates]');
    await go(page, 'form[action$="/assessments"] button[type=submit]');
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/c/${consortiumId}/assessments/`));
    const assessmentPath = new URL(page.url()).pathname;
    // The team by name, nobody has submitted yet.
    expect(await page.locator('#respondents-title + ul').innerText()).toMatch(/Nadia \(vous\)\s+pas encore soumis[^]*Noah\s+pas encore soumis/);
    await checkBoth(page, 'assessment');

    // One step per dimension, with its progress; each step saved as she goes.
    await go(page, 'main a:has-text("Commencer à répondre")');
    expect(await page.locator('.lead').textContent()).toBe('Étape 1 sur 8');
    expect(await page.locator('.step-progress li').count()).toBe(8);
    expect(await page.locator('.step-progress li:first-child').getAttribute('aria-current')).toBe('step');
    await checkBoth(page, 'assessment-step');
    const firstStepQuestions = await page.locator('main fieldset').count();
    await answerStep(page);
    await go(page, 'button[value=next]');
    expect(await page.locator('.lead').textContent()).toBe('Étape 2 sur 8');
    await go(page, 'button[value=previous]');
    expect(await page.locator('.lead').textContent()).toBe('Étape 1 sur 8');
    expect(await page.locator('input[type=radio]:checked').count()).toBe(firstStepQuestions);
    await go(page, 'button[value=next]');
    // Saved for later, she resumes where she left off.
    await answerStep(page);
    await go(page, 'button[value=later]');
    expect(await page.locator('.notice').textContent()).toBe('Réponses enregistrées\u00a0: vous pourrez reprendre plus tard.');
    await go(page, 'main a:has-text("Reprendre là où vous en étiez")');
    expect(await page.locator('.lead').textContent()).toBe('Étape 3 sur 8');
    // The first cybersecurity question (step 5) left unanswered, then "check your answers".
    let skipped = '';
    for (let step = 3; step <= 8; step++) {
      if (step === 5) skipped = (await page.locator('main input[type=radio]').first().getAttribute('name'))!;
      await answerStep(page, [skipped]);
      await go(page, 'button[value=next]');
    }
    expect(skipped).toMatch(/^cybersecurity\//);
    expect(await page.locator('h1').textContent()).toBe('Vérifiez vos réponses');
    // The check-your-answers page itself (GET …/check), in both languages and widths.
    expect(new URL(page.url()).pathname).toMatch(/\/check$/);
    await checkBoth(page, 'assessment-check');
    // Submitting marks the unanswered question: the error summary links to it, its row says so.
    await go(page, 'form[action$="/submit"] button');
    expect(new URL(page.url()).pathname).toMatch(/\/submit$/);
    const anchor = `q-${skipped.replace('/', '-')}`;
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe(`#${anchor}`);
    expect(await page.locator('.error-summary a').textContent()).toContain('Répondez à cette question.');
    expect(await page.locator(`#${anchor} + dd .field-error`).textContent()).toBe('Répondez à cette question.');
    // A refused post's page (the form again) is checked in its language, then refused again in English and checked.
    await checkPage(page, shots, 'assessment-check-refused.fr');
    const checkUrl = page.url().replace(/\/submit$/, '/check');
    await page.goto(`${checkUrl}?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Check your answers');
    const [refusedInEnglish] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/submit')), go(page, 'form[action$="/submit"] button')]);
    expect(refusedInEnglish.status()).toBe(400);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe(`#${anchor}`);
    expect(await page.locator(`#${anchor} + dd .field-error`).textContent()).toBe('Answer this question.');
    await checkPage(page, shots, 'assessment-check-refused.en');
    // Back in French, refused again: the question is marked as before.
    await page.goto(`${checkUrl}?lang=fr`);
    await go(page, 'form[action$="/submit"] button');
    expect(await page.locator(`#${anchor} + dd .field-error`).textContent()).toBe('Répondez à cette question.');
    await go(page, `#${anchor} + dd a`);
    expect(await page.locator(`fieldset#${anchor} .field-error`).textContent()).toBe('Répondez à cette question.');
    await answerStep(page);
    await go(page, 'button[value=next]');
    expect(await page.locator('.error-summary').count()).toBe(0);
    await go(page, 'form[action$="/submit"] button');
    expect(await page.locator('.notice').textContent()).toBe('Réponses soumises. Le résultat paraît quand toute l’équipe a soumis.');
    expect(await page.locator('main').textContent()).toContain('en cours\u00a0: 1 sur 2 a soumis');
    expect(await page.locator('#respondents-title + ul').innerText()).toMatch(/Nadia \(vous\)\s+a soumis[^]*Noah\s+pas encore soumis/);
    await nadia.close();

    // Noah, invited, sees the assessment awaiting his answers on his organisation's page, and completes it.
    const noah = await browser.newContext({ locale: 'fr-CA' });
    page = await signIn(noah, portal, 'Consortium OBNL — Noah (Woodgreen)');
    expect(await page.locator(`main li:has(a[href="${assessmentPath}"]) .badge`).textContent()).toBe('À vous de répondre');
    await go(page, `a[href="${assessmentPath}"]`);
    await go(page, 'main a:has-text("Commencer à répondre")');
    await answerSteps(page);
    await go(page, 'form[action$="/submit"] button');
    // The result: the radar, the gaps against the targets (the widest and lowest first), the next steps.
    expect(await page.locator('h1').textContent()).toBe('Résultat');
    expect(await page.locator('#maturity-profile tbody tr').count()).toBe(8);
    expect(await page.locator('main table[data-gaps] tbody tr').first().innerText()).toMatch(/^Cybersécurité\s+1 – Émergent\s+2 – En développement\s+1 étape\s+1$/);
    // The biggest gap's draft need (drawn from the gaps as events) is the next step.
    await expectEventually(async () => {
      await page.reload();
      expect(await page.locator('main a:has-text("Confirmer le besoin en Cybersécurité")').count()).toBe(1);
    });
    expect(await page.locator('#next-title + p').textContent()).toBe('Votre plus grand écart est en Cybersécurité\u00a0: un fournisseur peut vous aider à le combler.');
    await checkBoth(page, 'assessment-result');

    // The maturity profile and the journey, with a milestone ticked.
    await page.goto(`${portal}/c/${consortiumId}/organization/profile`);
    expect(await page.locator('main .table-scroll table').textContent()).toContain('Cybersécurité');
    // The radar of the 8 dimensions with the target stage; no peer median while there are too few peers.
    const radar = page.locator('#maturity-profile');
    // Drawn twice, for a wide card and for a phone; the page shows one.
    expect(await radar.locator('svg[role="img"] title').allTextContents()).toEqual(['Profil de maturité\u00a0: votre étape et l’étape visée', 'Profil de maturité\u00a0: votre étape et l’étape visée']);
    expect(await radar.locator('thead th').allTextContents()).toEqual(['Dimension', 'Votre étape', 'Étape visée']);
    expect(await radar.locator('tbody tr').count()).toBe(8);
    // Cybersecurity answered at the first stage: its target is the next stage up, both by name.
    expect(await radar.locator('tbody tr', { hasText: 'Cybersécurité' }).locator('td').allTextContents()).toEqual(['1 – Émergent', '2 – En développement']);
    // The peer benchmark waits for 5 organisations, without saying how many have completed (a small count).
    expect(await page.locator('main').textContent()).toContain('au moins 5 organismes de cette catégorie');
    expect(await page.locator('main').textContent()).not.toMatch(/pour l’instant/);
    // Only the columns that say something: the team's disagreement, but no change before a retake and no peers' column yet.
    expect(await page.locator('main table[data-profile] thead th').allTextContents()).toEqual(['Dimension', 'Score (sur 100)', 'Étape', 'Écart dans l’équipe']);
    await checkBoth(page, 'profile');
    await page.click('main a:has-text("Parcours de préparation")');
    expect(await page.locator('main').textContent()).toMatch(/Progression\u00a0: 0\s%/);
    await page.locator('main form button').first().click();
    expect(await page.locator('.notice').textContent()).toBe('Jalon franchi.');
    expect(await page.locator('main').textContent()).toMatch(/franchi le/);
    // The journey's chart counts the milestone reached, with its data as a table.
    expect(await page.locator('#journey-progress svg[role="img"] title').textContent()).toBe('Jalons franchis par dimension');
    expect((await page.locator('#journey-progress tbody td:nth-child(2)').allTextContents()).map(Number).reduce((a, b) => a + b, 0)).toBe(1);
    await checkBoth(page, 'journey');

    // The readiness gaps became draft needs: Noah confirms the cybersecurity one and asks the suggested provider.
    await page.click('nav >> text=Besoins et fournisseurs');
    await expectEventually(async () => {
      await page.reload();
      expect(await page.locator('main li').count()).toBeGreaterThan(0);
    });
    await checkBoth(page, 'needs');
    await page.click('main a:has-text("Cybersécurité")');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('#description-error').textContent()).toBe('Champ obligatoire.');
    await page.fill('#description', 'Activer l’authentification à deux facteurs pour toute l’équipe');
    await page.fill('#staffHoursPerWeek', '3');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Besoin confirmé\u00a0: vous pouvez demander une mise en relation.');
    expect(await page.locator('main ol li strong').first().textContent()).toBe('Technology Helps');
    await page.click('main ol li summary');
    expect(await page.locator('main ol li details').first().textContent()).toContain('Offre un accompagnement');
    await checkBoth(page, 'need');
    await page.click('button:has-text("Demander une mise en relation")');
    expect(await page.locator('.notice').textContent()).toBe('Demande envoyée au fournisseur.');
    // The provider asked shows how the request stands instead of offering to ask again.
    expect(await page.locator('main ol li').first().textContent()).toContain('Demande envoyée (en attente de réponse)');
    expect(await page.locator('button:has-text("Demander une mise en relation")').count()).toBe(0);

    // Priya, at the provider, sees the request and accepts it, once she confirms.
    const priya = await browser.newContext({ locale: 'fr-CA' });
    page = await signIn(priya, portal, 'Consortium OBNL — Priya (Technology Helps)');
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}/requests`);
    // The request carries the nonprofit's readiness gap and what it offers to put in.
    const requestText = (await page.locator('main section').first().textContent())!;
    expect(requestText).toContain('Woodgreen');
    // Stages by their names, never bare digits.
    expect(requestText).toMatch(/Cybersécurité\s*Préparation\s*de l’étape 1 – Émergent vers l’étape 2 – En développement/);
    expect(requestText).toContain('3 h par semaine');
    expect(requestText).toContain('Activer l’authentification à deux facteurs');
    await checkBoth(page, 'requests');
    // Declining is confirmed on a page of its own, in red, with the reason; going back changes nothing.
    await checkConfirmation(page, 'button[value=decline]', 'decline.fr', 'Refuser la demande de Woodgreen\u00a0?', 'danger');
    expect(await page.locator('main dl.facts').textContent()).toMatch(/Raison/);
    await go(page, 'main form[data-confirmation] a:has-text("Retour")');
    // The same confirmations in English.
    await page.goto(`${portal}/c/${consortiumId}/requests?lang=en`);
    await checkConfirmation(page, 'button[value=decline]', 'decline.en', 'Decline the request from Woodgreen?', 'danger');
    await go(page, 'main form[data-confirmation] a:has-text("Go back")');
    await checkConfirmation(page, 'button[value=accept]', 'accept.en', 'Accept the request from Woodgreen?', 'primary');
    await page.goto(`${portal}/c/${consortiumId}/requests?lang=fr`);
    expect(await page.locator('main section h2').first().textContent()).toBe('Woodgreen — en attente de réponse');
    await checkConfirmation(page, 'button[value=accept]', 'accept.fr', 'Accepter la demande de Woodgreen\u00a0?', 'primary');
    await confirm(page);
    // Accepting leads to the next step: proposing the scope.
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}/engagements`);
    expect(await page.locator('.notice').textContent()).toBe('Demande acceptée. Prochaine étape\u00a0: proposez la portée du travail et les deux versements.');
    const scopeAction = (await page.getAttribute('form[action$="/scope"]', 'action'))!;
    const engagementId = scopeAction.split('/')[4];
    await page.click('form[action$="/scope"] button[type=submit]');
    expect(await page.locator(`#scope-${engagementId}-error`).textContent()).toBeTruthy();
    expect(await page.locator(`#kickOffDue-${engagementId}-error`).textContent()).toBeTruthy();
    await page.fill(`#scope-${engagementId}`, 'Authentification à deux facteurs et formation de l’équipe');
    await page.fill(`#kickOffAmount-${engagementId}`, '1500');
    await page.fill(`#kickOffDue-${engagementId}`, '2027-01-15');
    await page.fill(`#completionAmount-${engagementId}`, '1500');
    await page.fill(`#completionDue-${engagementId}`, '2027-04-30');
    await page.click('form[action$="/scope"] button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Accompagnement mis à jour.');
    expect(await page.locator('main section h2').first().textContent()).toBe('Avec Woodgreen — portée proposée');
    expect(await page.locator('main').textContent()).toMatch(/Lancement\u00a0: 1\s500\s\$ — dû le 15 janvier 2027/);
    expect(await page.locator('main').textContent()).toContain('Portée proposée\u00a0: l’organisme doit l’accepter avant que le travail commence.');
    expect(await page.locator('form[action$="/start"]').count()).toBe(0);

    // Noah agrees the proposed scope.
    const asked = await noah.newPage();
    await asked.goto(`${portal}/c/${consortiumId}/engagements`);
    expect(await asked.locator('main').textContent()).toContain('Le fournisseur propose cette portée et ces versements');
    await checkConfirmation(asked, 'form[action$="/agree-scope"] button', 'agree-scope.fr', 'Accepter la portée proposée par Technology Helps\u00a0?', 'primary');
    expect(await asked.locator('main dl.facts').textContent()).toMatch(/Lancement\s*1\s500\s\$ — dû le 15 janvier 2027/);
    await confirm(asked);
    expect(await asked.locator('main section h2').first().textContent()).toBe('Avec Technology Helps — portée convenue');

    // Priya starts and delivers the work, each step confirmed.
    await page.reload();
    await checkConfirmation(page, 'form[action$="/start"] button', 'start.fr', 'Commencer le travail avec Woodgreen\u00a0?', 'primary');
    await confirm(page);
    expect(await page.locator('main section h2').first().textContent()).toBe('Avec Woodgreen — en cours');
    await checkConfirmation(page, 'form[action$="/complete"] button', 'complete.fr', 'Indiquer à Woodgreen que le travail est livré\u00a0?', 'primary');
    await confirm(page);
    expect(await page.locator('main').textContent()).toContain('Travail livré\u00a0: l’organisme doit confirmer qu’il est terminé.');
    expect(await page.locator('form[action$="/ratings"]').count()).toBe(0);

    // Noah confirms completion; going back from the confirmation first changes nothing (nor does going back from cancelling).
    await asked.reload();
    await checkConfirmation(asked, 'form[action$="/cancel"] button', 'cancel.fr', 'Annuler l’accompagnement avec Technology Helps\u00a0?', 'danger');
    await go(asked, 'main form[data-confirmation] a:has-text("Retour")');
    await checkConfirmation(asked, 'form[action$="/confirm-completion"] button', 'confirm-completion.fr', 'Confirmer que Technology Helps a terminé le travail\u00a0?', 'primary');
    expect(await asked.locator('main').textContent()).toContain('le besoin qu’il couvrait est fermé');
    await go(asked, 'main form[data-confirmation] a:has-text("Retour")');
    expect(await asked.locator('main section h2').first().textContent()).toBe('Avec Technology Helps — livré, fin à confirmer');
    await asked.click('form[action$="/confirm-completion"] button');
    await confirm(asked);
    expect(await asked.locator('main section h2').first().textContent()).toBe('Avec Technology Helps — terminé');
    await checkBoth(asked, 'engagements-nonprofit');

    // With that need closed, Noah posts a new cybersecurity need; wrong dates are refused next to the field, in each language.
    await asked.click('nav >> text=Besoins et fournisseurs');
    await asked.click('main a:has-text("Publier un besoin")');
    await asked.selectOption('#dimension', 'cybersecurity');
    await asked.fill('#description', 'Former l’équipe à reconnaître l’hameçonnage');
    await asked.fill('#staffHoursPerWeek', '2');
    await asked.fill('#startsOn', '2027-06-01');
    await asked.fill('#endsOn', '2027-05-01');
    await asked.click('form.stack button[type=submit]');
    expect(await asked.locator('#endsOn-error').textContent()).toBe('La fin ne doit pas précéder le début.');
    expect(await asked.locator('.error-summary a[href="#endsOn"]').textContent()).toBe('Fin souhaitée (facultatif) — La fin ne doit pas précéder le début.');
    expect(await asked.inputValue('#description')).toBe('Former l’équipe à reconnaître l’hameçonnage');
    await checkPage(asked, shots, 'need-new.fr');
    await asked.goto(`${portal}/c/${consortiumId}/needs/new?lang=en`);
    await go(asked, 'form.stack button[type=submit]');
    expect(await asked.locator('.error-summary li').allTextContents()).toEqual(['Readiness dimension — Required.', 'Description — Required.', 'Hours a week your team sets aside for it — Required.']);
    await checkPage(asked, shots, 'need-new.en');
    await asked.goto(`${portal}/c/${consortiumId}/needs/new?lang=fr&dimension=cybersecurity`);
    expect(await asked.locator('#dimension').inputValue()).toBe('cybersecurity');
    await asked.fill('#description', 'Former l’équipe à reconnaître l’hameçonnage');
    await asked.fill('#staffHoursPerWeek', '2');
    await go(asked, 'form.stack button[type=submit]');
    expect(new URL(asked.url()).pathname).toMatch(new RegExp(`^/c/${consortiumId}/needs/[0-9a-f-]{36}$`));
    expect(await asked.locator('.notice').textContent()).toBe('Besoin publié\u00a0: voici les fournisseurs suggérés.');
    expect(await asked.locator('main').textContent()).toContain('Former l’équipe à reconnaître l’hameçonnage');
    const secondNeed = asked.url().split('?')[0];
    await noah.close();

    // Priya rates it; her finished request sits under "Handled requests".
    await page.reload();
    await page.selectOption(`#score-${engagementId}`, '5');
    await checkBoth(page, 'engagements');
    await checkConfirmation(page, 'form[action$="/ratings"] button', 'ratings.fr', 'Donner la note 5/5 à Woodgreen\u00a0?', 'primary');
    await confirm(page);
    expect(await page.locator('main').textContent()).toContain('Note du fournisseur\u00a0: 5/5');
    await page.goto(`${portal}/c/${consortiumId}/requests`);
    expect(await page.locator('main h2').first().textContent()).toBe('Demandes traitées');

    // Her profile, loaded as published; a profile without a language is refused next to the field, nothing lost.
    await page.click('nav >> text=Profil de fournisseur');
    expect(await page.inputValue('#title0')).toBe('Cybersécurité');
    await checkBoth(page, 'provider-profile');
    await page.uncheck('input[name=languages][value=fr]');
    await page.uncheck('input[name=languages][value=en]');
    await page.fill('#capacity', '3');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('fieldset:has(input[name=languages]) .field-error').textContent()).toBeTruthy();
    expect(await page.inputValue('#capacity')).toBe('3');
    await page.check('input[name=languages][value=fr]');
    await page.click('form.stack button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Profil enregistré.');
    expect(await page.inputValue('#capacity')).toBe('3');
    await priya.close();

    // The coordinator records the programme's two payments; one without its date is refused next to the field.
    const coordination = await browser.newContext({ locale: 'fr-CA' });
    page = await signIn(coordination, portal, 'Consortium OBNL — Coordination du consortium');
    await page.click('nav >> text=Accompagnements');
    expect(await page.locator('main section h2').first().textContent()).toBe('Woodgreen avec Technology Helps — terminé');
    expect(await page.inputValue(`#kick-off-amount-${engagementId}`)).toBe('1500');
    await page.click('form[action$="/payments/kick-off"] button');
    expect(await page.locator(`#kick-off-paidOn-${engagementId}-error`).textContent()).toBe('Champ obligatoire.');
    await page.fill(`#kick-off-paidOn-${engagementId}`, '2027-01-20');
    await checkConfirmation(page, 'form[action$="/payments/kick-off"] button', 'payment.fr', 'Consigner le versement de lancement pour Woodgreen – Technology Helps\u00a0?', 'primary');
    expect(await page.locator('main dl.facts').textContent()).toMatch(/Montant\s*1\s500\s\$\s*Versé le\s*20 janvier 2027/);
    await confirm(page);
    expect(await page.locator('.notice').textContent()).toBe('Versement consigné.');
    expect(await page.locator('main').textContent()).toMatch(/Lancement\u00a0: 1\s500\s\$ — versé le 20 janvier 2027/);
    await checkBoth(page, 'engagements-coordinator');
    await page.fill(`#completion-paidOn-${engagementId}`, '2027-05-02');
    await page.click('form[action$="/payments/completion"] button');
    await confirm(page);
    expect(await page.locator('main').textContent()).toMatch(/Fin\u00a0: 1\s500\s\$ — versé le 2 mai 2027/);
    expect(await page.locator('form[action*="/payments/"]').count()).toBe(0);
    await coordination.close();

    // Noah asks Technology Helps about his second need: Priya then has a new request and a finished one.
    const noahAgain = await browser.newContext({ locale: 'fr-CA' });
    page = await signIn(noahAgain, portal, 'Consortium OBNL — Noah (Woodgreen)');
    await page.goto(secondNeed);
    await page.click('button:has-text("Demander une mise en relation")');
    expect(await page.locator('.notice').textContent()).toBe('Demande envoyée au fournisseur.');
    await noahAgain.close();
    const priyaAgain = await browser.newContext({ locale: 'fr-CA' });
    page = await signIn(priyaAgain, portal, 'Consortium OBNL — Priya (Technology Helps)');
    // The new request first, then the heading of the finished ones, then the finished one.
    const headings = (await page.locator('main h2').allTextContents()).map((h) => h.replace(/\s+/g, ' ').trim());
    expect(headings).toEqual(['Woodgreen — en attente de réponse', 'Demandes traitées', 'Woodgreen — accompagnement terminé']);
    expect(await page.locator('main section').first().textContent()).toContain('Former l’équipe à reconnaître l’hameçonnage');
    expect(await page.locator('main section').nth(1).locator('button[value=accept]').count()).toBe(0);
    await checkBoth(page, 'requests-new-and-finished');
    await priyaAgain.close();
  }, journeyTimeoutMs);
});
