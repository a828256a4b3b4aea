import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ParsedMail } from 'mailparser';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { checkBothLanguages, journeyTimeoutMs, launchChromium } from './support/browser';
import { MailServer } from './support/mail-server';
import { metricValue } from './support/metrics';
import { freeRangeBelowEphemeral } from './support/ports';
import { createConsortium } from './support/programme';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** A header of a message as it was written (mailparser folds List-* headers into an object of its own). */
const headerOf = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');

/**
 * What people choose to receive is honoured: per category from their preferences page, or with the
 * signed one-click link of every message (RFC 8058, posted to the portal as a mail client does),
 * also for messages queued before they chose; and nobody who left receives anything.
 */
describe('notifications: preferences, one-click unsubscribe, members who left', () => {
  let system: TestSystem;
  let smtp: MailServer;
  let portal: string;
  let consortiumId: string;
  let coordinator: string;
  const people = {
    nonprofit: { name: 'Renée Tremblay', email: 'renee.tremblay@cje.example.org', subject: 'idp|unsub-renee' },
    colleague: { name: 'Luc Gagnon', email: 'luc.gagnon@cje.example.org', subject: 'idp|unsub-luc' },
    provider: { name: 'Jordan Smith', email: 'jordan.smith@dataforgood.example.org', subject: 'idp|unsub-jordan' },
    leaving: { name: 'Kim Latecomer', email: 'kim.latecomer@cje.example.org', subject: 'idp|unsub-kim' },
  };
  const tokens = {} as Record<keyof typeof people, string>;
  const memberIds = {} as Record<keyof typeof people, string>;
  let providerId: string;
  let nonprofitId: string;
  /** Renée's portal session (its cookie), and the link of a message to Luc. */
  let reneeCookie: string;
  let unsubscribeLink: URL;

  beforeAll(async () => {
    smtp = new MailServer((await freeRangeBelowEphemeral(1)) + 1);
    await smtp.start();
    system = await TestSystem.start({
      services: ['community', 'assessments', 'provider-matching', 'portal'],
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_POLL_INTERVAL_MS: '200', MAIL_RETRY_BASE_MS: '200', MAIL_RETRY_MAX_MS: '1000' },
    });
    portal = system.service('portal').url;
    ({ consortiumId, coordinator } = await createConsortium(system, 'Consortium des préférences'));
    const organization = async (name: string, category: string, preferredLanguage: string) =>
      (await community(coordinator, 'POST', '/organizations', { name, category, provinceOrTerritory: 'QC', country: 'CA', preferredLanguage })).body.id as string;
    providerId = await organization('Data for Good', 'service-provider', 'en');
    nonprofitId = await organization('Carrefour jeunesse-emploi', 'youth-employment-nonprofit', 'fr');
    for (const [key, person, organizationId, role, roles] of [
      ['nonprofit', people.nonprofit, nonprofitId, 'nonprofit-staff', ['member']],
      ['colleague', people.colleague, nonprofitId, 'nonprofit-staff', ['member']],
      ['provider', people.provider, providerId, 'provider-staff', ['provider']],
      ['leaving', people.leaving, nonprofitId, 'nonprofit-staff', ['member']],
    ] as const) {
      const joined = await community(coordinator, 'POST', '/members', { organizationId, displayName: person.name, email: person.email, role, subject: person.subject });
      expect(joined.status).toBe(201);
      memberIds[key] = joined.body.id;
      tokens[key] = await consortiumToken({ [consortiumId]: [...roles] }, person.subject);
    }
    const profile = { offerings: [{ title: 'Cybersécurité et outils', dimensions: ['cybersecurity', 'digital-tools'], stages: [1, 2] }], languages: ['fr', 'en'], remote: true, provincesServed: [], capacity: 5, responseTimeDays: 5, costModel: { kind: 'free', feeRange: null } };
    await expectEventually(async () => expect((await system.call('provider-matching', 'PUT', `/consortia/${consortiumId}/providers/${providerId}`, { token: tokens.provider, body: profile })).status).toBe(200));
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  function community(token: string, method: string, path: string, body?: unknown) {
    return system.call('community', method, `/consortia/${consortiumId}${path}`, { token, body });
  }
  const preferencesOf = (who: keyof typeof people) => community(tokens[who], 'GET', '/members/me/notification-preferences');
  const invitationsTo = (address: string, title: string) => smtp.to(address).filter((mail) => mail.subject?.includes(title));
  /** The one message to `address` whose subject starts so, once the mail server has it. */
  const receivedOnce = (address: string, subjectStart: string) =>
    expectEventually(() => {
      const found = smtp.to(address).filter((mail) => mail.subject?.startsWith(subjectStart));
      expect(found).toHaveLength(1);
      return found[0];
    }, { timeoutMs: 30_000 });
  async function schedule(title: string): Promise<string> {
    const scheduled = await community(coordinator, 'POST', '/gatherings', { kind: 'workshop', title, startsAt: inDays(30).toISOString() });
    expect(scheduled.status).toBe(201);
    return scheduled.body.id;
  }
  /** Every message of the consortium queued so far (reminders, due later, aside) has left the queue: sent, or withdrawn. */
  const queueDrained = () =>
    expectEventually(async () => expect(await system.sql(`SELECT kind FROM community.mail_queue WHERE consortium_id = $1 AND status = 'pending' AND kind <> 'gathering-reminder'`, [consortiumId])).toEqual([]), { timeoutMs: 60_000 });

  it('a member who turned gatherings off on the portal’s page gets no invitation, and still gets the engagement’s messages', async () => {
    // Renée signs in to the portal and unticks gatherings on her preferences page.
    const signedIn = await fetch(`${portal}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ person: JSON.stringify([consortiumId, 'member', people.nonprofit.subject, people.nonprofit.name]), return: '/' }),
      redirect: 'manual',
    });
    const cookie = (reneeCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('ccndr_session='))!.split(';')[0]);
    const page = await (await fetch(`${portal}/c/${consortiumId}/notifications?lang=fr`, { headers: { cookie } })).text();
    expect(page).toContain('<h1>Mes notifications</h1>');
    for (const category of ['gatherings', 'engagements']) expect(page).toMatch(new RegExp(`id="${category}"[^>]*checked`));
    expect(page).not.toMatch(/id="digest"[^>]*checked/);
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)![1];
    const saved = await fetch(`${portal}/c/${consortiumId}/notifications`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams([['csrf', csrf], ['categories', 'engagements']]),
      redirect: 'manual',
    });
    expect({ status: saved.status, location: saved.headers.get('location') }).toEqual({ status: 303, location: `/c/${consortiumId}/notifications?done=saved` });
    const after = await (await fetch(`${portal}${saved.headers.get('location')}&lang=en`, { headers: { cookie } })).text();
    expect(after).toContain('Your notification preferences are saved.');
    expect(after).not.toMatch(/id="gatherings"[^>]*checked/);
    expect(await preferencesOf('nonprofit')).toMatchObject({ status: 200, body: { gatherings: false, engagements: true, digest: false } });
    // Someone who is not a member of the consortium has no preferences here.
    expect((await community(coordinator, 'GET', '/members/me/notification-preferences')).status).toBe(403);

    const gatheringId = await schedule('Atelier sans Renée');
    await expectEventually(async () => {
      for (const person of [people.colleague, people.provider, people.leaving]) expect(invitationsTo(person.email, 'Atelier sans Renée')).toHaveLength(1);
    }, { timeoutMs: 30_000 });
    // Nothing was queued for her.
    expect(await system.sql(`SELECT kind FROM community.mail_queue WHERE gathering_id = $1 AND member_id = $2 AND kind <> 'gathering-reminder'`, [gatheringId, memberIds.nonprofit])).toEqual([]);
    await queueDrained();
    expect(invitationsTo(people.nonprofit.email, 'Atelier sans Renée')).toEqual([]);

    const matching = (token: string, method: string, path: string, body?: unknown) => system.call('provider-matching', method, `/consortia/${consortiumId}${path}`, { token, body });
    const need = await expectEventually(async () => {
      const response = await matching(tokens.nonprofit, 'POST', '/needs', { organizationId: nonprofitId, dimension: 'cybersecurity', description: 'Sécuriser nos comptes', language: 'fr', budgetMax: 3000, staffHoursPerWeek: 4 });
      expect(response.status).toBe(201);
      return response.body;
    });
    const request = await matching(tokens.nonprofit, 'POST', '/engagements', { needId: need.id, providerId });
    expect(request.status).toBe(201);
    expect((await matching(tokens.provider, 'POST', `/engagements/${request.body.id}/accept`)).status).toBe(200);
    await expectEventually(() => expect(smtp.to(people.nonprofit.email).map((m) => m.subject)).toEqual(['Data for Good a accepté votre demande']), { timeoutMs: 30_000 });
  });

  it('puts the one-click headers on every message; the mail client’s POST to the portal stops that category, and a forged link changes nothing', async () => {
    const [invitation] = invitationsTo(people.colleague.email, 'Atelier sans Renée');
    const listUnsubscribe = headerOf(invitation, 'List-Unsubscribe')!;
    expect(headerOf(invitation, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = (unsubscribeLink = new URL(/^<([^>]+)>$/.exec(listUnsubscribe)![1]));
    expect(link.pathname).toBe('/unsubscribe');
    // The same link at the foot of the message, in its language, in text and HTML.
    expect(invitation.text).toContain(`Ne plus recevoir les messages sur les rencontres\u00a0: ${link.toString()}`);
    expect(invitation.html).toContain(`href="${link.toString().replace(/&/g, '&amp;')}"`);
    const [accepted] = smtp.to(people.nonprofit.email);
    expect(headerOf(accepted, 'List-Unsubscribe')).toMatch(/^<.+\/unsubscribe\?token=.+\.engagements\..+>$/);
    expect(headerOf(accepted, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // The link's path and query, on this test's portal (the services' PORTAL_URL is the embedded default's).
    const onPortal = `${portal}${link.pathname}${link.search}`;

    // Opening the link only asks to confirm, in the person's language.
    const confirm = await fetch(`${onPortal}&lang=fr`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Vous ne recevrez plus les courriels sur les rencontres du consortium.');
    expect(await preferencesOf('colleague')).toMatchObject({ body: { gatherings: true } });

    // A forged token (the category changed, the signature kept): 400 in words, nothing written.
    const token = link.searchParams.get('token')!;
    const forged = token.replace('.gatherings.', '.engagements.');
    const refused = await fetch(`${portal}/unsubscribe?token=${encodeURIComponent(forged)}&lang=en`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This unsubscribe link is not valid');
    expect(await system.call('community', 'POST', '/notifications/unsubscribe', { body: { token: forged }, headers: { 'accept-language': 'fr' } })).toMatchObject({ status: 400, body: { code: 'unsubscribe.invalid-link' } });
    expect(await preferencesOf('colleague')).toMatchObject({ body: { gatherings: true, engagements: true } });

    // The mail client's one-click POST: no session, no cookie, from no page of the portal.
    const oneClick = await fetch(onPortal, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await preferencesOf('colleague')).toMatchObject({ body: { gatherings: false, engagements: true } });

    await schedule('Atelier après désabonnement');
    await expectEventually(() => expect(invitationsTo(people.provider.email, 'Atelier après désabonnement')).toHaveLength(1), { timeoutMs: 30_000 });
    await queueDrained();
    expect(invitationsTo(people.colleague.email, 'Atelier après désabonnement')).toEqual([]);
  });

  it('shows the preferences page and the unsubscribe page in French and English, on a laptop and a phone, accessible', async () => {
    const browser = await launchChromium();
    const shots = join(system.logDir, 'portal');
    mkdirSync(shots, { recursive: true });
    try {
      const signedIn = await browser.newContext({ locale: 'fr-CA' });
      await signedIn.addCookies([{ name: 'ccndr_session', value: reneeCookie.split('=').slice(1).join('='), url: portal }]);
      const page = await signedIn.newPage();
      await page.goto(`${portal}/c/${consortiumId}/notifications?lang=fr`);
      expect(await page.locator('.app-nav-links a[aria-current]').textContent()).toBe('Mes notifications');
      await checkBothLanguages(page, shots, 'notifications');
      // Nobody signed in: the link of a message, then its button.
      const anonymous = await browser.newContext({ locale: 'fr-CA' });
      const unsubscribe = await anonymous.newPage();
      await unsubscribe.goto(`${portal}${unsubscribeLink.pathname}${unsubscribeLink.search}`);
      await checkBothLanguages(unsubscribe, shots, 'unsubscribe');
      await unsubscribe.click('main button[type=submit]');
      expect(await unsubscribe.locator('.notice').textContent()).toBe('C’est fait\u00a0: vous ne recevrez plus les courriels sur les rencontres du consortium.');
    } finally {
      await browser.close();
    }
  }, journeyTimeoutMs);

  it('sends nothing queued before its recipient unsubscribed or left', async () => {
    const metrics = async () => (await fetch(`${system.service('community').url}/metrics`)).text();
    const withdrawnBefore = metricValue(await metrics(), 'ccndr_mail_messages_total', { outcome: 'withdrawn' }) ?? 0;
    await smtp.stop();
    const gatheringId = await schedule('Atelier en file');
    // Queued for those who wanted it then: the provider and Kim (Renée and Luc had turned gatherings off).
    await expectEventually(async () =>
      expect(await system.sql(`SELECT member_id FROM community.mail_queue WHERE gathering_id = $1 AND kind = 'gathering-invitation' ORDER BY member_id`, [gatheringId])).toEqual(
        [memberIds.provider, memberIds.leaving].sort().map((member_id) => ({ member_id })),
      ),
    );
    expect((await community(tokens.provider, 'PUT', '/members/me/notification-preferences', { gatherings: false })).body).toEqual({ gatherings: false, engagements: true, journey: true, digest: false });
    expect((await community(coordinator, 'DELETE', `/members/${memberIds.leaving}`)).status).toBe(200);

    await smtp.start();
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM community.mail_queue WHERE gathering_id = $1 AND kind = 'gathering-invitation'`, [gatheringId])).toEqual([]), { timeoutMs: 60_000 });
    expect(invitationsTo(people.provider.email, 'Atelier en file')).toEqual([]);
    expect(smtp.to(people.leaving.email).filter((mail) => mail.subject?.includes('Atelier en file'))).toEqual([]);
    // The provider's was withdrawn when it was taken (Kim's already when she left).
    expect(metricValue(await metrics(), 'ccndr_mail_messages_total', { outcome: 'withdrawn' })).toBeGreaterThanOrEqual(withdrawnBefore + 1);
  });

  it('asks a colleague to answer a team assessment, in their language, with the assessment’s page; its link stops the readiness journey’s messages', async () => {
    // Assessments knows the members once it has followed community's events.
    const assessment = await expectEventually(async () => {
      const started = await system.call('assessments', 'POST', `/consortia/${consortiumId}/assessments`, { token: tokens.nonprofit, body: { organizationId: nonprofitId, respondentMemberIds: [memberIds.nonprofit, memberIds.colleague] } });
      expect(started.status).toBe(201);
      return started.body;
    });
    const invitation = await receivedOnce(people.colleague.email, 'Autoévaluation en équipe');
    expect(invitation.subject).toBe('Autoévaluation en équipe\u00a0: Carrefour jeunesse-emploi compte sur vos réponses');
    expect(invitation.text).toContain('Bonjour Luc Gagnon,');
    expect(invitation.text).toContain('vous faites partie des 2 personnes qui y répondent');
    expect(invitation.text).toContain(`/c/${consortiumId}/assessments/${assessment.id}`);
    expect(invitation.html).toContain(`/c/${consortiumId}/assessments/${assessment.id}"`);
    const link = new URL(/^<([^>]+)>$/.exec(headerOf(invitation, 'List-Unsubscribe')!)![1]);
    expect(link.searchParams.get('token')).toContain('.journey.');
    expect(invitation.text).toContain(`Ne plus recevoir les messages sur le parcours de préparation\u00a0: ${link.toString()}`);
    // The one who started it is not asked.
    await queueDrained();
    expect(smtp.to(people.nonprofit.email).filter((mail) => mail.subject?.startsWith('Autoévaluation'))).toEqual([]);

    // An assessment started days before the event is applied (history replayed): nobody is asked.
    const late = system.bus.event('ccndr.assessments.assessment.started.v1', consortiumId, {
      assessmentId: randomUUID(), organizationId: nonprofitId, mode: 'team', respondents: 2, respondentMemberIds: [memberIds.nonprofit, memberIds.colleague], startedByMemberId: memberIds.nonprofit, startedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    await system.bus.publish(late);
    await system.settled();
    expect(await system.sql(`SELECT kind FROM community.mail_queue WHERE event_id = $1`, [late.id])).toEqual([]);

    const confirm = await fetch(`${portal}${link.pathname}${link.search}&lang=fr`);
    expect(await confirm.text()).toContain('Vous ne recevrez plus les courriels sur votre parcours de préparation.');
    expect((await fetch(`${portal}${link.pathname}${link.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect(await preferencesOf('colleague')).toMatchObject({ body: { journey: false, engagements: true } });
  });

  it('reminds the organisation’s members the day before a journey milestone is due, and not once the day is cleared or the milestone reached', async () => {
    const step = { fr: 'Activer l’authentification à deux facteurs', en: 'Turn on two-factor authentication' };
    const milestoneId = randomUUID();
    const dueSet = (dueOn: string | null) =>
      system.bus.event('ccndr.assessments.journey.milestone-due-set.v1', consortiumId, { journeyId: randomUUID(), milestoneId, organizationId: nonprofitId, dimension: 'cybersecurity', step, dueOn, setAt: new Date().toISOString() });
    const reminders = () => system.sql<{ member_id: string; due: Date; status: string }>(`SELECT member_id, next_attempt_at AS due, status FROM community.mail_queue WHERE journey_milestone_id = $1 ORDER BY member_id`, [milestoneId]);

    // Renée's page saved only engagements: she turns the journey's messages back on.
    expect((await community(tokens.nonprofit, 'PUT', '/members/me/notification-preferences', { journey: true })).body).toMatchObject({ gatherings: false, journey: true });
    // Due in March: a reminder waits until 9 h the day before (Toronto, EST), for Renée only (Luc turned the journey's messages off; Kim left).
    await system.bus.publish(dueSet('2027-03-10'));
    await expectEventually(async () => expect(await reminders()).toEqual([{ member_id: memberIds.nonprofit, due: new Date('2027-03-09T14:00:00Z'), status: 'pending' }]));
    // Cleared: withdrawn.
    await system.bus.publish(dueSet(null));
    await expectEventually(async () => expect(await reminders()).toEqual([]));
    // Set again, then the milestone reached: withdrawn.
    await system.bus.publish(dueSet('2027-03-12'));
    await expectEventually(async () => expect(await reminders()).toHaveLength(1));
    await system.bus.publish(system.bus.event('ccndr.assessments.journey.milestone-completed.v1', consortiumId, { milestoneId, organizationId: nonprofitId }));
    await expectEventually(async () => expect(await reminders()).toEqual([]));

    // Due today: the reminder's time is past, it goes at once, in French, with the journey's page.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    await system.bus.publish(dueSet(today));
    const reminder = await receivedOnce(people.nonprofit.email, 'Étape du parcours');
    expect(reminder.subject).toContain('\u00a0: Activer l’authentification à deux facteurs');
    expect(reminder.text).toContain('«\u00a0Activer l’authentification à deux facteurs\u00a0»');
    expect(reminder.text).toContain(`/c/${consortiumId}/organization/journey`);
    expect(headerOf(reminder, 'List-Unsubscribe')).toMatch(/\.journey\./);
    expect(smtp.to(people.colleague.email).filter((mail) => mail.subject?.startsWith('Étape du parcours'))).toEqual([]);
  });

  it('sends the weekly digest to who chose it, Monday 8 h, with the gatherings ahead and what was shared in their working groups', async () => {
    const nextMonday = () => DateTime.now().setZone('America/Toronto').startOf('week').plus({ weeks: 1 }).set({ hour: 8 }).toJSDate();
    const digests = () => system.sql<{ due: Date; status: string }>(`SELECT next_attempt_at AS due, status FROM community.mail_queue WHERE member_id = $1 AND kind = 'digest' ORDER BY created_at`, [memberIds.nonprofit]);
    expect(await digests()).toEqual([]);
    // Chosen on the preferences: the first waits for next Monday, 8 h in Toronto.
    expect((await community(tokens.nonprofit, 'PUT', '/members/me/notification-preferences', { digest: true })).body).toMatchObject({ digest: true });
    expect(await digests()).toEqual([{ due: nextMonday(), status: 'pending' }]);

    // Her working group, a discussion in it, and a gathering in five days.
    const circle = (await community(coordinator, 'POST', '/circles', { name: 'Groupe cybersécurité' })).body.id as string;
    expect((await community(coordinator, 'POST', `/circles/${circle}/members`, { memberId: memberIds.nonprofit })).status).toBe(201);
    expect((await community(tokens.nonprofit, 'POST', '/threads', { circleId: circle, title: 'Nos mots de passe', body: 'Quel gestionnaire utilisez-vous ?', language: 'fr' })).status).toBe(201);
    expect((await community(coordinator, 'POST', '/gatherings', { kind: 'workshop', title: 'Atelier du résumé', startsAt: inDays(5).toISOString() })).status).toBe(201);

    // Her organisation asks the provider, whose staff chose the digest too.
    const matching = (token: string, path: string, body: unknown) => system.call('provider-matching', 'POST', `/consortia/${consortiumId}${path}`, { token, body });
    const need = await matching(tokens.nonprofit, '/needs', { organizationId: nonprofitId, dimension: 'digital-tools', description: 'Outils collaboratifs', language: 'fr', budgetMax: 1000, staffHoursPerWeek: 2 });
    expect((await matching(tokens.nonprofit, '/engagements', { needId: need.body.id, providerId })).status).toBe(201);
    expect((await community(tokens.provider, 'PUT', '/members/me/notification-preferences', { digest: true })).body).toMatchObject({ digest: true });
    await system.settled();

    // The test clock: Monday has come for their digests.
    await system.sql(`UPDATE community.mail_queue SET next_attempt_at = now() WHERE member_id = ANY($1) AND kind = 'digest' AND status = 'pending'`, [[memberIds.nonprofit, memberIds.provider]]);
    const digest = await receivedOnce(people.nonprofit.email, 'Votre semaine au consortium');
    expect(digest.subject).toBe('Votre semaine au consortium Consortium des préférences');
    expect(digest.text).toContain('Atelier du résumé');
    expect(digest.text).toContain('discussion «\u00a0Nos mots de passe\u00a0» dans Groupe cybersécurité');
    expect(digest.text).not.toContain('Quel gestionnaire');
    expect(headerOf(digest, 'List-Unsubscribe')).toMatch(/\.digest\./);
    // Sent, and next week's waits.
    await expectEventually(async () => expect((await digests()).map((d) => d.status)).toEqual(['sent', 'pending']));
    expect((await digests())[1].due).toEqual(nextMonday());
    // The provider's, in English: the request waiting for their answer.
    const providers = await receivedOnce(people.provider.email, 'Your week in the');
    expect(providers.text).toMatch(/Requests waiting for your answer: Carrefour jeunesse-emploi \(answer by \w+ \d{1,2}, \d{4}\)\./);
    expect(providers.text).toContain('Atelier du résumé');
    // Nobody else chose it: nobody else got one.
    expect(smtp.received.filter((mail) => mail.subject?.startsWith('Votre semaine') || mail.subject?.startsWith('Your week'))).toHaveLength(2);
  });
});
