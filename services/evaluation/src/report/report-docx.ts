import { readFileSync } from 'node:fs';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ReportDocument, ReportNarrative, statusLabel } from './report-document';
import { figureParts } from './report-figures';
import { robotoBuffers } from './report-fonts';
import type { Paper } from './report-pdf';
import { reportWords, typeset } from './report-render';

/** Page sizes in twentieths of a point (Word's unit). */
const pageSizes: Record<Paper, { width: number; height: number }> = { a4: { width: 11906, height: 16838 }, letter: { width: 12240, height: 15840 } };

let rasteriser: Promise<void> | undefined;
/** resvg compiled to WebAssembly: a PNG of each chart for Word processors that show no SVG, with no native code. */
async function png(svg: string, width: number): Promise<Uint8Array> {
  rasteriser ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  await rasteriser;
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: width }, background: '#ffffff', font: { fontBuffers: robotoBuffers(), defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto', loadSystemFonts: false } as never });
  try {
    return image.render().asPng();
  } finally {
    image.free();
  }
}

/**
 * The report as an editable Word document: Word's own heading styles (so its navigation pane and
 * a table of contents find them), bulleted details, each chart as an SVG image with a PNG fallback
 * and its data as a real table, page numbers in the footer, A4 or Letter.
 */
export async function reportDocx(document: ReportDocument, paper: Paper = 'a4'): Promise<Buffer> {
  const language = document.language;
  const w = reportWords[language];
  const text = (value: string) => typeset(value, language);
  const colon = text(w.colon);
  const paragraph = (value: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text: text(value), ...options })] });
  const labelled = (label: string, value: string) => new Paragraph({ children: [new TextRun({ text: `${text(label)}${colon}`, bold: true }), new TextRun(text(value))] });
  const bullet = (value: string) => new Paragraph({ text: text(value), bullet: { level: 0 } });
  const cell = (value: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: text(value), bold })] })] });
  const table = (head: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
    });

  /** The coordinator's text, typeset for the language it is written in (Word's proofing too). */
  const narrative = (n: ReportNarrative, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => [
    new Paragraph({ heading, children: [new TextRun(text(n.heading))] }),
    ...(n.note ? [paragraph(n.note, { italics: true })] : []),
    ...n.paragraphs.map((p) => new Paragraph({ children: [new TextRun({ text: typeset(p, n.language), language: { value: n.language === 'fr' ? 'fr-CA' : 'en-CA' } })] })),
  ];
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text(document.title))] }),
    new Paragraph({ children: [new TextRun({ text: text(document.consortiumName), size: 30, color: '4A4A4A' })] }),
    ...document.front.map((f) => labelled(f.label, f.value)),
  ];
  for (const section of document.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text(section.heading))] }), paragraph(section.statement, { italics: true }));
    for (const criterion of section.criteria) {
      const status = statusLabel(criterion.status, language);
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text(criterion.heading))] }));
      if (criterion.target) children.push(labelled(w.target, criterion.target));
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${w.result}${colon}`, bold: true }), ...(status ? [new TextRun({ text: status, bold: true }), new TextRun(colon)] : []), new TextRun(text(criterion.result))],
        }),
        ...criterion.details.map(bullet),
      );
    }
    if (section.narrative) children.push(...narrative(section.narrative, HeadingLevel.HEADING_2));
    for (const figure of section.figures.map(figureParts)) {
      // 15 cm wide at most (about 425 points, 567 pixels at 96 dpi); the PNG twice as fine for print.
      const width = Math.min(567, figure.width);
      const height = Math.round((figure.height * width) / figure.width);
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(text(figure.title))] }),
        new Paragraph({
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(figure.svg),
              fallback: { type: 'png', data: await png(figure.svg, width * 2) },
              transformation: { width, height },
              altText: { title: text(figure.title), description: text(figure.title), name: figure.id },
            }),
          ],
        }),
        new Paragraph({ children: [new TextRun({ text: text(w.dataTable), italics: true })] }),
        table(figure.table.head, figure.table.rows),
      );
    }
  }
  if (document.learnings) children.push(...narrative(document.learnings, HeadingLevel.HEADING_1));
  const { methodology, dataQuality } = document;
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(text(methodology.heading))] }),
    ...methodology.paragraphs.map((p) => paragraph(p)),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text(methodology.definitionsHeading))] }),
    ...methodology.definitions.map((d) => labelled(d.term, d.text)),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text(dataQuality.heading))] }),
    ...dataQuality.notes.map(bullet),
  );
  const [before, after] = language === 'fr' ? ['Page ', ' sur '] : ['Page ', ' of '];
  const word = new Document({
    title: `${document.title} — ${document.consortiumName}`,
    subject: document.subtitle,
    creator: 'CCNDR',
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: language === 'fr' ? 'fr-CA' : 'en-CA' } } } } },
    sections: [
      {
        properties: { page: { size: pageSizes[paper], margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [before, PageNumber.CURRENT, after, PageNumber.TOTAL_PAGES] })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(word);
}
