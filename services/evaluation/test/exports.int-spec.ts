import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import jsonld from 'jsonld';
import { AssessmentCompletedV1, FeedbackSubmittedV1, FrameworkAdoptedV1, GatheringAttendanceRecordedV1, GatheringScheduledV1, OrganizationJoinedV1 } from '@ccndr/contracts';
import { indicatorCatalogue } from '@ccndr/indicators';
import { DataSource } from 'typeorm';
import { DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { parseOrRefuse } from '@ccndr/service-kit';
import { cidsDocument, cidsRequiredProperties } from '../src/exports/cids-export';
import { csvColumns } from '../src/exports/csv-export';
import { exportQuery } from '../src/exports/exports.controller';
import { exportWords, IndicatorExport, Language, seriesColumns, targetText } from '../src/exports/export-table';
import { ExportsService } from '../src/exports/exports.service';
import { IndicatorView } from '../src/indicators/indicators.service';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { periodOf } from '../src/indicators/period';
import { PeriodsService } from '../src/periods/periods.service';
import { projectionSpec } from './projection-harness';

const cids = 'https://ontology.commonapproach.org/cids#';
const i72 = 'http://ontology.eil.utoronto.ca/ISO21972/iso21972#';
const languages: Language[] = ['fr', 'en'];

/** The CSV, XLSX and Common Impact Data Standard exports, written from the indicators as the API serves them. */
describe('indicator exports', () => {
  const projection = projectionSpec();
  const services = (db: DataSource) => {
    const indicators = new IndicatorsService(db);
    const periods = new PeriodsService(db, new Outbox('/ccndr/evaluation', 'spec'), indicators);
    return { indicators, periods, exports: new ExportsService(db, indicators, periods) };
  };
  /** The exports as the routes produce them, and the indicators as GET /indicators serves them, read together. */
  const read = () =>
    projection.read(async (db, consortiumId) => {
      const service = services(db).exports;
      const api = await new IndicatorsService(db).list(consortiumId);
      const exports = Object.fromEntries(
        await Promise.all(languages.map(async (lang) => [lang, { csv: await service.csv(consortiumId, lang), xlsx: await service.xlsx(consortiumId, lang), data: await service.data(consortiumId, lang) }] as const)),
      );
      return { api, exports: exports as Record<Language, { csv: string; xlsx: Buffer; data: IndicatorExport }> };
    });

  const completed = (organizationId: string, score: number) =>
    projection.event(AssessmentCompletedV1, { assessmentId: randomUUID(), organizationId, completedAt: '2026-05-01T12:00:00.000Z', dimensions: [{ dimension: 'cybersecurity', score, stage: 3, spread: 0 }] });

  /** A consortium with a meeting, survey answers from `surveyed` organisations (one response each) and `assessed` organisations' readiness assessments. */
  async function given(assessed: number, { surveyed = 5, scores = [37.5, 80, 20, 65, 10] } = {}) {
    const nonprofit = projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category: 'youth-employment-nonprofit' });
    const meeting = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting', startsAt: '2026-03-10T14:00:00.000Z' });
    await projection.apply(nonprofit, meeting, projection.event(FrameworkAdoptedV1, {}));
    await projection.apply(
      projection.event(GatheringAttendanceRecordedV1, {
        gatheringId: meeting.data.gatheringId,
        gatheringKind: 'consortium-meeting',
        attendees: Array.from({ length: 7 }, () => ({ memberId: randomUUID(), organizationId: nonprofit.data.organizationId })),
      }),
      ...[4, 5, 2, 4, 3].slice(0, surveyed).map((score) =>
        projection.event(FeedbackSubmittedV1, { responseId: randomUUID(), organizationId: randomUUID(), scores: [{ questionKey: 'participation', criterion: 'participation', score }] }),
      ),
      ...scores.slice(0, assessed).map((score) => completed(randomUUID(), score)),
    );
  }

  const shownValue = (view: IndicatorView) => view.value;
  const nOf = (view: IndicatorView): string => {
    const breakdown = view.breakdown as Record<string, unknown> | null;
    if (breakdown?.responses === null) return '<5';
    if (typeof breakdown?.responses === 'number') return String(breakdown.responses);
    if (view.key.startsWith('readiness.')) {
      const n = breakdown?.organizations !== undefined ? breakdown.organizations : breakdown?.journeys;
      return n === null ? '<5' : String(n);
    }
    return '';
  };

  it('CSV: one row per indicator, headers in the language asked for; it parses, and each row equals the API’s indicator (key, outcome, label, value, unit, target, status, n)', async () => {
    await given(5);
    const { api, exports } = await read();
    for (const lang of languages) {
      const [header, ...rows] = parse(exports[lang].csv, { bom: true }) as string[][];
      expect(header).toEqual(csvColumns.map((c) => exportWords.columns[c][lang]));
      expect(rows.map((r) => r[0])).toEqual(api.map((i) => i.key));
      for (const [index, view] of api.entries()) {
        const [key, outcome, label, value, unit, target, dueOn, status, n, , suppressed] = rows[index];
        expect({ key, label, value: value === '' ? null : Number(value), unit, target, dueOn, status, n, suppressed }).toEqual({
          key: view.key,
          label: view.label[lang],
          value: shownValue(view),
          unit: exportWords.units[view.unit][lang],
          target: targetText(view.target),
          dueOn: view.target?.dueOn ?? '',
          status: exportWords.status[view.status][lang],
          n: nOf(view),
          suppressed: exportWords.no[lang],
        });
        expect(outcome).toBe(view.outcome === null ? (lang === 'fr' ? 'Préparation numérique et aux données (prototype 1)' : 'Digital and data readiness (prototype 1)') : lang === 'fr' ? `${view.outcome}${view.outcome === 1 ? 'er' : 'e'} résultat` : `Outcome ${view.outcome}`);
      }
    }
    // Hand-checked figures: 7 participants at the meeting; survey (4 + 5 + 2 + 4 + 3) / 5 = 3.6 with n = 5 responses; maturity (37.5 + 80 + 20 + 65 + 10) / 5 = 42.5.
    const english = parse(exports.en.csv, { bom: true, columns: true }) as Record<string, string>[];
    const row = (key: string) => english.find((r) => r.key === key)!;
    expect(row('o1.meeting-participants')).toMatchObject({ value: '7', target: '> 60', status: 'target not met' });
    expect(row('o1.feedback.participation')).toMatchObject({ value: '3.6', n: '5', 'n counts': 'responses', 'suppressed (fewer than 5)': 'no' });
    expect(row('readiness.maturity.cybersecurity')).toMatchObject({ value: '42.5', n: '5', 'n counts': 'organisations', 'suppressed (fewer than 5)': 'no' });
  });

  it('XLSX: read back, its indicators’ sheet has the API’s figures as numbers, and a sheet of every definition of the catalogue, in the language asked for', async () => {
    await given(5);
    const { api, exports } = await read();
    for (const lang of languages) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exports[lang].xlsx as never);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([exportWords.aboutSheet[lang], exportWords.indicatorsSheet[lang], exportWords.seriesSheet[lang], exportWords.definitionsSheet[lang]]);
      const sheet = workbook.getWorksheet(exportWords.indicatorsSheet[lang])!;
      const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
      expect(values(1)).toEqual(csvColumns.map((c) => exportWords.columns[c][lang]));
      expect(sheet.rowCount).toBe(api.length + 1);
      for (const [index, view] of api.entries()) {
        const [key, , label, value, unit, target, , status, n, , suppressed] = values(index + 2);
        expect({ key, label, value: value ?? null, unit, target: target ?? '', status, n: n === undefined ? '' : String(n), suppressed }).toEqual({
          key: view.key,
          label: view.label[lang],
          value: view.value,
          unit: exportWords.units[view.unit][lang],
          target: targetText(view.target),
          status: exportWords.status[view.status][lang],
          n: nOf(view),
          suppressed: exportWords.no[lang],
        });
        if (view.value !== null) expect(typeof value).toBe('number');
      }
      const definitions = workbook.getWorksheet(exportWords.definitionsSheet[lang])!;
      expect(definitions.rowCount).toBe(indicatorCatalogue.length + 1);
      for (const [index, definition] of indicatorCatalogue.entries()) {
        const [key, , , , text] = (definitions.getRow(index + 2).values as unknown[]).slice(1);
        expect({ key, text }).toEqual({ key: definition.key, text: definition.definition[lang] });
      }
      const about = workbook.getWorksheet(exportWords.aboutSheet[lang])!;
      expect(about.getRow(1).getCell(2).value).toContain(exports[lang].data.period.from.toISOString().slice(0, 10));
    }
  });

  it('JSON-LD (Common Impact Data Standard 3.2.1): expands with a JSON-LD processor in safe mode without losing a node or a property, and each node has every property its class requires', async () => {
    await given(5);
    const { api, exports } = await read();
    for (const lang of languages) {
      const document = cidsDocument(exports[lang].data);
      // Safe mode fails on any term or value dropped for lack of a mapping, and on relative IRIs; the loader, on any fetch.
      const options = {
        safe: true,
        documentLoader: async (url: string) => {
          throw new Error(`the export needs nothing from the network, not ${url}`);
        },
      } as Record<string, unknown>;
      const input = document as unknown as jsonld.JsonLdDocument;
      const expanded = await jsonld.expand(input, options);
      const flattened = (await jsonld.flatten(expanded, undefined, options)) as unknown as Record<string, unknown>[];
      // Every node and every value: the compact document's statements, counted, are the RDF dataset's.
      const compactNodes: Record<string, unknown>[] = [];
      const collect = (node: Record<string, unknown>) => {
        compactNodes.push(node);
        for (const value of Object.values(node)) for (const item of [value].flat()) if (item && typeof item === 'object' && '@id' in item) collect(item as Record<string, unknown>);
      };
      document['@graph'].forEach(collect);
      const statements = compactNodes.reduce((sum, node) => sum + Object.entries(node).filter(([k]) => k !== '@id').reduce((n, [, v]) => n + [v].flat().length, 0), 0);
      const quads = (await jsonld.toRDF(input, options)) as unknown as unknown[];
      expect(quads.length).toBe(statements);
      expect(flattened.length).toBe(compactNodes.length);
      for (const node of compactNodes) {
        const found = flattened.find((n) => n['@id'] === node['@id'])!;
        expect(Object.keys(found).length).toBe(Object.keys(node).length);
      }

      const ofType = (type: string) => flattened.filter((n) => (n['@type'] as string[]).includes(type));
      for (const [type, required] of Object.entries(cidsRequiredProperties)) {
        expect(ofType(type).length).toBeGreaterThan(0);
        for (const node of ofType(type)) for (const property of required) expect([node['@id'], property, (node[property] as unknown[] | undefined)?.length]).toEqual([node['@id'], property, 1]);
      }
      expect(ofType(`${cids}Organization`)).toHaveLength(1);
      expect(ofType(`${cids}Outcome`)).toHaveLength(4);
      expect(ofType(`${cids}Indicator`)).toHaveLength(api.length);

      // Each reported figure is the API's value.
      const literal = (node: Record<string, unknown>, property: string) => ((node[property] as { '@value': string }[]) ?? [])[0]?.['@value'];
      const byId = new Map(flattened.map((n) => [n['@id'], n]));
      for (const view of api) {
        const indicator = byId.get(`urn:uuid:${projection.consortiumId}#indicator/${view.key}`)!;
        expect(literal(indicator, 'http://ontology.eil.utoronto.ca/tove/organization#hasName')).toBe(view.label[lang]);
        const reports = (indicator[`${cids}hasIndicatorReport`] as { '@id': string }[] | undefined) ?? [];
        if (view.value === null) {
          expect(reports).toHaveLength(0);
          continue;
        }
        expect(reports).toHaveLength(1);
        const report = byId.get(reports[0]['@id'])!;
        const measure = byId.get((report[`${i72}value`] as { '@id': string }[])[0]['@id'])!;
        expect(Number(literal(measure, `${i72}hasNumericalValue`))).toBe(view.value);
        expect(literal(report, 'http://www.w3.org/ns/prov#startedAtTime')).toBe(exports[lang].data.period.from.toISOString());
      }
    }
  });

  describe.each([
    [1, 'one organisation'],
    [4, 'four organisations'],
  ])('with %i assessed (%s)', (assessed) => {
    it('readiness.maturity.<dimension>: the average and its number of organisations stay withheld in the CSV, the XLSX and the JSON-LD, as the API withholds them', async () => {
      await given(assessed);
      const { api, exports } = await read();
      const view = api.find((i) => i.key === 'readiness.maturity.cybersecurity')!;
      expect(view).toMatchObject({ value: null, breakdown: { organizations: null } });
      // No trace of a score in any format: 37.5 is the first organisation's own.
      const lang = 'en';
      const csv = parse(exports[lang].csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(csv.find((r) => r.key === view.key)).toMatchObject({ value: '', n: '<5', 'n counts': 'organisations', 'suppressed (fewer than 5)': 'yes' });
      expect(exports[lang].csv).not.toContain('37.5');

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exports[lang].xlsx as never);
      const sheet = workbook.getWorksheet(exportWords.indicatorsSheet[lang])!;
      const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === view.key)!;
      expect([row.getCell(4).value, row.getCell(9).value, row.getCell(11).value]).toEqual([null, '<5', 'yes']);
      const cellsAnywhere = workbook.worksheets.flatMap((s) => s.getSheetValues().flat(2));
      expect(cellsAnywhere).not.toContain(37.5);

      const document = cidsDocument(exports[lang].data);
      const indicator = document['@graph'].find((n) => n['@id'].endsWith(`#indicator/${view.key}`))!;
      expect(indicator).not.toHaveProperty('hasIndicatorReport');
      expect(indicator.hasComment).toBe(exportWords.suppressedFigure.en);
      expect(JSON.stringify(document)).not.toContain('37.5');
    });
  });

  it('names the consortium as the CIDS Organization (org:hasLegalName) once its events carry a name, and keeps it through expansion', async () => {
    await given(5);
    const { exports } = await read();
    expect(exports.fr.data.consortiumName).toBeNull();
    expect(cidsDocument(exports.fr.data)['@graph'][0]).not.toHaveProperty('hasLegalName');
    const named = cidsDocument({ ...exports.fr.data, consortiumName: 'Consortium canadien de la préparation numérique' });
    const [organization] = ((await jsonld.expand(named as unknown as jsonld.JsonLdDocument, { safe: true } as never)) as unknown as Record<string, unknown>[]).filter((n) => (n['@type'] as string[]).includes(`${cids}Organization`));
    expect(organization['http://ontology.eil.utoronto.ca/tove/organization#hasLegalName' as keyof typeof organization]).toEqual([{ '@value': 'Consortium canadien de la préparation numérique', '@type': 'http://www.w3.org/2001/XMLSchema#string' }]);
  });

  it('o1.feedback.participation: from 3 organisations (one response each), the average (4 + 5 + 2) / 3 = 3.7 and its n stay withheld in the CSV, the XLSX and the JSON-LD, as the API withholds them', async () => {
    await given(5, { surveyed: 3 });
    const { api, exports } = await read();
    const view = api.find((i) => i.key === 'o1.feedback.participation')!;
    expect(view).toMatchObject({ value: null, suppressed: true, breakdown: { responses: null, organizations: null } });
    for (const lang of languages) {
      const csv = parse(exports[lang].csv, { bom: true }) as string[][];
      const [, , , value, , , , , n, nCounts, suppressed] = csv.find((r) => r[0] === view.key)!;
      expect({ value, n, nCounts, suppressed }).toEqual({ value: '', n: '<5', nCounts: exportWords.samples.responses[lang], suppressed: exportWords.yes[lang] });
      expect(exports[lang].csv).not.toContain('3.7');

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exports[lang].xlsx as never);
      const sheet = workbook.getWorksheet(exportWords.indicatorsSheet[lang])!;
      const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === view.key)!;
      expect([row.getCell(4).value, row.getCell(9).value, row.getCell(11).value]).toEqual([null, '<5', exportWords.yes[lang]]);
      expect(workbook.worksheets.flatMap((sh) => sh.getSheetValues().flat(2))).not.toContain(3.7);

      const document = cidsDocument(exports[lang].data);
      const indicator = document['@graph'].find((node) => node['@id'].endsWith(`#indicator/${view.key}`))!;
      expect(indicator).not.toHaveProperty('hasIndicatorReport');
      expect(indicator.hasComment).toBe(exportWords.suppressedFigure[lang]);
      expect(JSON.stringify(document)).not.toContain('3.7');
    }
  });

  it('with five organisations assessed, readiness.maturity.<dimension> is shown in every format: (37.5 + 80 + 20 + 65 + 10) / 5 = 42.5, n = 5', async () => {
    await given(5);
    const { exports } = await read();
    const csv = parse(exports.fr.csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.clé === 'readiness.maturity.cybersecurity')).toMatchObject({ valeur: '42.5', n: '5', 'masqué (moins de 5)': 'non' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exports.fr.xlsx as never);
    const sheet = workbook.getWorksheet(exportWords.indicatorsSheet.fr)!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'readiness.maturity.cybersecurity')!;
    expect([row.getCell(4).value, row.getCell(9).value, row.getCell(11).value]).toEqual([42.5, 5, 'non']);
    const document = cidsDocument(exports.fr.data);
    const report = document['@graph'].find((n) => n['@id'].includes('#indicator-report/readiness.maturity.cybersecurity/'))!;
    expect(report.value).toMatchObject({ '@type': 'i72:Measure', hasNumericalValue: '42.5' });
    expect(report.hasComment).toContain('n = 5 organismes');
    // The survey from 5 organisations is shown too: (4 + 5 + 2 + 4 + 3) / 5 = 3.6, n = 5 responses.
    const survey = document['@graph'].find((n) => n['@id'].includes('#indicator-report/o1.feedback.participation/'))!;
    expect(survey.value).toMatchObject({ hasNumericalValue: '3.6' });
    expect(survey.hasComment).toContain('n = 5 réponses');
  });

  it('for a period (from, to) and a closed period: the CSV, the XLSX and the JSON-LD have the API’s figures of that period and say the period; the workbook and the series CSV have each indicator month by month as the series API gives it', async () => {
    await given(5);
    // The meeting of 10 March 2026 (7 participants) falls in March; April has none.
    const choice = { from: '2026-03-01', to: '2026-05-01' };
    const got = await projection.read(async (db, consortiumId) => {
      const { indicators, periods, exports } = services(db);
      const api = await indicators.forPeriod(consortiumId, periodOf(choice)!);
      const series = await indicators.series(consortiumId, 'o1.meeting-participants', choice);
      const closed = await periods.close(consortiumId, '2026-04-01', '2026-05-01');
      const closedChoice = parseOrRefuse(exportQuery, { period: closed.id });
      return {
        api,
        series,
        closed,
        csv: await exports.csv(consortiumId, 'en', choice),
        xlsx: await exports.xlsx(consortiumId, 'en', choice),
        seriesCsv: await exports.seriesCsv(consortiumId, 'fr', choice),
        cids: cidsDocument(await exports.data(consortiumId, 'en', choice)),
        closedCsv: await exports.csv(consortiumId, 'en', closedChoice),
        closedCids: cidsDocument(await exports.data(consortiumId, 'fr', closedChoice)),
      };
    });
    const value = (key: string) => got.api.indicators.find((i) => i.key === key)!.value;
    expect(value('o1.meeting-participants')).toBe(7);

    const rows = parse(got.csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.key)).toEqual(got.api.indicators.map((i) => i.key));
    for (const figure of got.api.indicators) {
      const row = rows.find((r) => r.key === figure.key)!;
      expect({ value: row.value === '' ? null : Number(row.value), status: row.status }).toEqual({ value: figure.value, status: exportWords.status[figure.status].en });
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(got.xlsx as never);
    expect(workbook.getWorksheet(exportWords.aboutSheet.en)!.getRow(1).getCell(2).value).toBe('from 2026-03-01 to 2026-04-30 inclusive');
    const sheet = workbook.getWorksheet(exportWords.indicatorsSheet.en)!;
    const participants = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'o1.meeting-participants')!;
    expect(participants.getCell(4).value).toBe(7);
    const seriesSheet = workbook.getWorksheet(exportWords.seriesSheet.en)!;
    expect((seriesSheet.getRow(1).values as unknown[]).slice(1)).toEqual(seriesColumns.map((c) => exportWords.columns[c].en));
    const monthly = seriesSheet.getRows(2, seriesSheet.rowCount - 1)!.filter((r) => r.getCell(1).value === 'o1.meeting-participants').map((r) => [r.getCell(4).value, r.getCell(5).value]);
    expect(monthly).toEqual(got.series.months.map((m) => [m.month, m.value]));
    expect(monthly).toEqual([
      ['2026-03', 7],
      ['2026-04', 0],
    ]);
    // Every indicator, each month of the period.
    expect(seriesSheet.rowCount - 1).toBe(got.api.indicators.length * 2);

    const seriesRows = parse(got.seriesCsv, { bom: true, columns: true }) as Record<string, string>[];
    expect(seriesRows.filter((r) => r.clé === 'o1.meeting-participants').map((r) => [r.mois, r.valeur])).toEqual([
      ['2026-03', '7'],
      ['2026-04', '0'],
    ]);

    const reports = got.cids['@graph'].filter((n) => n['@type'] === 'cids:IndicatorReport');
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect([report.startedAtTime, report.endedAtTime]).toEqual(['2026-03-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
    const participantsReport = reports.find((n) => n['@id'].includes('#indicator-report/o1.meeting-participants/'))!;
    expect(participantsReport.value).toMatchObject({ hasNumericalValue: '7' });

    // The closed period (April): its frozen figures, in every format, with its dates.
    const closedRows = parse(got.closedCsv, { bom: true, columns: true }) as Record<string, string>[];
    for (const figure of got.closed.indicators) expect(closedRows.find((r) => r.key === figure.key)!.value).toBe(figure.value === null ? '' : String(figure.value));
    expect(closedRows.find((r) => r.key === 'o1.meeting-participants')!.value).toBe('0');
    const closedReport = got.closedCids['@graph'].find((n) => n['@id'].includes('#indicator-report/o1.meeting-participants/'))!;
    expect([closedReport.startedAtTime, closedReport.endedAtTime]).toEqual(['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
    expect(closedReport.hasName).toContain(`du 2026-04-01 au 2026-04-30 inclus — période close le ${got.closed.closedAt.slice(0, 10)}`);
  });

  it('refuses a period as the report does, each refusal naming its field in both languages: to not after from, period with from, a day that does not exist', () => {
    const refusal = (q: Record<string, string>) => {
      try {
        parseOrRefuse(exportQuery, q);
      } catch (error) {
        return (error as DomainError).details.errors;
      }
      throw new Error('accepted');
    };
    expect(refusal({ from: '2026-04-01', to: '2026-03-01' })).toEqual([expect.objectContaining({ field: 'to', code: 'field.end-before-start', detail: { en: 'must come after from', fr: 'doit venir après from' } })]);
    expect(refusal({ period: randomUUID(), from: '2026-01-01' })).toEqual([expect.objectContaining({ field: 'period', code: 'field.invalid' })]);
    expect(refusal({ from: '2026-02-30' })).toEqual([expect.objectContaining({ field: 'from', code: 'field.not-a-date' })]);
  });
});
