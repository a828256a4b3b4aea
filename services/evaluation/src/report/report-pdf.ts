import { palette } from '@ccndr/charts';
import { ReportDocument, ReportNarrative, statusLabel } from './report-document';
import { figureParts } from './report-figures';
import { robotoFiles, robotoFolder } from './report-fonts';
import { reportWords, typeset } from './report-render';

/** pdfmake's server build (no type declarations of its own): what the report uses of it. */
interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake: PdfMake = require('pdfmake');

// Roboto, embedded in the file (subset): French accents and typographic signs print as they are.
pdfmake.setFonts({ Roboto: robotoFiles });
// The document is built from our own data: it reads its fonts and nothing else, and fetches nothing.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(robotoFolder));

export type Paper = 'a4' | 'letter';

const statusColours = { met: palette.done, 'not-met': '#6b3b00', 'on-track': '#133f7a' } as const;

/** The printable width of the page, in points (A4: 595 pt wide, Letter: 612 pt), less the margins. */
const margins = 56;
const contentWidth = (paper: Paper) => (paper === 'a4' ? 595.28 : 612) - 2 * margins;

/**
 * The report as a PDF for print: A4 or Letter, page numbers in the footer, the chart library's SVG
 * drawn as vectors (pdfmake hands SVG to svg-to-pdfkit), each chart's data as a table beside it,
 * Roboto embedded. Pure JavaScript: no browser, so it works in the service's container image.
 */
export async function reportPdf(document: ReportDocument, paper: Paper = 'a4'): Promise<Buffer> {
  const language = document.language;
  const w = reportWords[language];
  const text = (value: string) => typeset(value, language);
  const width = contentWidth(paper);
  /** The coordinator's text, typeset for the language it is written in. */
  const narrative = (n: ReportNarrative, style: 'h2' | 'h3') => [
    { text: text(n.heading), style, ...(style === 'h2' ? { tocItem: true } : {}) },
    ...(n.note ? [{ text: text(n.note), italics: true, margin: [0, 0, 0, 4] }] : []),
    ...n.paragraphs.map((p) => ({ text: typeset(p, n.language), margin: [0, 0, 0, 6] })),
  ];
  const content: object[] = [
    { text: text(document.title), style: 'title' },
    { text: text(document.consortiumName), style: 'consortium' },
    {
      table: { widths: ['auto', '*'], body: document.front.map((f) => [{ text: text(f.label), bold: true }, text(f.value)]) },
      layout: 'noBorders',
      margin: [0, 8, 0, 16],
    },
  ];
  for (const section of document.sections) {
    content.push({ text: text(section.heading), style: 'h2', tocItem: true }, { text: text(section.statement), style: 'statement' });
    for (const criterion of section.criteria) {
      const status = statusLabel(criterion.status, language);
      content.push({
        unbreakable: true,
        stack: [
          { text: text(criterion.heading), style: 'h3' },
          ...(criterion.target ? [{ text: [{ text: `${w.target}${text(w.colon)}`, bold: true }, text(criterion.target)] }] : []),
          {
            text: [
              { text: `${w.result}${text(w.colon)}`, bold: true },
              ...(status && criterion.status && criterion.status !== 'tracked' ? [{ text: status, bold: true, color: statusColours[criterion.status] }, text(w.colon)] : []),
              text(criterion.result),
            ],
          },
          ...(criterion.details.length ? [{ ul: criterion.details.map(text), margin: [0, 2, 0, 0] }] : []),
        ],
        margin: [0, 0, 0, 8],
      });
    }
    if (section.narrative) content.push(...narrative(section.narrative, 'h3'));
    for (const figure of section.figures.map(figureParts)) {
      // At most four fifths of the text width: a chart beside its table, not a poster.
      const scale = Math.min(1, (width * 0.8) / figure.width);
      content.push({
        unbreakable: true,
        stack: [
          { text: text(figure.title), style: 'figureTitle' },
          { svg: figure.svg, width: figure.width * scale, height: figure.height * scale },
          {
            table: {
              headerRows: 1,
              widths: ['*', ...figure.table.head.slice(1).map(() => 'auto')],
              body: [figure.table.head.map((h) => ({ text: text(h), bold: true })), ...figure.table.rows.map((r) => r.map((c, i) => ({ text: text(c), alignment: i ? 'right' : 'left' })))],
            },
            layout: 'lightHorizontalLines',
            fontSize: 8.5,
            margin: [0, 4, 0, 0],
          },
        ],
        margin: [0, 6, 0, 12],
      });
    }
  }
  if (document.learnings) content.push(...narrative(document.learnings, 'h2'));
  const { methodology, dataQuality } = document;
  content.push(
    { text: text(methodology.heading), style: 'h2', tocItem: true, pageBreak: 'before' },
    ...methodology.paragraphs.map((p) => ({ text: text(p), margin: [0, 0, 0, 6] })),
    { text: text(methodology.definitionsHeading), style: 'h3' },
    ...methodology.definitions.map((d) => ({ text: [{ text: `${text(d.term)}${text(w.colon)}`, bold: true }, text(d.text)], fontSize: 9, margin: [0, 0, 0, 4] })),
    { text: text(dataQuality.heading), style: 'h2', tocItem: true },
    { ul: dataQuality.notes.map(text) },
  );
  return pdfmake
    .createPdf({
      pageSize: paper === 'a4' ? 'A4' : 'LETTER',
      pageMargins: [margins, margins, margins, margins + 8],
      info: { title: `${document.title} — ${document.consortiumName}`, subject: document.subtitle, creator: 'CCNDR' },
      language: language === 'fr' ? 'fr-CA' : 'en-CA',
      content,
      footer: (page: number, pages: number) => ({ text: w.page(page, pages), alignment: 'center', fontSize: 9, color: palette.muted, margin: [0, 24, 0, 0] }),
      defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2, color: palette.ink },
      styles: {
        title: { fontSize: 22, bold: true },
        consortium: { fontSize: 14, color: palette.muted, margin: [0, 4, 0, 0] },
        h2: { fontSize: 15, bold: true, margin: [0, 16, 0, 4] },
        h3: { fontSize: 11.5, bold: true, margin: [0, 6, 0, 2] },
        statement: { italics: true, margin: [0, 0, 0, 8] },
        figureTitle: { bold: true, margin: [0, 0, 0, 4] },
      },
    })
    .getBuffer();
}
