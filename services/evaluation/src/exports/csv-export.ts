import { exportRows, exportWords, indicatorCells, IndicatorExport, seriesCells, seriesColumns } from './export-table';

/**
 * A cell of RFC 4180 CSV. Text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
 * return first: a dimension's name is the consortium's own text) is written after an apostrophe,
 * as OWASP advises against CSV injection; numbers are written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The columns of the indicators' CSV, in order. */
export const csvColumns = ['key', 'outcome', 'label', 'value', 'unit', 'target', 'dueOn', 'status', 'n', 'nOf', 'suppressed'] as const;

/**
 * The indicators as CSV: one row per indicator, headers in the export's language, UTF-8 with a byte
 * order mark (so that spreadsheets read accents), comma-separated, a point for decimals, CRLF lines.
 */
export function indicatorsCsv(data: IndicatorExport): string {
  return csvText([csvColumns.map((c) => exportWords.columns[c][data.language]), ...exportRows(data).map((row) => indicatorCells(row, data.language, 'text'))]);
}

/** The monthly series as CSV: one row per indicator and month (the workbook's series sheet), written as the indicators' CSV. */
export function seriesCsv(data: IndicatorExport): string {
  return csvText([seriesColumns.map((c) => exportWords.columns[c][data.language]), ...seriesCells(data)]);
}

const csvText = (lines: (string | number | null)[][]) => '\uFEFF' + lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
