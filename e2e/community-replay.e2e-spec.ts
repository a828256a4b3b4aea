import { eventCatalog, parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { MailServer } from './support/mail-server';
import { freeRangeBelowEphemeral } from './support/ports';
import { createConsortium } from './support/programme';

/**
 * A small consortium lives its programme through the API — organisations of every category, three
 * meetings, two circles, posts between organisations, a survey, a proposed and reviewed model —
 * and every event it publishes is checked against its schema and scanned for personal data.
 */
describe('replaying a small consortium', () => {
  let system: TestSystem;
  let smtp: MailServer;

  beforeAll(async () => {
    // A real SMTP server: a reminder is told on the stream once the mail server has accepted it.
    smtp = new MailServer((await freeRangeBelowEphemeral(1)) + 1);
    await smtp.start();
    system = await TestSystem.start({ services: ['community'], env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_POLL_INTERVAL_MS: '200' } });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('publishes every community event type, each valid against its schema, none carrying personal data', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium de reprise');
    const personal: string[] = []; // every name, e-mail and piece of free text sent
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await system.call('community', method, `/consortia/${consortiumId}${path}`, { token, body });
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };

    const categories = ['youth-employment-nonprofit', 'service-provider', 'technical-advisor', 'sector-advisor', 'other-member'];
    const organizations: string[] = [];
    const members: { id: string; token: string }[] = [];
    for (const [i, category] of categories.entries()) {
      const name = `Organisation Réplique ${i}`;
      personal.push(name);
      organizations.push((await call(coordinator, 'POST', '/organizations', { name, category, provinceOrTerritory: 'QC', preferredLanguage: 'fr' })).id);
      for (let j = 0; j < 2; j++) {
        const displayName = `Personne Réplique ${i}-${j}`;
        const email = `replique${i}${j}@example.org`;
        personal.push(displayName, email);
        const subject = `idp|replay-${i}-${j}`;
        personal.push(subject);
        const id = (await call(coordinator, 'POST', '/members', { organizationId: organizations[i], displayName, email, role: 'observer', subject, expertise: ['gouvernance des données'] })).id;
        members.push({ id, token: await consortiumToken({ [consortiumId]: ['member'] }, subject) });
      }
    }
    personal.push('gouvernance des données');
    await call(coordinator, 'PATCH', `/members/${members[0].id}`, { role: 'nonprofit-staff' });
    await call(coordinator, 'PATCH', `/organizations/${organizations[4]}`, { preferredLanguage: 'en' });

    for (const [i, person] of members.slice(0, 6).entries()) {
      await call(person.token, 'PUT', '/self-identification', { consent: true, ageBand: '25-29', identityGroups: i % 2 ? ['south-asian'] : ['white'] });
    }
    for (let n = 1; n <= 3; n++) {
      const title = `Rencontre réplique ${n}`;
      personal.push(title);
      const meeting = (await call(coordinator, 'POST', '/gatherings', { kind: 'consortium-meeting', title, startsAt: `2026-0${n}-15T17:00:00Z`, alreadyHeld: true })).id;
      await call(coordinator, 'POST', `/gatherings/${meeting}/attendance`, { memberIds: members.slice(0, 6 + n).map((m) => m.id) });
      // One recorded by mistake at the last meeting is withdrawn.
      if (n === 3) await call(coordinator, 'POST', `/gatherings/${meeting}/attendance/withdraw`, { memberIds: [members[8].id] });
    }
    const workshop = (await call(coordinator, 'POST', '/gatherings', { kind: 'workshop', title: 'Atelier réplique', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), capacity: 20 })).id;
    personal.push('Atelier réplique');
    await call(coordinator, 'POST', `/gatherings/${workshop}/registrations`, { memberId: members[1].id, response: 'going' });
    await call(coordinator, 'PATCH', `/gatherings/${workshop}`, { startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() });
    await call(coordinator, 'POST', `/gatherings/${workshop}/cancel`);
    // Reminders five minutes before: one gathering starting in five minutes and a few seconds has its reminders due in moments.
    await call(coordinator, 'PUT', '/notification-settings', { reminderOffsetsMinutes: [5] });
    await call(coordinator, 'POST', '/gatherings', { kind: 'workshop', title: 'Séance réplique', startsAt: new Date(Date.now() + 5 * 60_000 + 5_000).toISOString() });
    personal.push('Séance réplique');

    const circles: string[] = [];
    for (const [n, name] of ['Cercle réplique du parcours', 'Cercle réplique des fournisseurs'].entries()) {
      personal.push(name);
      circles.push((await call(coordinator, 'POST', '/circles', { name, prototype: n === 0 ? 1 : 3, description: `Description ${name}` })).id);
      personal.push(`Description ${name}`);
    }
    for (const person of members.slice(0, 4)) await call(coordinator, 'POST', `/circles/${circles[1]}/members`, { memberId: person.id });
    await call(coordinator, 'POST', `/circles/${circles[0]}/members`, { memberId: members[5].id });
    await call(coordinator, 'DELETE', `/circles/${circles[0]}/members/${members[5].id}`);

    const thread = (await call(members[0].token, 'POST', '/threads', { title: 'Sujet réplique confidentiel', body: 'Texte réplique confidentiel', language: 'fr' })).id;
    await call(members[2].token, 'POST', `/threads/${thread}/replies`, { body: 'Réponse réplique confidentielle', language: 'fr' });
    await call(members[2].token, 'POST', `/knowledge/${thread}/reactions`, { reaction: 'thanks' });
    await call(members[3].token, 'POST', '/resources', { title: 'Ressource réplique', url: 'https://replique.example.org/guide', language: 'en', tags: ['étiquette réplique'] });
    personal.push('Sujet réplique confidentiel', 'Texte réplique confidentiel', 'Réponse réplique confidentielle', 'Ressource réplique', 'replique.example.org', 'étiquette réplique');

    const survey = (await call(coordinator, 'POST', '/surveys', { title: { fr: 'Sondage réplique', en: 'Replay survey' } })).id;
    personal.push('Sondage réplique');
    for (const person of members.slice(0, 3)) {
      await call(person.token, 'POST', `/surveys/${survey}/responses`, { answers: { participation: 4, 'perceived-value': 5, 'model-contribution': 3, 'trust-synergy': 4, comments: 'Commentaire réplique privé' } });
    }
    personal.push('Commentaire réplique privé');

    const model = (await call(members[0].token, 'POST', '/collaboration-models', { circleId: circles[1], title: 'Modèle réplique', description: 'Description du modèle réplique', businessModelNotes: 'Notes réplique' })).id;
    personal.push('Modèle réplique', 'Description du modèle réplique', 'Notes réplique');
    await call(coordinator, 'PUT', `/collaboration-models/${model}/experts`, { memberIds: [members[4].id] });
    await call(members[1].token, 'POST', `/collaboration-models/${model}/reviews`, { scores: { feasibility: 4, effectiveness: 4, scalability: 3 }, comment: 'Avis réplique' });
    await call(members[4].token, 'POST', `/collaboration-models/${model}/reviews`, { scores: { impact: 5, viability: 4, relevance: 5 } });
    await call(coordinator, 'PUT', `/collaboration-models/${model}/viability`, { scalability: true, efficientUseOfResources: true, sustainability: true });
    personal.push('Avis réplique');
    await call(coordinator, 'DELETE', `/members/${members[9].id}`);
    await call(coordinator, 'DELETE', `/organizations/${organizations[4]}`);

    const communityTypes = eventCatalog.filter((d) => d.context === 'community').map((d) => d.type).sort();
    const events = await expectEventually(async () => {
      const found = await system.bus.publishedEvents();
      expect([...new Set(found.map((e) => e.type))].sort()).toEqual(communityTypes);
      return found;
    }, { timeoutMs: 60_000 });

    expect(events.map((e) => ({ type: e.type, parsed: parseEvent(e) })).filter((e) => !e.parsed.ok)).toEqual([]);
    const text = JSON.stringify(events);
    expect(personal.filter((value) => text.includes(value))).toEqual([]);
    // Self-identified data appears only as suppressed aggregates, never beside a person.
    for (const event of events) {
      if (event.type === 'ccndr.community.gathering.representation-snapshot.v1') expect(JSON.stringify(event.data)).not.toMatch(/memberId/);
      else expect(JSON.stringify(event.data)).not.toMatch(/ageBand|identityGroups|south-asian|white|25-29/);
    }
  });
});
