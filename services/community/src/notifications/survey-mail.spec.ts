import { renderSurveyInvitation } from './survey-mail';

describe('survey invitation mail', () => {
  const base = {
    consortiumId: 'a1c2e3f4-1111-4222-8333-944445555666',
    consortiumName: 'R&D',
    recipient: { name: 'Renée' },
    portalUrl: 'https://portail.example.org',
    unsubscribeUrl: 'https://portail.example.org/unsubscribe?token=t.o.k.en',
  };

  it('thanks an attendee in French, with the gathering’s day, the closing time and French typography, escaped in HTML', () => {
    const mail = renderSurveyInvitation({
      ...base,
      language: 'fr',
      survey: { id: 'b1c2e3f4-1111-4222-8333-944445555666', title: 'Bilan <atelier>', closesAt: new Date('2027-07-01T18:30:00Z') },
      gathering: { title: 'Atelier', startsAt: new Date('2027-06-30T18:00:00Z') },
    });
    expect(mail.subject).toBe('Votre avis\u00a0: Bilan <atelier>');
    expect(mail.text).toContain('Merci d’avoir participé à «\u00a0Atelier\u00a0» le 30 juin 2027.');
    expect(mail.text).toContain('Vous pouvez répondre jusqu’au 1er juillet 2027 à 14 h 30.');
    expect(mail.text).toContain('Répondre au sondage\u00a0: https://portail.example.org/c/a1c2e3f4-1111-4222-8333-944445555666/surveys/b1c2e3f4-1111-4222-8333-944445555666/answer');
    expect(mail.text).toContain('Ne plus recevoir les messages sur les rencontres\u00a0: https://portail.example.org/unsubscribe?token=t.o.k.en');
    expect(mail.html).toContain('Bilan &lt;atelier&gt;');
  });

  it('asks every member in English for the consortium’s own survey, without a closing time when it has none', () => {
    const mail = renderSurveyInvitation({ ...base, language: 'en', survey: { id: 'b1c2e3f4-1111-4222-8333-944445555666', title: 'Annual survey', closesAt: null }, gathering: null });
    expect(mail.subject).toBe('Your feedback: Annual survey');
    expect(mail.text).toContain('The R&D consortium would like your feedback in the survey “Annual survey”');
    expect(mail.text).toContain('Coordinators see the answers without your name, and only once at least 5 people have answered.');
    expect(mail.text).not.toContain('accepted until');
  });
});
