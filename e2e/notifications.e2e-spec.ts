import { ParsedMail } from 'mailparser';
import { DateTime } from 'luxon';
import * as ical from 'node-ical';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { MailServer, recipientOf } from './support/mail-server';
import { createConsortium, joinOrganization } from './support/programme';
import { metricValue } from './support/metrics';
import { freeRangeBelowEphemeral } from './support/ports';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const portalUrl = 'https://portail.example.org';
const sender = 'notifications@consortium.example.org';

/** The messages whose calendar entry is this gathering's (by UID, whatever its method). */
const about = (smtp: MailServer, gatheringId: string): ParsedMail[] => smtp.received.filter((mail) => calendarOf(mail)?.uid.includes(gatheringId));

/** The .ics attachment of a message, parsed with an iCalendar parser, with the calendar's METHOD. */
function calendarOf(mail: ParsedMail): (ical.VEvent & { icsMethod: string }) | undefined {
  const file = mail.attachments.find((a) => a.filename === 'invitation.ics');
  if (!file) return undefined;
  const parsed = ical.sync.parseICS(file.content.toString('utf8'));
  const event = Object.values(parsed).find((c): c is ical.VEvent => c?.type === 'VEVENT');
  const icsMethod = /^METHOD:(\S+)/m.exec(file.content.toString('utf8'))?.[1] ?? '';
  return event && { ...event, icsMethod };
}

