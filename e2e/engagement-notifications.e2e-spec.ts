import { randomUUID } from 'node:crypto';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { MailServer } from './support/mail-server';
import { freeRangeBelowEphemeral } from './support/ports';
import { createConsortium } from './support/programme';

const portalUrl = 'https://portail.example.org';

/**
 * Community follows provider matching's engagement events with a durable consumer of its own and
 * tells the people each step concerns, in their organisation's language, through a real SMTP server.
 */
describe('notifications: engagement steps by e-mail', () => {
  let system: TestSystem;
  let smtp: MailServer;
  let consortiumId: string;
  let coordinator: string;
  const people = {
    provider: { name: 'Jordan Smith', email: 'jordan.smith@dataforgood.example.org', subject: 'idp|provider' },
    nonprofit: { name: 'Renée Tremblay', email: 'renee.tremblay@cje.example.org', subject: 'idp|nonprofit' },
    colleague: { name: 'Luc Gagnon', email: 'luc.gagnon@cje.example.org', subject: 'idp|colleague' },
  };
  let provider: { id: string; token: string };
  let nonprofit: { id: string; token: string };

  beforeAll(async () => {
    smtp = new MailServer((await freeRangeBelowEphemeral(1)) + 1);
    await smtp.start();
    system = await TestSystem.start({
      services: ['community', 'assessments', 'provider-matching'],
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PORTAL_URL: portalUrl, MAIL_POLL_INTERVAL_MS: '200' },
    });
    ({ consortiumId, coordinator } = await createConsortium(system));
    const organization = async (name: string, category: string, preferredLanguage: string) =>
      (await community('POST', '/organizations', { name, category, provinceOrTerritory: 'QC', country: 'CA', preferredLanguage })).body.id as string;
    const member = async (organizationId: string, person: { name: string; email: string; subject: string }, role: string) =>
      expect((await community('POST', '/members', { organizationId, displayName: person.name, email: person.email, role, subject: person.subject })).status).toBe(201);
    const providerId = await organization('Data for Good', 'service-provider', 'en');
    const nonprofitId = await organization('Carrefour jeunesse-emploi', 'youth-employment-nonprofit', 'fr');
    await member(providerId, people.provider, 'provider-staff');
    await member(nonprofitId, people.nonprofit, 'nonprofit-staff');
    await member(nonprofitId, people.colleague, 'nonprofit-staff');
    provider = { id: providerId, token: await consortiumToken({ [consortiumId]: ['provider'] }, people.provider.subject) };
    nonprofit = { id: nonprofitId, token: await consortiumToken({ [consortiumId]: ['member'] }, people.nonprofit.subject) };
    const profile = { offerings: [{ title: 'Cybersécurité, outils et données', dimensions: ['cybersecurity', 'digital-tools', 'data-governance', 'data-collection'], stages: [1, 2] }], languages: ['fr', 'en'], remote: true, provincesServed: [], capacity: 4, responseTimeDays: 5, costModel: { kind: 'free', feeRange: null } };
    await expectEventually(async () => expect((await matching(provider.token, 'PUT', `/providers/${providerId}`, profile)).status).toBe(200));
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  function community(method: string, path: string, body?: unknown) {
    return system.call('community', method, `/consortia/${consortiumId}${path}`, { token: coordinator, body });
  }
  function matching(token: string, method: string, path: string, body?: unknown) {
    return system.call('provider-matching', method, `/consortia/${consortiumId}${path}`, { token, body });
  }
  const subjects = (address: string) => smtp.to(address).map((mail) => mail.subject);

  it('tells the provider of a request, then the nonprofit’s staff of its acceptance and of the scope proposed, each once and in their language', async () => {
    const need = await expectEventually(async () => {
      const response = await matching(nonprofit.token, 'POST', '/needs', { organizationId: nonprofit.id, dimension: 'cybersecurity', description: 'Sécuriser nos comptes', language: 'fr', budgetMax: 3000, staffHoursPerWeek: 4 });
      expect(response.status).toBe(201);
      return response.body;
    });
    const request = await matching(nonprofit.token, 'POST', '/engagements', { needId: need.id, providerId: provider.id });
    expect(request.status).toBe(201);

    // The provider's staff, in English (their organisation's language), with the date to answer by and a link to the requests.
    await expectEventually(() => expect(subjects(people.provider.email)).toEqual(['New request for support from Carrefour jeunesse-emploi']), { timeoutMs: 30_000 });
    const asked = smtp.to(people.provider.email)[0];
    expect(asked.text).toContain('Hello Jordan Smith,');
    expect(asked.text).toMatch(/Please accept or decline it by \w+ \d{1,2}, \d{4}\./);
    expect(asked.text).toContain(`${portalUrl}/c/${consortiumId}/requests`);
    expect(asked.headers.get('auto-submitted')).toBe('auto-generated');
    // Nothing of the nonprofit's message or need is in the mail: only who asks.
    expect(asked.text).not.toContain('Sécuriser nos comptes');

    const engagement = request.body.id;
    expect((await matching(provider.token, 'POST', `/engagements/${engagement}/accept`)).status).toBe(200);
    const terms = { scope: 'Authentification à deux facteurs', kickOff: { amount: 1500, dueOn: '2027-01-15' }, completion: { amount: 1500, dueOn: '2027-04-30' } };
    expect((await matching(provider.token, 'POST', `/engagements/${engagement}/scope`, terms)).status).toBe(200);

    // Both of the nonprofit's staff, in French, once each: the acceptance, then the scope with its two payments.
    for (const person of [people.nonprofit, people.colleague]) {
      await expectEventually(() => expect(subjects(person.email)).toEqual(['Data for Good a accepté votre demande', 'Data for Good propose la portée de votre accompagnement']), { timeoutMs: 30_000 });
    }
    const scope = smtp.to(people.nonprofit.email)[1].text!;
    expect(scope).toContain('avec 2 paiements\u00a0: au lancement de 1\u00a0500,00\u00a0$ au plus tard le 15 janvier 2027 et à l’achèvement de 1\u00a0500,00\u00a0$ au plus tard le 30 avril 2027.');
    expect(scope).toContain(`${portalUrl}/c/${consortiumId}/engagements`);
    expect(subjects(people.provider.email)).toHaveLength(1);

    // Sent, once per person and step, in the queue.
    const rows = await system.sql<{ kind: string; status: string }>(`SELECT kind, status FROM community.mail_queue WHERE consortium_id = $1 ORDER BY kind, recipient`, [consortiumId]);
    expect(rows).toEqual([
      { kind: 'engagement-accepted', status: 'sent' },
      { kind: 'engagement-accepted', status: 'sent' },
      { kind: 'engagement-requested', status: 'sent' },
      { kind: 'engagement-scope-proposed', status: 'sent' },
      { kind: 'engagement-scope-proposed', status: 'sent' },
    ]);
  });

  it('tells the nonprofit of a decline with its reason in words', async () => {
    const need = await matching(nonprofit.token, 'POST', '/needs', { organizationId: nonprofit.id, dimension: 'digital-tools', description: 'Former l’équipe', language: 'fr', budgetMax: 1000, staffHoursPerWeek: 2 });
    expect(need.status).toBe(201);
    const request = await matching(nonprofit.token, 'POST', '/engagements', { needId: need.body.id, providerId: provider.id });
    expect(request).toMatchObject({ status: 201 });
    expect((await matching(provider.token, 'POST', `/engagements/${request.body.id}/decline`, { reason: 'no-capacity' })).status).toBe(200);
    await expectEventually(() => expect(subjects(people.colleague.email)).toContain('Data for Good a décliné votre demande'), { timeoutMs: 30_000 });
    const declined = smtp.to(people.colleague.email).find((mail) => mail.subject === 'Data for Good a décliné votre demande')!;
    expect(declined.text).toContain('(motif\u00a0: pas de disponibilité)');
    expect(declined.text).toContain(`${portalUrl}/c/${consortiumId}/needs`);
  });

  it('reminds the nonprofit’s staff of a payment milestone on its day, and not once it is paid or the engagement cancelled', async () => {
    /** An engagement accepted and scoped with these payment days (the nonprofit agrees the provider's proposal). */
    const scoped = async (dimension: string, kickOff: string, completion: string) => {
      const need = await matching(nonprofit.token, 'POST', '/needs', { organizationId: nonprofit.id, dimension, description: 'Sauvegardes', language: 'fr', budgetMax: 2000, staffHoursPerWeek: 2 });
      expect(need).toMatchObject({ status: 201 });
      const requested = await matching(nonprofit.token, 'POST', '/engagements', { needId: need.body.id, providerId: provider.id });
      expect(requested).toMatchObject({ status: 201 });
      const id = requested.body.id as string;
      expect(await matching(provider.token, 'POST', `/engagements/${id}/accept`)).toMatchObject({ status: 200 });
      const proposed = await matching(provider.token, 'POST', `/engagements/${id}/scope`, { scope: 'Sauvegardes chiffrées', kickOff: { amount: 1000, dueOn: kickOff }, completion: { amount: 500, dueOn: completion } });
      expect((await matching(nonprofit.token, 'POST', `/engagements/${id}/agree-scope`, { proposedAt: proposed.body.scopeProposedAt })).status).toBe(200);
      return id;
    };
    const reminders = (engagementId: string) =>
      system.sql<{ recipient: string; milestone: string; due: Date; status: string }>(
        `SELECT recipient, payment_milestone AS milestone, next_attempt_at AS due, status FROM community.mail_queue WHERE engagement_id = $1 AND kind = 'engagement-payment-due' ORDER BY payment_milestone, recipient`,
        [engagementId],
      );
    const staff = [people.colleague.email, people.nonprofit.email].sort();

    // Due yesterday (by the consortium's calendar): the kick-off reminder goes at once, to both of the nonprofit's staff, in French.
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date(Date.now() - 86_400_000));
    const due = await scoped('data-governance', yesterday, '2027-04-30');
    const isPaymentDue = (mail: { subject?: string }) => mail.subject?.startsWith('Paiement dû à Data for Good');
    for (const person of [people.nonprofit, people.colleague]) await expectEventually(() => expect(smtp.to(person.email).filter(isPaymentDue)).toHaveLength(1), { timeoutMs: 30_000 });
    const [sent] = smtp.to(people.nonprofit.email).filter(isPaymentDue);
    expect(sent.subject).toMatch(/^Paiement dû à Data for Good\u00a0: au lancement de 1\u00a0000,00\u00a0\$ au plus tard le \d{1,2}(er)? \S+ \d{4}$/);
    expect(sent.text).toContain(`${portalUrl}/c/${consortiumId}/engagements`);
    expect(sent.text).toContain('Ne plus recevoir les messages sur les accompagnements');
    // The completion's waits for its day, 9 h in Toronto (EDT in April).
    expect(await reminders(due)).toEqual([
      ...staff.map((recipient) => ({ recipient, milestone: 'completion', due: new Date('2027-04-30T13:00:00Z'), status: 'pending' })),
      ...staff.map((recipient) => ({ recipient, milestone: 'kick-off', due: expect.any(Date), status: 'sent' })),
    ]);
    // Cancelled: the completion's is withdrawn.
    expect((await matching(nonprofit.token, 'POST', `/engagements/${due}/cancel`, { reason: 'need-met-elsewhere' })).status).toBe(200);
    await expectEventually(async () => expect((await reminders(due)).map((r) => r.status)).toEqual(['sent', 'sent']));

    // Paid before its day: the kick-off's is withdrawn, the completion's still waits (9 h in Toronto, EST in January).
    const paid = await scoped('data-collection', '2027-01-15', '2027-04-30');
    await expectEventually(async () => expect(await reminders(paid)).toHaveLength(4));
    expect((await reminders(paid)).filter((r) => r.milestone === 'kick-off').map((r) => r.due)).toEqual([new Date('2027-01-15T14:00:00Z'), new Date('2027-01-15T14:00:00Z')]);
    expect((await matching(coordinator, 'POST', `/engagements/${paid}/payments/kick-off`, { amount: 1000, paidOn: '2027-01-10' })).status).toBe(200);
    await expectEventually(async () => expect((await reminders(paid)).map((r) => [r.milestone, r.status])).toEqual([['completion', 'pending'], ['completion', 'pending']]));

    // A scope agreed days before the event is applied (history replayed): the day already past is not reminded, the one to come is.
    const engagementId = randomUUID();
    const late = system.bus.event('ccndr.provider-matching.engagement.scoped.v1', consortiumId, {
      engagementId, nonprofitId: nonprofit.id, providerId: provider.id,
      milestones: [{ milestone: 'kick-off', amount: 1000, dueOn: yesterday }, { milestone: 'completion', amount: 500, dueOn: '2027-04-30' }],
      scopedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    await system.bus.publish(late);
    await expectEventually(async () => expect((await reminders(engagementId)).map((r) => [r.milestone, r.status])).toEqual([['completion', 'pending'], ['completion', 'pending']]));
  });
});
