import ExcelJS from 'exceljs';
import { indicatorCatalogue, indicatorLabel } from '@ccndr/indicators';
import { exportRows, exportWords, indicatorCells, IndicatorExport, outcomeHeading, periodDescription, seriesCells, seriesColumns, targetText } from './export-table';

/** The columns of the indicators' sheet: the CSV's, with numbers as numbers. */
const indicatorColumns = [
  { column: 'key', width: 44 },
  { column: 'outcome', width: 22 },
  { column: 'label', width: 60 },
  { column: 'value', width: 10 },
  { column: 'unit', width: 10 },
  { column: 'target', width: 10 },
  { column: 'dueOn', width: 14 },
  { column: 'status', width: 20 },
  { column: 'n', width: 8 },
  { column: 'nOf', width: 14 },
  { column: 'suppressed', width: 18 },
] as const;

function headed(sheet: ExcelJS.Worksheet, headers: { header: string; width: number }[]): void {
  sheet.columns = headers.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
}

/**
 * The indicators as a workbook: what the export covers (About), a sheet of the indicators (the
 * CSV's rows, figures as numbers) and a sheet of the catalogue's definitions, all in the export's
 * language, with the indicators' monthly series (one row per indicator and month) after the indicators.
 */
export async function indicatorsWorkbook(data: IndicatorExport, producedAt: Date): Promise<Buffer> {
  const lang = data.language;
  const words = exportWords;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CCNDR';
  workbook.created = producedAt;

  const about = workbook.addWorksheet(words.aboutSheet[lang]);
  about.columns = [{ width: 24 }, { width: 90 }];
  about.addRows([
    [words.periodCovered[lang], periodDescription(data)],
    [words.produced[lang], producedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'],
    [words.columns.smallCounts[lang], words.suppressionNote[lang]],
    ...(data.months?.length ? [[words.seriesSheet[lang], words.seriesNote(data.months[0].month, data.months.at(-1)!.month)[lang]]] : []),
  ]);
  about.getColumn(1).font = { bold: true };

  const indicators = workbook.addWorksheet(words.indicatorsSheet[lang]);
  headed(
    indicators,
    indicatorColumns.map(({ column, width }) => ({ header: words.columns[column][lang], width })),
  );
  for (const row of exportRows(data)) {
    indicators.addRow(indicatorCells(row, lang, 'number'));
  }

  const series = workbook.addWorksheet(words.seriesSheet[lang]);
  const seriesWidths: Record<(typeof seriesColumns)[number], number> = { key: 44, outcome: 22, label: 60, month: 10, value: 10, unit: 10, status: 20, suppressed: 18 };
  headed(
    series,
    seriesColumns.map((column) => ({ header: words.columns[column][lang], width: seriesWidths[column] })),
  );
  for (const cells of seriesCells(data)) series.addRow(cells);

  const definitions = workbook.addWorksheet(words.definitionsSheet[lang]);
  headed(definitions, [
    { header: words.columns.key[lang], width: 44 },
    { header: words.columns.outcome[lang], width: 22 },
    { header: words.columns.label[lang], width: 60 },
    { header: words.columns.unit[lang], width: 10 },
    { header: words.columns.definition[lang], width: 90 },
    { header: words.columns.defaultTarget[lang], width: 14 },
    { header: words.columns.smallCounts[lang], width: 50 },
  ]);
  for (const definition of indicatorCatalogue) {
    const label = definition.key.includes('<dimension>') ? indicatorLabel(definition.key.replace('<dimension>', 'dimension'), words.eachDimension) : definition.label;
    definitions.addRow([
      definition.key,
      outcomeHeading(definition.outcome, lang),
      label[lang],
      words.units[definition.unit][lang],
      definition.definition[lang],
      targetText(definition.target) || words.noTarget[lang],
      definition.suppression ? words.smallCountRule(definition.suppression.cells)[lang] : '',
    ]);
  }
  for (const sheet of [indicators, series, definitions]) sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  definitions.getColumn(5).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
