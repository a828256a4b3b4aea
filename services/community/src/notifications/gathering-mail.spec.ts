import * as ical from 'node-ical';
import { gatheringUid, renderGatheringMail, renderGatheringReminder, GatheringMailInput } from './gathering-mail';

const input: GatheringMailInput = {
  change: 'invitation',
  language: 'fr',
  gathering: { id: '0b8f7f3e-3a53-4c4b-9a59-2f0f3e7f2c11', consortiumId: 'a1c2e3f4-1111-4222-8333-944445555666', kind: 'workshop', title: 'Atelier <données>', startsAt: new Date('2027-01-15T15:30:00Z'), place: 'Montréal', link: null },
  consortiumName: 'Consortium emploi des jeunes',
  recipient: { name: 'Renée Tremblay', email: 'renee@example.org' },
  organizer: { name: 'Consortium emploi des jeunes', email: 'notifications@example.org' },
  sequence: 0,
  timeZone: 'America/Toronto',
  portalUrl: 'https://portail.example.org',
  unsubscribeUrl: 'https://portail.example.org/unsubscribe?token=t.o.k.en',
  uidDomain: 'portail.example.org',
};

function eventOf(calendar: string): ical.VEvent {
  return Object.values(ical.sync.parseICS(calendar)).find((c): c is ical.VEvent => c?.type === 'VEVENT')!;
}

describe('gathering mail', () => {
  it('writes a French invitation with its local time, the portal link and an iCalendar request', () => {
    const mail = renderGatheringMail(input);
    expect(mail.subject).toContain('Invitation\u00a0: Atelier <données>');
    // 15:30 UTC is 10:30 in Toronto in January (EST).
    expect(mail.text).toContain('10 h 30');
    expect(mail.text).toContain('https://portail.example.org/c/a1c2e3f4-1111-4222-8333-944445555666/gatherings/0b8f7f3e-3a53-4c4b-9a59-2f0f3e7f2c11');
    expect(mail.html).toContain('Atelier &lt;données&gt;');
    expect(mail.html).not.toContain('<données>');
    expect(mail.method).toBe('REQUEST');
    expect(mail.calendar).toMatch(/METHOD:REQUEST/);
    expect(mail.calendar).toMatch(/DTSTART;TZID=America\/Toronto:20270115T103000/);
    expect(mail.calendar).toMatch(/BEGIN:VTIMEZONE/);
    const event = eventOf(mail.calendar);
    expect(event.uid).toBe(gatheringUid(input.gathering.id, 'portail.example.org'));
    expect(event.start.toISOString()).toBe('2027-01-15T15:30:00.000Z');
    expect(event.start.tz).toBe('America/Toronto');
    expect(String(event.sequence)).toBe('0');
    expect(event.organizer).toMatchObject({ val: 'mailto:notifications@example.org' });
  });

  it('ends every message with the link that stops messages about gatherings, in text and HTML, in the person’s language', () => {
    const fr = renderGatheringMail(input);
    expect(fr.text).toContain('Ne plus recevoir les messages sur les rencontres\u00a0: https://portail.example.org/unsubscribe?token=t.o.k.en');
    expect(fr.html).toContain('<a href="https://portail.example.org/unsubscribe?token=t.o.k.en">Ne plus recevoir les messages sur les rencontres</a>');
    const en = renderGatheringReminder({ ...input, language: 'en', response: null });
    expect(en.text).toContain('Stop receiving messages about gatherings: https://portail.example.org/unsubscribe?token=t.o.k.en');
  });

  it('writes an English update with a higher sequence and a cancellation with METHOD:CANCEL, under the same UID', () => {
    const update = renderGatheringMail({ ...input, change: 'update', language: 'en', sequence: 1 });
    expect(update.subject).toMatch(/^New time: /);
    expect(update.text).toContain('10:30');
    expect(String(eventOf(update.calendar).sequence)).toBe('1');
    const cancellation = renderGatheringMail({ ...input, change: 'cancellation', sequence: 2 });
    expect(cancellation.method).toBe('CANCEL');
    expect(cancellation.calendar).toMatch(/METHOD:CANCEL/);
    expect(cancellation.calendar).toMatch(/STATUS:CANCELLED/);
    expect(eventOf(cancellation.calendar).uid).toBe(eventOf(update.calendar).uid);
  });
});

describe('gathering reminder', () => {
  const reminder = { language: 'fr' as const, gathering: { ...input.gathering, link: 'https://visio.example.org/atelier' }, consortiumName: input.consortiumName, recipient: { name: 'Renée Tremblay' }, timeZone: 'America/Toronto', portalUrl: input.portalUrl, unsubscribeUrl: input.unsubscribeUrl };

  it('reminds in French of the time, zone, place and link, with the link to answer for someone who has not answered', () => {
    const mail = renderGatheringReminder({ ...reminder, response: null });
    expect(mail.subject).toBe('Rappel\u00a0: Atelier <données> — vendredi 15 janvier 2027 à 10 h 30');
    expect(mail.text).toContain('(heure de Toronto)');
    expect(mail.text).toContain('Lieu\u00a0: Montréal');
    expect(mail.text).toContain('Pour participer en ligne\u00a0: https://visio.example.org/atelier');
    expect(mail.text).toContain('Vous n’avez pas encore répondu');
    expect(mail.text).toContain('Répondre à l’invitation\u00a0: https://portail.example.org/c/a1c2e3f4-1111-4222-8333-944445555666/gatherings/0b8f7f3e-3a53-4c4b-9a59-2f0f3e7f2c11');
    expect(mail.html).toContain('Atelier &lt;données&gt;');
    expect(mail.html).not.toContain('<données>');
  });

  it('reminds in English someone going of their answer, with the link to change it', () => {
    const mail = renderGatheringReminder({ ...reminder, language: 'en', response: 'going' });
    expect(mail.subject).toBe('Reminder: Atelier <données> — Friday, January 15, 2027 at 10:30 a.m.');
    expect(mail.text).toContain('(Toronto time)');
    expect(mail.text).toContain('You said you will attend.');
    expect(mail.text).toContain('See the gathering or change your answer: https://portail.example.org/c/');
  });
});
