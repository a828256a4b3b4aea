import { randomUUID } from 'node:crypto';
import {
  ConsortiumCreatedV1,
  FeedbackSubmittedV1,
  GatheringAttendanceRecordedV1,
  GatheringScheduledV1,
  OrganizationJoinedV1,
  OrganizationUpdatedV1,
  PartnershipConfirmedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { outcomes } from '@ccndr/indicators';
import { reportFacts } from '../src/report/report.controller';
import { reportDocument, ReportDocument, reportHeadings } from '../src/report/report-document';
import { reportHtml, reportMarkdown } from '../src/report/report-render';
import { projectionSpec } from './projection-harness';

/**
 * The report a funder receives, from events through evaluation's consumers (the projection
 * harness): the consortium's name, the period covered and the date produced, a methodology, data
 * quality notes, named partner organisations, each status once; in French and English.
 */
describe('the evaluation report handed to a funder', () => {
  const projection = projectionSpec();
  const producedAt = new Date('2026-07-01T12:00:00Z');
  const name = { fr: 'Consortium des compétences numériques de l’Estrie', en: 'Eastern Townships Digital Skills Consortium' };

  /** A consortium with a name, three named organisations, a meeting in March, survey answers and two partnerships. */
  beforeEach(async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const meeting = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting', startsAt: '2026-03-10T14:00:00.000Z' });
    await projection.apply(
      // The consortium as community now announces it: with its name (the harness created it without).
      projection.event(ConsortiumCreatedV1, { consortiumId: projection.consortiumId, name }),
      projection.event(OrganizationJoinedV1, { organizationId: a, category: 'youth-employment-nonprofit', name: 'Carrefour jeunesse-emploi de Sherbrooke' }),
      projection.event(OrganizationJoinedV1, { organizationId: b, category: 'service-provider', name: 'Données Ouvertes Inc.' }),
      projection.event(OrganizationJoinedV1, { organizationId: c, category: 'youth-employment-nonprofit', name: 'Ancien nom' }),
      // A later profile without a name keeps the name known; a later one with a name replaces it.
      projection.event(OrganizationUpdatedV1, { organizationId: c, category: 'youth-employment-nonprofit', name: 'Intégration Jeunesse du Québec', updatedAt: '2026-05-01T00:00:00.000Z' }),
      meeting,
    );
    const confirmed = randomUUID();
    const negotiating = randomUUID();
    await projection.apply(
      projection.event(GatheringAttendanceRecordedV1, { gatheringId: meeting.data.gatheringId, gatheringKind: 'consortium-meeting', attendees: [{ memberId: randomUUID(), organizationId: a }] }),
      projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId: a, scores: [{ questionKey: 'participation', criterion: 'participation', score: 4 }] }),
      projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId: b, scores: [{ questionKey: 'participation', criterion: 'participation', score: 2 }] }),
      projection.event(PartnershipProposedV1, { partnershipId: confirmed, organizationIds: [a, b] }),
      projection.event(PartnershipConfirmedV1, { partnershipId: confirmed, organizationIds: [a, b] }),
      projection.event(PartnershipNegotiationStartedV1, { partnershipId: negotiating, organizationIds: [c, randomUUID()] }),
    );
  });

  async function report(language: 'fr' | 'en'): Promise<ReportDocument> {
    const indicators = [...(await projection.indicators()).values()];
    const { facts } = await projection.read((db) => reportFacts(db, projection.consortiumId));
    return reportDocument(projection.consortiumId, indicators, language, producedAt, facts);
  }

  it('names the consortium, the period covered (its whole history) and the date produced, never its id (FR and EN)', async () => {
    const french = await report('fr');
    expect(french.consortiumName).toBe(name.fr);
    // The harness's consortium was created on 15 January 2026 (its contract fixture): the first event.
    expect(french.front).toEqual([
      { label: 'Consortium', value: name.fr },
      { label: 'Période couverte', value: 'du 15 janvier 2026 au 1er juillet 2026 (tout l’historique du Consortium)' },
      { label: 'Date de production', value: '1er juillet 2026' },
    ]);
    const markdown = reportMarkdown(french);
    expect(markdown).toContain(`_${name.fr} — rapport produit le 1er juillet 2026 à partir des indicateurs en direct_`);
    expect(markdown).not.toContain(projection.consortiumId);
    const english = await report('en');
    expect(english.front.map((f) => f.value)).toEqual([name.en, 'January 15, 2026 to July 1, 2026 (the consortium’s whole history)', 'July 1, 2026']);
    expect(reportHtml(english)).not.toContain(projection.consortiumId);
  });

  it('names the partner organisations of each partnership, the unnamed as such', async () => {
    const partnerships = (await report('fr')).sections[3].criteria[0].details;
    expect(partnerships).toEqual([
      'Partenariat confirmé : Carrefour jeunesse-emploi de Sherbrooke et Données Ouvertes Inc.',
      'Partenariat en cours de négociation : Intégration Jeunesse du Québec et organisme dont le nom n’a pas été transmis',
    ]);
    expect((await report('en')).sections[3].criteria[0].details[0]).toBe('Confirmed partnership: Carrefour jeunesse-emploi de Sherbrooke and Données Ouvertes Inc.');
  });

  it('states its methodology and data quality, and shows each status once', async () => {
    const french = await report('fr');
    expect(reportHeadings(french)).toEqual([...outcomes.map((o) => o.heading.fr), 'Méthodologie', 'Qualité des données']);
    expect(french.methodology.paragraphs[0]).toMatch(/^Sources des données : /);
    expect(french.methodology.paragraphs[2]).toContain('remplacé par « <5 »');
    expect(french.methodology.definitions).toContainEqual({ term: 'Participants aux rencontres du consortium', text: expect.stringContaining('rencontre') });
    // Survey n, and what the small-count rule hid: one attendee's organisation, fewer than 5 organisations behind readiness.
    expect(french.dataQuality.notes).toContainEqual('Niveau de participation (moyenne du sondage, 1 à 5) : n = 2 réponses, 2 organismes');
    expect(french.dataQuality.notes.find((n) => n.startsWith('Données manquantes'))).toContain('Valeur perçue du consortium');
    const markdown = reportMarkdown(french);
    expect(markdown).toContain('## Méthodologie');
    expect(markdown).toContain('## Qualité des données');
    expect(markdown).toContain('- **Résultat :** cible non atteinte : 1 participant·e·s aux rencontres du Consortium');
    const html = reportHtml(french);
    expect(html).toContain('<span class="status not-met">cible non atteinte</span>\u00a0: 1 participant·e·s');
    for (const status of ['cible atteinte', 'cible non atteinte', 'en bonne voie']) expect(html).not.toMatch(new RegExp(`${status}</span>[^<]*${status}`));
    expect(reportHtml(await report('en'))).toContain('<span class="status not-met">target not met</span>: 1 participants');
  });
});