describe('notifications: gathering invitations by e-mail through a real SMTP server', () => {
  let system: TestSystem;
  let smtp: MailServer;
  let consortiumId: string;
  let coordinator: string;
  let englishOrganization: string;
  let frenchOrganization: string;
  const people = {
    fr: { name: 'Renée Tremblay', email: 'renee.tremblay@example.org' },
    en: { name: 'Jordan Smith', email: 'jordan.smith@example.org' },
    refused: { name: 'Sam Bounce', email: 'no-such-person@example.org' },
    left: { name: 'Alex Departed', email: 'alex.departed@example.org' },
    late: { name: 'Kim Latecomer', email: 'kim.latecomer@example.org' },
    newcomer: { name: 'Noémie Nouvelle', email: 'noemie.nouvelle@example.org' },
    answered: { name: 'Aurèle Répondant', email: 'aurele.repondant@example.org' },
    joiner: { name: 'Maëlle Arrivée', email: 'maelle.arrivee@example.org' },
  };
  const expected = [people.fr.email, people.en.email].sort();
  const memberIds: Record<string, string> = {};

  beforeAll(async () => {
    smtp = new MailServer((await freeRangeBelowEphemeral(1)) + 1, [people.refused.email]);
    await smtp.start();
    system = await TestSystem.start({
      services: ['community'],
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: `Consortium <${sender}>`,
        PORTAL_URL: portalUrl,
        MAIL_POLL_INTERVAL_MS: '200',
        MAIL_RETRY_BASE_MS: '200',
        MAIL_RETRY_MAX_MS: '1000',
      },
    });
    ({ consortiumId, coordinator } = await createConsortium(system));
    const french = (frenchOrganization = await joinOrganization(system, consortiumId, coordinator, 'Carrefour jeunesse-emploi', 'youth-employment-nonprofit'));
    const english = (englishOrganization = (await api('POST', '/organizations', { name: 'Data for Good', category: 'service-provider', provinceOrTerritory: 'ON', country: 'CA', preferredLanguage: 'en' })).body.id as string);
    const join = async (organizationId: string, person: { name: string; email: string } | { name: string; email: null }) =>
      (await api('POST', '/members', { organizationId, displayName: person.name, email: person.email, role: 'nonprofit-staff' })).body.id as string;
    memberIds.fr = await join(french, people.fr);
    memberIds.en = await join(english, people.en);
    memberIds.refused = await join(french, people.refused);
    await join(french, { name: 'Pat Sans Courriel', email: null });
    const leaving = await join(english, people.left);
    expect((await api('DELETE', `/members/${leaving}`)).status).toBe(200);
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  function api(method: string, path: string, body?: unknown) {
    return system.call('community', method, `/consortia/${consortiumId}${path}`, { token: coordinator, body });
  }

  /** The gathering's queued messages, once none is waiting any more. */
  async function deliveredAll(gatheringId: string) {
    return expectEventually(async () => {
      const rows = await system.sql<{ recipient: string; status: string; kind: string; attempts: number }>(
        `SELECT m.recipient, m.status, m.kind, m.attempts FROM community.mail_queue m
         WHERE m.calendar LIKE '%' || $1 || '%' ORDER BY m.recipient`,
        [gatheringId],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
      return rows;
    }, { timeoutMs: 60_000 });
  }

  /** A gathering's reminders: whose, how long before the start, when due, in what state. */
  function remindersOf(gatheringId: string) {
    return system.sql<{ recipient: string | null; member_id: string; offset: number; due: Date; status: string; sent_at: Date | null }>(
      `SELECT recipient, member_id, reminder_offset_minutes AS offset, next_attempt_at AS due, status, sent_at FROM community.mail_queue
       WHERE gathering_id = $1 AND kind = 'gathering-reminder' ORDER BY member_id, reminder_offset_minutes`,
      [gatheringId],
    );
  }
  /** Each member with an address, with each offset and the time it is due before `startsAt`, pending. */
  const plannedReminders = (startsAt: Date, offsets: number[]) =>
    [memberIds.fr, memberIds.en, memberIds.refused].sort().flatMap((member) =>
      [...offsets].sort((a, b) => a - b).map((offset) => ({ recipient: null, member_id: member, offset, due: new Date(startsAt.getTime() - offset * 60_000), status: 'pending', sent_at: null })),
    );

  it('invites each active member with an address once, in their language, with a calendar request; updates and cancels it under the same UID', async () => {
    const startsAt = new Date(Date.UTC(inDays(30).getUTCFullYear(), inDays(30).getUTCMonth(), inDays(30).getUTCDate(), 17, 0));
    const scheduled = await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier gouvernance des données', startsAt: startsAt.toISOString() });
    expect(scheduled.status).toBe(201);
    const gatheringId = scheduled.body.id as string;

    const rows = await deliveredAll(gatheringId);
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([[people.en.email, 'sent'], [people.refused.email, 'failed'], [people.fr.email, 'sent']].sort());
    // Reminders a day and an hour before (the defaults), queued for when they are due, written only then.
    expect(await remindersOf(gatheringId)).toEqual(plannedReminders(startsAt, [1440, 60]));
    // The refusal (550) was tried once and is not retried.
    expect(rows.find((r) => r.recipient === people.refused.email)!.attempts).toBe(1);

    const invitations = about(smtp, gatheringId);
    expect(invitations.map(recipientOf).sort()).toEqual(expected);
    const french = invitations.find((m) => recipientOf(m) === people.fr.email)!;
    const english = invitations.find((m) => recipientOf(m) === people.en.email)!;
    expect(french.subject).toMatch(/^Invitation\u00a0: Atelier gouvernance des données — /);
    expect(french.text).toContain('Bonjour Renée Tremblay');
    expect(french.text).toContain(`${portalUrl}/c/${consortiumId}/gatherings/${gatheringId}`);
    expect(french.html).toContain(`href="${portalUrl}/c/${consortiumId}/gatherings/${gatheringId}"`);
    expect(english.subject).toMatch(/^Invitation: Atelier gouvernance des données — /);
    expect(english.text).toContain('Hello Jordan Smith');

    const entry = calendarOf(french)!;
    expect(entry.icsMethod).toBe('REQUEST');
    expect(entry.start.toISOString()).toBe(startsAt.toISOString());
    expect(entry.start.tz).toBe('America/Toronto');
    expect(entry.uid).toBe(`gathering-${gatheringId}@portail.example.org`);
    expect(entry.organizer).toMatchObject({ val: `mailto:${sender}` });
    expect(Number(entry.sequence)).toBe(0);
    expect(calendarOf(english)!.uid).toBe(entry.uid);

    // Moved: an update under the same UID with a higher SEQUENCE, at the new time.
    const moved = new Date(startsAt.getTime() + 2 * 86_400_000);
    expect((await api('PATCH', `/gatherings/${gatheringId}`, { startsAt: moved.toISOString() })).status).toBe(200);
    const updates = await expectEventually(() => {
      const found = about(smtp, gatheringId).filter((m) => m.subject?.startsWith('Changement') || m.subject?.startsWith('New time'));
      expect(found.map(recipientOf).sort()).toEqual(expected);
      return found;
    }, { timeoutMs: 60_000 });
    const update = calendarOf(updates[0])!;
    expect(update).toMatchObject({ uid: entry.uid, icsMethod: 'REQUEST' });
    expect(Number(update.sequence)).toBeGreaterThan(0);
    expect(update.start.toISOString()).toBe(moved.toISOString());
    // The reminders moved with it.
    await expectEventually(async () => expect(await remindersOf(gatheringId)).toEqual(plannedReminders(moved, [1440, 60])));

    // Cancelled: METHOD:CANCEL under the same UID, a SEQUENCE higher again.
    expect((await api('POST', `/gatherings/${gatheringId}/cancel`)).status).toBe(200);
    const cancellations = await expectEventually(() => {
      const found = about(smtp, gatheringId).filter((m) => calendarOf(m)!.icsMethod === 'CANCEL');
      expect(found.map(recipientOf).sort()).toEqual(expected);
      return found;
    }, { timeoutMs: 60_000 });
    const cancellation = calendarOf(cancellations[0])!;
    expect(cancellation.uid).toBe(entry.uid);
    expect(Number(cancellation.sequence)).toBeGreaterThan(Number(update.sequence));
    // Its reminders are withdrawn.
    expect(await remindersOf(gatheringId)).toEqual([]);
    // Three messages to each of the two, nothing more (the member who left and the one without an address get none).
    expect(about(smtp, gatheringId).map(recipientOf).sort()).toEqual([...expected, ...expected, ...expected].sort());
  });

  it('loses nothing and sends nothing twice while the mail server is down for a while, then back', async () => {
    await smtp.stop();
    const metrics = () => fetch(`${system.service('community').url}/metrics`).then((r) => r.text());
    const retriedBefore = metricValue(await metrics(), 'ccndr_mail_messages_total', { outcome: 'retried' }) ?? 0;
    const gatheringId = (await api('POST', '/gatherings', { kind: 'consortium-meeting', title: 'Rencontre du printemps', startsAt: inDays(40).toISOString() })).body.id as string;
    // Every message is tried, refused by the absent server, and kept for another try.
    await expectEventually(async () => {
      const rows = await system.sql<{ attempts: number; status: string }>(`SELECT attempts, status FROM community.mail_queue WHERE calendar LIKE '%' || $1 || '%'`, [gatheringId]);
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.status === 'pending' && r.attempts >= 2)).toBe(true);
    }, { timeoutMs: 60_000 });
    expect(metricValue(await metrics(), 'ccndr_mail_messages_total', { outcome: 'retried' })).toBeGreaterThanOrEqual(retriedBefore + 6);
    // Someone who leaves meanwhile gets nothing of what was queued for them.
    const leaving = (await api('POST', '/members', { organizationId: englishOrganization, displayName: people.late.name, email: people.late.email, role: 'provider-staff' })).body.id as string;
    const laterGathering = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier de juin', startsAt: inDays(50).toISOString() })).body.id as string;
    // Joined after the spring meeting was scheduled: invited to it by the join; to June's by its scheduling; reminders of both.
    await expectEventually(async () =>
      expect(await system.sql(`SELECT gathering_id AS "gatheringId", kind FROM community.mail_queue WHERE member_id = $1 ORDER BY gathering_id, kind`, [leaving])).toEqual(
        [gatheringId, laterGathering].sort().flatMap((id) => ['gathering-invitation', 'gathering-reminder', 'gathering-reminder'].map((kind) => ({ gatheringId: id, kind }))),
      ),
    );
    expect((await api('DELETE', `/members/${leaving}`)).status).toBe(200);
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM community.mail_queue WHERE member_id = $1`, [leaving])).toEqual([]));

    await smtp.start();
    await deliveredAll(gatheringId);
    await deliveredAll(laterGathering);
    expect(about(smtp, gatheringId).map(recipientOf).sort()).toEqual(expected);
    expect(about(smtp, laterGathering).map(recipientOf).sort()).toEqual(expected);
    expect(smtp.received.filter((m) => recipientOf(m) === people.late.email)).toEqual([]);
    expect(metricValue(await metrics(), 'ccndr_mail_messages_total', { outcome: 'sent' })).toBeGreaterThanOrEqual(10);
  });

  it('reminds at the consortium’s own offsets those going or who have not answered, across a restart, and nobody after a cancellation', async () => {
    // Refused with a code per field, in the caller's language: a repeated offset, one out of range, too many.
    const setOffsets = (offsets: number[]) => system.call('community', 'PUT', `/consortia/${consortiumId}/notification-settings`, { token: coordinator, body: { reminderOffsetsMinutes: offsets }, headers: { 'accept-language': 'fr' } });
    for (const [offsets, field, code] of [[[60, 60], 'reminderOffsetsMinutes', 'field.repeated'], [[60, 2], 'reminderOffsetsMinutes.1', 'field.out-of-range'], [[20_161], 'reminderOffsetsMinutes.0', 'field.out-of-range'], [[5, 10, 15, 20], 'reminderOffsetsMinutes', 'field.too-many']] as const) {
      expect(await setOffsets([...offsets])).toMatchObject({ status: 400, body: { code: 'request.invalid-fields', title: 'Certaines informations fournies ne sont pas valides.', errors: [{ field, code }] } });
    }
    expect(await api('GET', '/notification-settings')).toMatchObject({ status: 200, body: { reminderOffsetsMinutes: [1440, 60] } });
    const later = [inDays(20), inDays(21)];
    const planned: string[] = [];
    for (const startsAt of later) planned.push((await api('POST', '/gatherings', { kind: 'consultation', title: 'Consultation d’automne', startsAt: startsAt.toISOString() })).body.id as string);
    for (const [i, gatheringId] of planned.entries()) await expectEventually(async () => expect(await remindersOf(gatheringId)).toEqual(plannedReminders(later[i], [1440, 60])));
    expect(await api('PUT', '/notification-settings', { reminderOffsetsMinutes: [30, 10_080] })).toMatchObject({ status: 200, body: { reminderOffsetsMinutes: [10_080, 30] } });
    expect(await api('GET', '/notification-settings')).toMatchObject({ status: 200, body: { reminderOffsetsMinutes: [10_080, 30] } });
    // The gatherings to come take the new offsets at once.
    for (const [i, gatheringId] of planned.entries()) expect(await remindersOf(gatheringId)).toEqual(plannedReminders(later[i], [30, 10_080]));

    // Two gatherings starting in half an hour and a little: their 30-minute reminders are due in moments (a week before is past: none).
    const startsAt = new Date(Date.now() + 30 * 60_000 + 40_000);
    const title = 'Atelier de rappel';
    const held = (await api('POST', '/gatherings', { kind: 'workshop', title, startsAt: startsAt.toISOString(), place: 'Salle 204', link: 'https://visio.example.org/rappel' })).body.id as string;
    // The one cancelled is due a second earlier: had it been kept, it would have gone out first.
    const cancelled = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier annulé', startsAt: new Date(startsAt.getTime() - 1000).toISOString() })).body.id as string;
    expect((await api('POST', `/gatherings/${held}/registrations`, { memberId: memberIds.fr, response: 'going' })).status).toBe(201);
    // Declined after the reminder was queued: none for them.
    expect((await api('POST', `/gatherings/${held}/registrations`, { memberId: memberIds.en, response: 'not-going' })).status).toBe(201);
    expect((await api('POST', `/gatherings/${cancelled}/cancel`)).status).toBe(200);
    // Queued, then the service restarts: the reminders are in the database, not in its memory.
    await expectEventually(async () => expect((await remindersOf(held)).map((r) => r.member_id)).toContain(memberIds.fr));
    await system.service('community').stop();
    await system.service('community').restart();

    const isReminder = (mail: ParsedMail, gatheringId: string) => /^(Rappel|Reminder)/.test(mail.subject ?? '') && mail.text!.includes(`/gatherings/${gatheringId}`);
    const [reminder] = await expectEventually(() => {
      const found = smtp.received.filter((mail) => isReminder(mail, held));
      expect(found.map(recipientOf)).toEqual([people.fr.email]);
      return found;
    }, { timeoutMs: 90_000 });
    expect(reminder.subject).toMatch(/^Rappel\u00a0: Atelier de rappel — /);
    expect(reminder.text).toContain('(heure de Toronto)');
    expect(reminder.text).toContain('Lieu\u00a0: Salle 204');
    expect(reminder.text).toContain('Pour participer en ligne\u00a0: https://visio.example.org/rappel');
    expect(reminder.text).toContain('Vous avez indiqué que vous serez présent·e.');
    expect(reminder.text).toContain(`${portalUrl}/c/${consortiumId}/gatherings/${held}`);
    expect(reminder.attachments).toEqual([]);

    const due = new Date(startsAt.getTime() - 30 * 60_000);
    const rows = await expectEventually(async () => {
      const found = await remindersOf(held);
      expect(found.filter((r) => r.status === 'pending')).toEqual([]);
      return found;
    }, { timeoutMs: 60_000 });
    // Due thirty minutes before the start, sent once due; the one refused by the server failed; nothing for the one who declined.
    expect(rows.map(({ recipient, offset, due, status }) => ({ recipient, offset, due, status })).sort((a, b) => a.recipient!.localeCompare(b.recipient!))).toEqual(
      [{ recipient: people.refused.email, offset: 30, due, status: 'failed' }, { recipient: people.fr.email, offset: 30, due, status: 'sent' }].sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
    expect(rows.find((r) => r.status === 'sent')!.sent_at!.getTime()).toBeGreaterThanOrEqual(due.getTime());
    // The reminder sent is told on the stream once, with the time it was recorded sent; the one refused is not. No address in it.
    const sent = rows.find((r) => r.status === 'sent')!;
    await system.settled();
    const told = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.community.gathering.reminder-sent.v1' && e.data.gatheringId === held);
    expect(told.map((e) => e.data)).toEqual([{ gatheringId: held, memberId: memberIds.fr, offsetMinutes: 30, sentAt: sent.sent_at!.toISOString() }]);
    expect(told[0]).toMatchObject({ consortiumid: consortiumId, subject: `gathering/${held}` });
    // Nothing for the cancelled gathering, whose reminders were due first.
    expect(await remindersOf(cancelled)).toEqual([]);
    expect(smtp.received.filter((mail) => isReminder(mail, cancelled))).toEqual([]);
  });

  it('invites a member who joins later to the gatherings to come, at their current time and SEQUENCE, and covers them by reminders', async () => {
    // On a whole minute: a calendar entry's time has no milliseconds.
    const startsAt = new Date(Math.floor(inDays(25).getTime() / 60_000) * 60_000);
    const moved = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier des nouveaux', startsAt: startsAt.toISOString() })).body.id as string;
    const newTime = new Date(startsAt.getTime() + 3_600_000);
    expect((await api('PATCH', `/gatherings/${moved}`, { startsAt: newTime.toISOString() })).status).toBe(200);
    const cancelled = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier retiré', startsAt: inDays(26).toISOString() })).body.id as string;
    expect((await api('POST', `/gatherings/${cancelled}/cancel`)).status).toBe(200);
    // The update reached the members of the time, so the join below is applied after it.
    await expectEventually(() => expect(about(smtp, moved).filter((m) => Number(calendarOf(m)!.sequence) === 1).map(recipientOf).sort()).toEqual(expected), { timeoutMs: 60_000 });
    const toCome = (await system.sql<{ id: string }>(`SELECT id FROM community.gatherings WHERE consortium_id = $1 AND cancelled_at IS NULL AND starts_at > now() ORDER BY id`, [consortiumId])).map((g) => g.id);
    expect(toCome).toContain(moved);
    expect(toCome).not.toContain(cancelled);

    const newcomer = (await api('POST', '/members', { organizationId: frenchOrganization, displayName: people.newcomer.name, email: people.newcomer.email, role: 'nonprofit-staff' })).body.id as string;
    const received = () => smtp.to(people.newcomer.email);
    const invitations = await expectEventually(() => {
      const found = received();
      expect(found.map((m) => calendarOf(m)!.uid.replace(/^gathering-|@.*$/g, '')).sort()).toEqual(toCome);
      return found;
    }, { timeoutMs: 60_000 });
    const invitation = invitations.find((m) => calendarOf(m)!.uid.includes(moved))!;
    expect(invitation.subject).toMatch(/^Invitation\u00a0: Atelier des nouveaux — /);
    expect(invitation.text).toContain('Bonjour Noémie Nouvelle');
    const entry = calendarOf(invitation)!;
    expect(entry).toMatchObject({ icsMethod: 'REQUEST', uid: `gathering-${moved}@portail.example.org` });
    expect(Number(entry.sequence)).toBe(1);
    expect(entry.start.toISOString()).toBe(newTime.toISOString());
    // Its reminders, at the consortium's offsets (set above), as for the members before them.
    await expectEventually(async () =>
      expect((await remindersOf(moved)).filter((r) => r.member_id === newcomer).map((r) => ({ offset: r.offset, due: r.due, status: r.status }))).toEqual(
        [30, 10_080].map((offset) => ({ offset, due: new Date(newTime.getTime() - offset * 60_000), status: 'pending' })),
      ),
    );

    // A gathering scheduled after the join invites them once, like everyone else.
    const next = (await api('POST', '/gatherings', { kind: 'consultation', title: 'Consultation d’hiver', startsAt: inDays(27).toISOString() })).body.id as string;
    await deliveredAll(next);
    expect(about(smtp, next).map(recipientOf).sort()).toEqual([...expected, people.newcomer.email].sort());
    expect(received().filter((m) => calendarOf(m)!.uid.includes(moved))).toHaveLength(1);
    expect((await api('DELETE', `/members/${newcomer}`)).status).toBe(200);
  });

  it('asks for feedback those recorded present once the gathering is over, and every active member for the consortium’s own survey, once each, in their language', async () => {
    const surveyMails = (surveyId: string) => smtp.received.filter((mail) => mail.text?.includes(`/surveys/${surveyId}/answer`));
    const invitationsOf = (surveyId: string) =>
      system.sql<{ recipient: string | null; member_id: string; due: Date; status: string }>(
        `SELECT recipient, member_id, next_attempt_at AS due, status FROM community.mail_queue WHERE survey_id = $1 AND kind = 'survey-invitation' ORDER BY member_id`,
        [surveyId],
      );
    // A workshop held two days ago, the French- and English-speaking members recorded present (not the one whose address is refused).
    const held = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier de bilan', startsAt: inDays(-2).toISOString(), alreadyHeld: true })).body.id as string;
    expect((await api('POST', `/gatherings/${held}/attendance`, { memberIds: [memberIds.fr, memberIds.en] })).status).toBe(200);
    const afterWorkshop = (await api('POST', '/surveys', { gatheringId: held, title: { fr: 'Bilan de l’atelier', en: 'Workshop review' } })).body.id as string;
    // The consortium's own survey: every active member with an address, at once.
    const annual = (await api('POST', '/surveys', { title: { fr: 'Sondage annuel', en: 'Annual survey' }, closesAt: inDays(10).toISOString() })).body.id as string;
    // A gathering to come: its survey's invitations wait until 9 h (Toronto) the morning after its day.
    const startsAt = inDays(30);
    const coming = (await api('POST', '/gatherings', { kind: 'consultation', title: 'Consultation de printemps', startsAt: startsAt.toISOString() })).body.id as string;
    const afterConsultation = (await api('POST', '/surveys', { gatheringId: coming, title: { fr: 'Bilan de la consultation', en: 'Consultation review' } })).body.id as string;

    await expectEventually(() => expect(surveyMails(afterWorkshop).map(recipientOf).sort()).toEqual(expected), { timeoutMs: 60_000 });
    await expectEventually(() => expect(surveyMails(annual).map(recipientOf).sort()).toEqual(expected), { timeoutMs: 60_000 });
    const [french] = smtp.to(people.fr.email).filter((mail) => surveyMails(afterWorkshop).includes(mail));
    expect(french.subject).toBe('Votre avis\u00a0: Bilan de l’atelier');
    expect(french.text).toContain('Bonjour Renée Tremblay,');
    expect(french.text).toContain('Merci d’avoir participé à «\u00a0Atelier de bilan\u00a0» le ');
    expect(french.text).toContain(`Répondre au sondage\u00a0: ${portalUrl}/c/${consortiumId}/surveys/${afterWorkshop}/answer`);
    expect(french.text).toContain('sans votre nom');
    expect(french.html).toContain(`href="${portalUrl}/c/${consortiumId}/surveys/${afterWorkshop}/answer"`);
    expect(french.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toMatch(/\.gatherings\./);
    const [english] = smtp.to(people.en.email).filter((mail) => surveyMails(annual).includes(mail));
    expect(english.subject).toBe('Your feedback: Annual survey');
    expect(english.text).toContain('would like your feedback in the survey “Annual survey”');
    expect(english.text).toContain('Answers are accepted until ');

    // Once per survey and member: the workshop's absent member's was dropped when due, the refused address failed once.
    const settled = async (surveyId: string) =>
      expectEventually(async () => {
        const rows = await invitationsOf(surveyId);
        expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
        return rows.map(({ recipient, status }) => ({ recipient, status }));
      }, { timeoutMs: 60_000 });
    const sent = (address: string) => ({ recipient: address, status: 'sent' });
    expect((await settled(afterWorkshop)).sort((a, b) => a.recipient!.localeCompare(b.recipient!))).toEqual(expected.map(sent));
    expect((await settled(annual)).sort((a, b) => a.recipient!.localeCompare(b.recipient!))).toEqual(
      [...expected.map(sent), { recipient: people.refused.email, status: 'failed' }].sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
    const morningAfter = DateTime.fromJSDate(startsAt, { zone: 'America/Toronto' }).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    expect(await invitationsOf(afterConsultation)).toEqual(
      [memberIds.fr, memberIds.en, memberIds.refused].sort().map((member_id) => ({ recipient: null, member_id, due: morningAfter, status: 'pending' })),
    );
    expect(surveyMails(afterConsultation)).toEqual([]);
  });

  it('asks nobody who answered before the invitation was due, nor who was not recorded present', async () => {
    const surveyMails = (surveyId: string) => smtp.received.filter((mail) => mail.text?.includes(`/surveys/${surveyId}/answer`));
    const answering = (await api('POST', '/members', { organizationId: frenchOrganization, displayName: people.answered.name, email: people.answered.email, role: 'nonprofit-staff', subject: 'idp|notifications-answered' })).body.id as string;
    // Starting in 20 minutes: attendance may be recorded already (from an hour before), the invitations wait until tomorrow morning.
    const soon = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier express', startsAt: new Date(Date.now() + 20 * 60_000).toISOString() })).body.id as string;
    expect((await api('POST', `/gatherings/${soon}/attendance`, { memberIds: [memberIds.fr, answering] })).status).toBe(200);
    const survey = (await api('POST', '/surveys', { gatheringId: soon, title: { fr: 'Bilan express', en: 'Quick review' } })).body.id as string;
    const planned = () => system.sql<{ member_id: string; status: string }>(`SELECT member_id, status FROM community.mail_queue WHERE survey_id = $1 ORDER BY member_id`, [survey]);
    await expectEventually(async () => expect((await planned()).map((r) => r.member_id)).toContain(answering));
    const token = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|notifications-answered');
    const scores = { participation: 4, 'perceived-value': 5, 'model-contribution': 3, 'trust-synergy': 4 };
    expect((await system.call('community', 'POST', `/consortia/${consortiumId}/surveys/${survey}/responses`, { token, body: { answers: scores } })).status).toBe(201);
    // The morning after comes at once (the rows' due time, the clock the sender reads).
    await system.sql(`UPDATE community.mail_queue SET next_attempt_at = now() WHERE survey_id = $1`, [survey]);
    await expectEventually(async () => expect(await planned()).toEqual([{ member_id: memberIds.fr, status: 'sent' }]), { timeoutMs: 60_000 });
    expect(surveyMails(survey).map(recipientOf)).toEqual([people.fr.email]);
    expect((await api('DELETE', `/members/${answering}`)).status).toBe(200);
  });

  it('asks a member who joins later to answer the consortium’s own surveys still open, not a closed one nor a gathering’s', async () => {
    const open = (await api('POST', '/surveys', { title: { fr: 'Sondage de mi-parcours', en: 'Midpoint survey' }, closesAt: inDays(10).toISOString() })).body.id as string;
    const closed = (await api('POST', '/surveys', { title: { fr: 'Sondage clos', en: 'Closed survey' }, closesAt: inDays(1).toISOString() })).body.id as string;
    await system.sql(`UPDATE community.surveys SET closes_at = now() - interval '1 minute' WHERE id = $1`, [closed]);
    const held = (await api('POST', '/gatherings', { kind: 'workshop', title: 'Atelier passé', startsAt: inDays(-2).toISOString(), alreadyHeld: true })).body.id as string;
    const afterHeld = (await api('POST', '/surveys', { gatheringId: held, title: { fr: 'Bilan de l’atelier passé', en: 'Past workshop review' } })).body.id as string;
    await system.settled();

    const joiner = (await api('POST', '/members', { organizationId: frenchOrganization, displayName: people.joiner.name, email: people.joiner.email, role: 'nonprofit-staff' })).body.id as string;
    const invitedTo = () => system.sql<{ survey_id: string; status: string }>(`SELECT survey_id, status FROM community.mail_queue WHERE member_id = $1 AND kind = 'survey-invitation'`, [joiner]);
    await expectEventually(async () => expect(await invitedTo()).toContainEqual({ survey_id: open, status: 'sent' }), { timeoutMs: 60_000 });
    const mail = smtp.to(people.joiner.email).find((m) => m.text?.includes(`/surveys/${open}/answer`));
    expect(mail?.subject).toBe('Votre avis\u00a0: Sondage de mi-parcours');
    await system.settled();
    const surveys = (await invitedTo()).map((r) => r.survey_id);
    expect(surveys).not.toContain(closed);
    expect(surveys).not.toContain(afterHeld);
    expect((await api('DELETE', `/members/${joiner}`)).status).toBe(200);
  });

  it('puts no e-mail address or name on the event stream', async () => {
    await system.settled();
    const text = JSON.stringify(await system.bus.publishedEvents()).toLowerCase();
    for (const person of Object.values(people)) {
      for (const personal of [person.name, person.email, person.email.split('@')[0]]) expect({ personal, found: text.includes(personal.toLowerCase()) }).toEqual({ personal, found: false });
    }
  });
});
