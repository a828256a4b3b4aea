import { renderDigest } from './digest-mail';

describe('weekly digest mail', () => {
  it('lists the gatherings ahead with their time in Toronto and what was shared in the working groups, in English, escaped in HTML', () => {
    const mail = renderDigest({
      language: 'en',
      consortiumId: 'a1c2e3f4-1111-4222-8333-944445555666',
      consortiumName: 'R&D',
      recipient: { name: 'Jordan' },
      gatherings: [{ title: 'Data <workshop>', startsAt: new Date('2027-03-10T18:30:00Z') }],
      requests: [{ nonprofit: 'Woodgreen', respondBy: new Date('2027-03-12T16:00:00Z') }],
      shared: [{ itemType: 'resource', title: 'Backup guide', circle: 'Cyber group' }, { itemType: 'thread', title: 'Passwords', circle: 'Cyber group' }],
      portalUrl: 'https://portal.example.org',
      unsubscribeUrl: 'https://portal.example.org/unsubscribe?token=t.o.k.en',
    });
    expect(mail.subject).toBe('Your week in the R&D consortium');
    expect(mail.text).toContain('Gatherings coming up: Data <workshop> (March 10, 2027');
    expect(mail.text).toContain('1:30');
    expect(mail.text).toContain('New in your working groups: resource “Backup guide” in Cyber group and discussion “Passwords” in Cyber group.');
    expect(mail.text).toContain('Stop receiving the weekly digest: https://portal.example.org/unsubscribe?token=t.o.k.en');
    expect(mail.text).toContain('Requests waiting for your answer: Woodgreen (answer by March 12, 2027).');
    expect(mail.html).toContain('Data &lt;workshop&gt;');
  });
});
