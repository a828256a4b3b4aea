import { EngagementMessage, renderEngagementMail } from './engagement-mail';

const base = {
  consortiumId: 'a1c2e3f4-1111-4222-8333-944445555666',
  consortiumName: 'Consortium R-D',
  recipient: { name: 'Renée <Tremblay>', organization: 'Carrefour jeunesse-emploi' },
  nonprofit: 'Carrefour jeunesse-emploi',
  provider: 'Data & Good',
  portalUrl: 'https://portail.example.org',
  unsubscribeUrl: 'https://portail.example.org/unsubscribe?token=t.o.k.en',
};
// 12 December 2026, 03:00 UTC: still the 11th in Toronto, where the consortium's days are counted.
const respondBy = new Date('2026-12-12T03:00:00Z');

describe('engagement mail', () => {
  it.each<[EngagementMessage, string, string, string]>([
    [{ kind: 'requested', respondBy }, 'Nouvelle demande d’accompagnement de Carrefour jeunesse-emploi', 'd’ici le 11 décembre 2026', '/requests'],
    [{ kind: 'overdue', respondBy }, 'Une demande attend votre réponse\u00a0: Carrefour jeunesse-emploi', 'depuis le 11 décembre 2026', '/requests'],
    [{ kind: 'overdueCoordinator', respondBy }, 'Demande sans réponse\u00a0: Carrefour jeunesse-emploi attend Data & Good', 'faites partie de la coordination', '/engagements'],
    [{ kind: 'accepted' }, 'Data & Good a accepté votre demande', 'Prochaine étape', '/engagements'],
    [{ kind: 'declined', reason: 'outside-expertise' }, 'Data & Good a décliné votre demande', '(motif\u00a0: hors de son expertise)', '/needs'],
    [{ kind: 'expired', respondBy }, 'Votre demande à Data & Good a expiré', 'avant le 11 décembre 2026', '/needs'],
    [{ kind: 'scopeProposed', milestones: [{ milestone: 'kick-off', amount: 1500, dueOn: '2027-01-15' }] }, 'Data & Good propose la portée de votre accompagnement', 'avec un paiement\u00a0: au lancement de 1\u00a0500,00\u00a0$ au plus tard le 15 janvier 2027', '/engagements'],
    [{ kind: 'paymentDue', milestone: 'completion', amount: 500, dueOn: '2027-04-30' }, 'Paiement dû à Data & Good\u00a0: à l’achèvement de 500,00\u00a0$ au plus tard le 30 avril 2027', 'a un paiement à échéance\u00a0: à l’achèvement de 500,00\u00a0$ au plus tard le 30 avril 2027', '/engagements'],
  ])('writes %j in French: its subject, what happened and where to act', (message, subject, phrase, page) => {
    const mail = renderEngagementMail({ ...base, message, language: 'fr' });
    const text = mail.text;
    expect(mail.subject).toBe(subject);
    expect(text).toContain(phrase);
    expect(text).toContain(`https://portail.example.org/c/${base.consortiumId}${page}`);
    // People's words are escaped in the HTML part.
    expect(mail.html).toContain('Renée &lt;Tremblay&gt;');
    expect(mail.html).not.toContain('<Tremblay>');
    expect(mail.html).toContain('lang="fr"');
    expect(text).toContain('Ne plus recevoir les messages sur les accompagnements\u00a0: https://portail.example.org/unsubscribe?token=t.o.k.en');
  });

  it('writes English with English dates, amounts and plurals', () => {
    const mail = renderEngagementMail({
      ...base,
      language: 'en',
      message: { kind: 'scopeProposed', milestones: [{ milestone: 'kick-off', amount: 1500, dueOn: '2027-01-15' }, { milestone: 'completion', amount: 2500.5, dueOn: '2027-04-30' }] },
    });
    expect(mail.text).toContain('with 2 payments: $1,500.00 at kick-off, due by January 15, 2027 and $2,500.50 on completion, due by April 30, 2027.');
    const requested = renderEngagementMail({ ...base, language: 'en', message: { kind: 'requested', respondBy } });
    expect(requested.text).toContain('by December 11, 2026.');
    expect(requested.text).toContain('Stop receiving messages about engagements: https://portail.example.org/unsubscribe?token=t.o.k.en');
  });
});
