/**
 * The parts of a chart library figure (libs/charts' `figure`: a caption, the SVG, the data table)
 * for the print formats, which lay them out themselves: PDF draws the SVG as vectors, Word shows
 * it as an image with its data as a table.
 */
export interface FigureParts {
  id: string;
  title: string;
  /** The chart as SVG, with its width and height (from its viewBox) for renderers that need them. */
  svg: string;
  width: number;
  height: number;
  table: { head: string[]; rows: string[][] };
}

export function figureParts(figure: string): FigureParts {
  const id = /<figure[^>]* id="([^"]+)"/.exec(figure)?.[1] ?? 'chart';
  const title = unescapeHtml(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(figure)?.[1] ?? '');
  const svgSource = /<svg\b[\s\S]*?<\/svg>/.exec(figure)?.[0] ?? '';
  const [, , width = 560, height = 320] = (/viewBox="([^"]+)"/.exec(svgSource)?.[1] ?? '').split(/\s+/).map(Number);
  // The accessible name and description stay in the HTML; in print the caption and the table carry them.
  const svg = svgSource.replace(/^<svg\b/, `<svg width="${width}" height="${height}"`).replace(/<title\b[\s\S]*?<\/title>|<desc\b[\s\S]*?<\/desc>/g, '');
  const rows = (html: string) =>
    [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => unescapeHtml(cell[1])));
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(figure)?.[1] ?? '';
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(figure)?.[1] ?? '';
  return { id, title, svg, width, height, table: { head: rows(thead)[0] ?? [], rows: rows(tbody) } };
}

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
