import { renderAssessmentInvitation } from './assessment-mail';

const input = {
  consortiumId: 'a1c2e3f4-1111-4222-8333-944445555666',
  consortiumName: 'R&D Consortium',
  assessmentId: 'b2d3e4f5-2222-4333-8444-a55556666777',
  organization: 'Data <for> Good',
  respondents: 3,
  recipient: { name: 'Jordan <Smith>' },
  portalUrl: 'https://portal.example.org',
  unsubscribeUrl: 'https://portal.example.org/unsubscribe?token=t.o.k.en',
};

describe('assessment invitation mail', () => {
  it('asks the colleague in English, links to the assessment’s page and the journey’s unsubscribe link, escapes people’s words in HTML', () => {
    const mail = renderAssessmentInvitation({ ...input, language: 'en' });
    expect(mail.subject).toBe('Team self-assessment: Data <for> Good is counting on your answers');
    expect(mail.text).toContain('Hello Jordan <Smith>,');
    expect(mail.text).toContain('you are one of the 3 people answering it');
    expect(mail.text).toContain(`Answer the self-assessment: https://portal.example.org/c/${input.consortiumId}/assessments/${input.assessmentId}`);
    expect(mail.text).toContain(`Stop receiving messages about the readiness journey: ${input.unsubscribeUrl}`);
    expect(mail.html).toContain('Data &lt;for&gt; Good');
    expect(mail.html).not.toContain('<Smith>');
  });

  it('writes French typography: a non-breaking space before the colon', () => {
    const mail = renderAssessmentInvitation({ ...input, language: 'fr' });
    expect(mail.subject).toBe('Autoévaluation en équipe\u00a0: Data <for> Good compte sur vos réponses');
  });
});
