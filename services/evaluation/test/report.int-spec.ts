import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssessmentCompletedV1,
  CircleCreatedV1,
  CircleMemberJoinedV1,
  ConsortiumCreatedV1,
  FeedbackSubmittedV1,
  FrameworkAdoptedV1,
  GatheringAttendanceRecordedV1,
  GatheringRegistrationChangedV1,
  GatheringReminderSentV1,
  GatheringScheduledV1,
  OrganizationJoinedV1,
  OrganizationUpdatedV1,
  PartnershipConfirmedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { outcomes } from '@ccndr/indicators';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { Outbox } from '@ccndr/messaging';
import { PeriodsService } from '../src/periods/periods.service';
import { ReportController, reportFacts } from '../src/report/report.controller';
import { reportDocx } from '../src/report/report-docx';
import { reportPdf } from '../src/report/report-pdf';
import { NarrativesService } from '../src/narratives/narratives.service';
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
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const meeting = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting', startsAt: '2026-03-10T14:00:00.000Z' });
    await projection.apply(
      // The consortium as community now announces it: with its name (the harness created it without).
      projection.event(ConsortiumCreatedV1, { consortiumId: projection.consortiumId, name }),
      projection.event(OrganizationJoinedV1, { organizationId: a, category: 'youth-employment-nonprofit', name: 'Carrefour jeunesse-emploi de Sherbrooke' }),
      projection.event(OrganizationJoinedV1, { organizationId: b, category: 'service-provider', name: 'Données Ouvertes Inc.' }),
      projection.event(OrganizationJoinedV1, { organizationId: c, category: 'youth-employment-nonprofit', name: 'Ancien nom' }),
      // A later profile with a name replaces it; one without (the organisation withdrew its consent to be named) removes it.
      projection.event(OrganizationUpdatedV1, { organizationId: c, category: 'youth-employment-nonprofit', name: 'Intégration Jeunesse du Québec', updatedAt: '2026-05-01T00:00:00.000Z' }),
      projection.event(OrganizationJoinedV1, { organizationId: d, category: 'technical-advisor', name: 'Conseils Anne Roy' }),
      projection.event(OrganizationUpdatedV1, { organizationId: d, category: 'technical-advisor', updatedAt: '2026-05-01T00:00:00.000Z' }),
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
      projection.event(PartnershipNegotiationStartedV1, { partnershipId: negotiating, organizationIds: [c, d] }),
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

  it('names the partner organisations of each partnership that consented, the others as unnamed', async () => {
    const french = await report('fr');
    const partnerships = french.sections[3].criteria[0].details;
    expect(partnerships).toEqual([
      'Partenariat confirmé\u00a0: Carrefour jeunesse-emploi de Sherbrooke et Données Ouvertes Inc.',
      'Partenariat en cours de négociation\u00a0: Intégration Jeunesse du Québec et organisme dont le nom n’a pas été transmis',
    ]);
    // The organisation that withdrew its consent is named nowhere in the report.
    expect(reportMarkdown(french)).not.toContain('Anne Roy');
    expect(french.methodology.paragraphs[3]).toBe('Les organismes partenaires ne sont nommés qu’avec leur consentement\u00a0; les autres sont désignés comme «\u00a0organisme dont le nom n’a pas été transmis\u00a0».');
    const english = await report('en');
    expect(english.sections[3].criteria[0].details).toEqual([
      'Confirmed partnership: Carrefour jeunesse-emploi de Sherbrooke and Données Ouvertes Inc.',
      'Partnership in negotiation: Intégration Jeunesse du Québec and organisation whose name was not passed on',
    ]);
    expect(english.methodology.paragraphs[3]).toBe('Partner organisations are named only with their consent; the others are written as "organisation whose name was not passed on".');
  });

  it('states its methodology and data quality, and shows each status once', async () => {
    const french = await report('fr');
    expect(reportHeadings(french)).toEqual([...outcomes.map((o) => o.heading.fr), 'Méthodologie', 'Qualité des données']);
    expect(french.methodology.paragraphs[0]).toMatch(/^Sources des données\u00a0: /);
    expect(french.methodology.paragraphs[2]).toContain('remplacés par «\u00a0<5\u00a0»');
    expect(french.methodology.definitions).toContainEqual({ term: 'Participants aux rencontres du consortium', text: expect.stringContaining('rencontre') });
    // Survey n, and what the small-count rule hid: two organisations' answers.
    expect(french.dataQuality.notes).toContainEqual('Niveau de participation (moyenne du sondage, 1 à 5)\u00a0: n = <5 réponses, <5 organismes');
    expect(french.dataQuality.notes.find((n) => n.startsWith('Données manquantes'))).toContain('Valeur perçue du consortium');
    const markdown = reportMarkdown(french);
    expect(markdown).toContain('## Méthodologie');
    expect(markdown).toContain('## Qualité des données');
    expect(markdown).toContain('- **Résultat\u00a0:** cible non atteinte\u00a0: 1 participant·e·s aux rencontres du Consortium');
    const html = reportHtml(french);
    expect(html).toContain('<span class="status not-met">cible non atteinte</span>\u00a0: 1 participant·e·s');
    for (const status of ['cible atteinte', 'cible non atteinte', 'en bonne voie']) expect(html).not.toMatch(new RegExp(`${status}</span>[^<]*${status}`));
    expect(reportHtml(await report('en'))).toContain('<span class="status not-met">target not met</span>: 1 participants');
    // Before any indicator is computed: no target line rather than "null participants".
    expect(reportDocument(projection.consortiumId, [], 'en', producedAt).sections.flatMap((s) => s.criteria).map((c) => c.target ?? '')).not.toContainEqual(expect.stringContaining('null'));
  });

  it('o1.feedback.participation, readiness.maturity.<dimension>, o2.codesign-organizations.prototype-2: shows no survey n from 1 to 4, no average from fewer than 5 organisations and no working group count from 1 to 4, in HTML and Markdown (FR and EN)', async () => {
    // Two organisations answered the survey (4 and 2: an average of 3); a working group of 3 members; 4 organisations assessed (average 50).
    const circle = projection.event(CircleCreatedV1, { circleId: randomUUID(), prototype: 2 });
    await projection.apply(circle, projection.event(FrameworkAdoptedV1, {}));
    await projection.apply(
      ...Array.from({ length: 3 }, () => projection.event(CircleMemberJoinedV1, { circleId: circle.data.circleId, memberId: randomUUID(), organizationId: randomUUID() })),
      ...[20, 40, 60, 80].map((score) =>
        projection.event(AssessmentCompletedV1, { assessmentId: randomUUID(), organizationId: randomUUID(), completedAt: '2026-05-01T12:00:00.000Z', dimensions: [{ dimension: 'cybersecurity', score, stage: 3, spread: 0 }] }),
      ),
    );
    const indicators = await projection.indicators();
    expect(indicators.get('o1.feedback.participation')).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null, organizations: null } });
    expect(indicators.get('readiness.maturity.cybersecurity')).toMatchObject({ value: null, suppressed: true, breakdown: { organizations: null } });

    const french = await report('fr');
    const english = await report('en');
    const survey = (document: ReportDocument) => document.sections[0].criteria[2].result;
    expect(survey(french)).toMatch(/^participation non affichée \(moins de 5 organismes\) \(n = <5 réponses, <5 organismes\) · /);
    expect(survey(english)).toMatch(/^participation not shown \(fewer than 5 organisations\) \(n = <5 responses, <5 organisations\) · /);
    const circles = (document: ReportDocument) => document.sections[1].criteria.find((c) => c.heading.includes('prototype 2'))!.details;
    expect(circles(french)).toEqual(['Prototype 2 — membres actifs\u00a0: <5 · organismes\u00a0: <5']);
    expect(circles(english)).toEqual(['Prototype 2 — active members: <5 · organisations: <5']);
    expect(french.sections[4].criteria[0].details[0]).toBe('Cybersécurité\u00a0: non affichée (moins de 5 organismes)');
    expect(english.sections[4].criteria[0].details[0]).toBe('Cybersecurity: not shown (fewer than 5 organisations)');
    expect(english.dataQuality.notes).toContainEqual('Level of participation (survey average, 1–5): n = <5 responses, <5 organisations');
    expect(english.dataQuality.notes.find((n) => n.startsWith('Cells hidden'))).toMatch(/figures not shown \(.*Level of participation \(survey average, 1–5\).*Average maturity: Cybersecurity/);

    for (const document of [french, english]) {
      const html = reportHtml(document);
      const markdown = reportMarkdown(document);
      // HTML escapes "<5"; neither the survey's average (3) nor the readiness average (50) appears.
      expect(html).toContain('n = &lt;5');
      expect(html).not.toMatch(/n = [1-4] /);
      expect(markdown).toContain('n = <5');
      for (const text of [html, markdown]) {
        expect(text).not.toMatch(/participation 3 (sur|out of) 5/);
        expect(text).not.toMatch(/(Cybersécurité|Cybersecurity)\s?: 50/);
        expect(text).not.toMatch(/(membres actifs|active members)\s?: 3/);
      }
    }

    // Three more organisations answer (5, 3 and 1): (4 + 2 + 5 + 3 + 1) / 5 = 3, shown with its n.
    await projection.apply(
      ...[5, 3, 1].map((score) => projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId: randomUUID(), scores: [{ questionKey: 'participation', criterion: 'participation', score }] })),
    );
    expect(survey(await report('fr'))).toMatch(/^participation 3 sur 5 \(n = 5 réponses, 5 organismes\) · /);
    expect(reportHtml(await report('en'))).toContain('participation 3 out of 5 (n = 5 responses, 5 organisations)');
  });

  it('o2.attendance-rate.reminded, o2.attendance-rate.not-reminded: attendance with and without a reminder beside the attendance rate, neither while a group has 1 to 4 registrations (FR and EN)', async () => {
    const gatheringId = randomUUID();
    const person = () => ({ memberId: randomUUID(), organizationId: randomUUID() });
    /** `n` people going, reminded or not; the first `came` of them attended. */
    const registered = (n: number, reminded: boolean, came: number) => {
      const people = Array.from({ length: n }, person);
      return [
        ...people.map((p) => projection.event(GatheringRegistrationChangedV1, { gatheringId, gatheringKind: 'workshop', memberId: p.memberId, response: 'going' })),
        ...(reminded ? people.map((p) => projection.event(GatheringReminderSentV1, { gatheringId, memberId: p.memberId })) : []),
        ...(came ? [projection.event(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind: 'workshop', attendees: people.slice(0, came) })] : []),
      ];
    };
    const attendance = (document: ReportDocument) => document.sections[1].criteria[0];
    // Nobody reminded yet: the attendance rate alone.
    await projection.apply(projection.event(GatheringScheduledV1, { gatheringId, kind: 'workshop', startsAt: '2026-04-14T17:00:00.000Z' }), ...registered(5, false, 2));
    expect(attendance(await report('fr')).details).toEqual([]);
    // Four reminded, all of whom came: neither group's rate, in either language.
    await projection.apply(...registered(4, true, 4));
    expect(attendance(await report('fr')).details).toEqual(['Effet des rappels\u00a0: non affiché (moins de 5 inscriptions dans l’un des groupes)']);
    expect(attendance(await report('en')).details).toEqual(['Effect of reminders: not shown (fewer than 5 registrations in one of the groups)']);
    expect(reportMarkdown(await report('en'))).not.toMatch(/100(\.0)?%/);
    // A fifth reminded who did not come: 4 of 5 (80 %) beside 2 of 5 (40 %), the overall rate 6 of 10.
    await projection.apply(...registered(1, true, 0));
    const [french, english] = [await report('fr'), await report('en')];
    expect(attendance(french)).toMatchObject({ result: '60 % des personnes inscrites étaient présentes', details: ['Présence avec rappel\u00a0: 80 % (5 inscriptions) · sans rappel\u00a0: 40 % (5 inscriptions)'] });
    expect(attendance(english)).toMatchObject({ result: '60% of those registered attended', details: ['Attendance with a reminder: 80% (5 registrations) · without a reminder: 40% (5 registrations)'] });
    // French typesetting puts no-break spaces before the colon and the percent sign.
    expect(reportHtml(french)).toMatch(/Présence avec rappel\s:\s80\s%\s\(5 inscriptions\)/);
  });

  describe('with the coordinator’s narratives and learnings', () => {
    /** Free text as a person writes it: markup characters, two paragraphs, one section in one language only. */
    const learningsFr = 'La difficulté de composer avec un horaire chargé est l’un des principaux apprentissages.\n\nUn paiement en deux temps <lancement & achèvement> maintiendrait l’engagement.';
    const learningsEn = 'Busy schedules made sustained participation hard.\n\nA two-part payment <kick-off & completion> would keep partners engaged.';
    beforeEach(async () => {
      await projection.read(async (db, id) => {
        const narratives = new NarrativesService(db);
        const whole = { from: null, to: null };
        await narratives.write(id, whole, 'outcome-1', { fr: 'Première version, remplacée.', en: null }, 'idp|coordinator');
        await narratives.write(id, whole, 'outcome-1', { fr: 'Les rencontres ont réuni les organismes visés.', en: 'The meetings brought the intended organisations together.' }, 'idp|coordinator');
        await narratives.write(id, whole, 'outcome-4', { fr: null, en: 'Two partnerships were confirmed.' }, 'idp|coordinator');
        await narratives.write(id, whole, 'learnings', { fr: learningsFr, en: learningsEn }, 'idp|coordinator');
      });
    });

    it('puts the latest narrative under its outcome in the report’s language, the other language marked as such, and the learnings before the methodology (HTML escaped, Markdown)', async () => {
      const french = await report('fr');
      expect(french.sections[0].narrative).toEqual({ heading: 'Commentaire de la coordination', language: 'fr', note: null, paragraphs: ['Les rencontres ont réuni les organismes visés.'] });
      expect(french.sections[3].narrative).toEqual({ heading: 'Commentaire de la coordination', language: 'en', note: '(texte en anglais)', paragraphs: ['Two partnerships were confirmed.'] });
      expect([french.sections[1].narrative, french.sections[2].narrative, french.sections[4].narrative]).toEqual([null, null, null]);
      expect(reportHeadings(french)).toEqual([...outcomes.map((o) => o.heading.fr), 'Apprentissages', 'Méthodologie', 'Qualité des données']);
      const html = reportHtml(french);
      expect(html).toContain('<p>Un paiement en deux temps &lt;lancement &amp; achèvement&gt; maintiendrait l’engagement.</p>');
      expect(html).not.toContain('<lancement');
      expect(html).toContain('<p class="note">(texte en anglais)</p><p lang="en">Two partnerships were confirmed.</p>');
      expect(html).not.toContain('Première version');
      const markdown = reportMarkdown(french);
      expect(markdown).toContain('### Commentaire de la coordination\n\nLes rencontres ont réuni les organismes visés.\n');
      expect(markdown).toContain(`## Apprentissages\n\n${learningsFr}\n\n## Méthodologie`);
      const english = await report('en');
      expect(english.sections[0].narrative?.paragraphs).toEqual(['The meetings brought the intended organisations together.']);
      expect(english.learnings).toMatchObject({ heading: 'Learnings', language: 'en', note: null });
      expect(reportMarkdown(english)).toContain('## Learnings\n\nBusy schedules made sustained participation hard.\n\nA two-part payment <kick-off & completion> would keep partners engaged.\n\n## Methodology');
    });

    it('prints them in the PDF and writes them in the Word document, in French and in English', async () => {
      for (const language of ['fr', 'en'] as const) {
        const document = await report(language);
        const dir = join(tmpdir(), 'ccndr-report');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `narratives-${language}.pdf`);
        writeFileSync(file, await reportPdf(document));
        const pdf = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\u00a0|\u202f/g, ' ').replace(/\s+/g, ' ');
        const { value: word } = await mammoth.extractRawText({ buffer: await reportDocx(document) });
        const docx = word.replace(/\u00a0|\u202f/g, ' ').replace(/\s+/g, ' ');
        const expected =
          language === 'fr'
            ? ['Commentaire de la coordination', 'Les rencontres ont réuni les organismes visés.', '(texte en anglais)', 'Two partnerships were confirmed.', 'Apprentissages', 'Un paiement en deux temps <lancement & achèvement> maintiendrait l’engagement.']
            : ['Coordinator’s narrative', 'The meetings brought the intended organisations together.', 'Two partnerships were confirmed.', 'Learnings', 'A two-part payment <kick-off & completion> would keep partners engaged.'];
        for (const text of expected) {
          expect(pdf).toContain(text);
          expect(docx).toContain(text);
        }
      }
    });
  });

  describe('as a PDF', () => {
    /** Where the PDFs and their first pages as PNG are left to look at. */
    const output = join(tmpdir(), 'ccndr-report');
    const run = (command: string, ...args: string[]) => execFileSync(command, args, { encoding: 'utf8' });
    const save = (name: string, pdf: Buffer) => {
      mkdirSync(output, { recursive: true });
      const file = join(output, name);
      writeFileSync(file, pdf);
      return file;
    };

    it('prints on A4 with page numbers: the consortium’s name, the period, each outcome heading and its charts as vectors; its first pages left as PNG', async () => {
      const file = save('rapport-evaluation-fr.pdf', await reportPdf(await report('fr')));
      // pdftotext's raw order (the content stream's) keeps each line of text as written, French spaces included.
      const text = run('pdftotext', '-raw', file, '-').replace(/\u00a0|\u202f/g, ' ');
      expect(text).toContain('Rapport d’évaluation');
      expect(text).toContain(name.fr);
      expect(text).toContain('du 15 janvier 2026 au 1er juillet 2026');
      for (const heading of [...outcomes.map((o) => o.heading.fr), 'Méthodologie', 'Qualité des données']) expect(text).toContain(heading);
      expect(text).toContain('Partenariat confirmé : Carrefour jeunesse-emploi de Sherbrooke et Données Ouvertes Inc.');
      // The charts: their captions, and the words the SVG draws (the funnel's steps, the meeting's date on its axis).
      for (const caption of ['Organismes actifs par catégorie, par rapport aux cibles', 'Participation aux rencontres du Consortium', 'Entonnoir des partenariats']) expect(text).toContain(caption);
      expect(text).toMatch(/Confirmés : 1/);
      // Vectors: the PDF holds no raster image at all.
      expect(run('pdfimages', '-list', file).trim().split('\n').slice(2)).toEqual([]);
      const info = run('pdfinfo', file);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
      expect(text).toContain(`Page 1 sur ${pages}`);
      expect(text).toContain(`Page ${pages} sur ${pages}`);
      run('pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '3', file, join(output, 'rapport-evaluation-fr'));
    });

    it('prints on Letter when asked, in English, through the report route’s controller', async () => {
      // The events' indicators recomputed, as the service's refresher does after each batch.
      await projection.indicators();
      const controller = await projection.read(async (db) => new ReportController(new IndicatorsService(db), new PeriodsService(db, new Outbox('/ccndr/evaluation', 'spec'), new IndicatorsService(db)), db));
      const answer = await projection.read(() => controller.report(projection.consortiumId, { lang: 'en', format: 'pdf', paper: 'letter' }, { type: () => undefined }));
      const { type, disposition } = (answer as { getHeaders(): { type: string; disposition: string } }).getHeaders();
      expect([type, disposition]).toEqual(['application/pdf', 'attachment; filename="evaluation-report.pdf"']);
      const chunks: Buffer[] = [];
      for await (const chunk of (answer as { getStream(): AsyncIterable<Buffer> }).getStream()) chunks.push(chunk);
      const file = save('evaluation-report-en.pdf', Buffer.concat(chunks));
      expect(run('pdfinfo', file)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
      const text = run('pdftotext', '-raw', file, '-');
      expect(text).toContain(name.en);
      expect(text).toMatch(/January 15, 2026 to [A-Z][a-z]+ \d+, \d{4}/);
      for (const heading of [...outcomes.map((o) => o.heading.en), 'Methodology', 'Data quality']) expect(text).toContain(heading);
      expect(text).toContain('Partnership funnel');
      expect(text).toContain('Confirmed partnership: Carrefour jeunesse-emploi de Sherbrooke and Données Ouvertes Inc.');
      expect(text).toContain('Result: target not met: 1 participants in consortium meetings');
      expect(text).toMatch(/Page 1 of \d+/);
      run('pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '2', file, join(output, 'evaluation-report-en'));
    });
  });

  describe('as a Word document', () => {
    it('reads back with every section under a real heading, each criterion under its own, each chart as an SVG image with a PNG fallback and its data as a table', async () => {
      const document = await report('fr');
      const docx = await reportDocx(document);
      mkdirSync(join(tmpdir(), 'ccndr-report'), { recursive: true });
      writeFileSync(join(tmpdir(), 'ccndr-report', 'rapport-evaluation-fr.docx'), docx);
      // Word's heading styles become HTML headings: the title, then every section at the first level.
      const { value: html } = await mammoth.convertToHtml({ buffer: docx });
      const headings = (level: number) => [...html.matchAll(new RegExp(`<h${level}>(.*?)</h${level}>`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));
      expect(headings(1)).toEqual([...outcomes.map((o) => o.heading.fr), 'Méthodologie', 'Qualité des données']);
      expect(headings(2)).toEqual([...document.sections.flatMap((s) => s.criteria.map((c) => c.heading)), 'Définition des indicateurs']);
      expect(headings(3)).toEqual(['Organismes actifs par catégorie, par rapport aux cibles', 'Participation aux rencontres du Consortium', 'Entonnoir des partenariats']);
      const { value: text } = await mammoth.extractRawText({ buffer: docx });
      expect(text).toContain(name.fr);
      expect(text).toContain('Période couverte\u00a0: du 15 janvier 2026 au 1er juillet 2026');
      expect(html).toContain('<td><p>Confirmés</p></td><td><p>1</p></td>');
      // Each chart: the SVG and its PNG fallback, both in the package.
      const zip = await JSZip.loadAsync(docx);
      const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
      expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
      expect(media.filter((f) => f.endsWith('.png'))).toHaveLength(3);
      const png = await zip.file(media.find((f) => f.endsWith('.png'))!)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // A4 by default, Letter when asked; page numbers in the footer.
      expect(await zip.file('word/document.xml')!.async('string')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      const letter = await JSZip.loadAsync(await reportDocx(await report('en'), 'letter'));
      expect(await letter.file('word/document.xml')!.async('string')).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
      const footers = await Promise.all(Object.keys(letter.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => letter.file(f)!.async('string')));
      expect(footers.join('')).toMatch(/NUMPAGES/);
    });
  });
});
