import escapeHtml from 'escape-html';
import * as echarts from 'echarts';

/** The texts of one chart, in the caller's language: the library writes none of its own. */
export interface FigureText {
  /** Short title: the visible caption and the SVG's <title>. */
  title: string;
  /** What the chart shows, in a sentence or two: the SVG's <desc>. */
  description: string;
  /** The summary of the data table's disclosure ("Voir les données" / "Show the data"). */
  showData: string;
  /** Shown instead of a suppressed small count ("moins de 5" / "fewer than 5"). */
  suppressed: string;
}

/** What every chart takes: an id unique on the page, the caller's locale for numbers, its texts. */
export interface ChartBase {
  /** Unique on the page: the figure's id and the prefix of the ids its SVG and table refer to. */
  id: string;
  /** BCP 47 locale the numbers are written in, e.g. `fr-CA`. */
  locale: string;
  text: FigureText;
  width?: number;
  height?: number;
  /** The data table shown open (a printed page), not behind its disclosure. */
  tableOpen?: boolean;
}

/** A table of the data: column headings, then rows whose first cell names the row. */
export interface DataTable {
  head: string[];
  rows: string[][];
}

/**
 * Palette with at least 4.5:1 against white for text and marks (WCAG AA), and never the only cue:
 * every series also differs by line pattern, marker shape or a written label.
 */
export const palette = {
  ink: '#1b1b1b',
  muted: '#4a4a4a',
  grid: '#d0d0d0',
  primary: '#1f5aa6',
  primaryLight: '#c9d9f0',
  target: '#b3261e',
  peer: '#6b3b00',
  done: '#0b4d1c',
} as const;

/** The styles of the figure, to append to the page's stylesheet (pages allow no inline style). */
export const chartStyles = `  figure.chart { margin: 0 0 1rem; background: #fff; border: 1px solid ${palette.grid}; border-radius: .5rem; padding: .75rem .9rem; max-width: 100%; }
  figure.chart figcaption { font-weight: 600; margin-bottom: .5rem; }
  figure.chart svg { display: block; width: 100%; max-width: 36rem; height: auto; }
  figure.chart svg.chart-wide { max-width: none; }
  figure.chart svg.chart-narrow { display: none; max-width: 26rem; margin: 0 auto; }
  @media (max-width: 56rem) { figure.chart svg.chart-wide { display: none; } figure.chart svg.chart-narrow { display: block; } }
  figure.chart details { margin-top: .5rem; } figure.chart summary { cursor: pointer; color: #0b4f9c; }
  figure.chart .chart-table { overflow-x: auto; } figure.chart table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  figure.chart th, figure.chart td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid ${palette.grid}; } figure.chart td { text-align: right; font-variant-numeric: tabular-nums; }
  figure.chart .chart-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const textStyle = { color: palette.ink, fontFamily: 'system-ui, sans-serif', fontSize: 13 };

/** Renders an ECharts option to an SVG string on the server: no browser, no animation. */
export function renderSvg(id: string, option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle, ...option });
    return cleaned(chart.renderToSVGString(), id);
  } finally {
    // Disposing also stops the renderer's timer, which would otherwise keep the process alive.
    chart.dispose();
  }
}

/**
 * Makes ECharts' SVG fit our pages: its inline styles become presentation attributes and its
 * hover <style> goes (the pages' policy allows no inline style), its per-instance class and meta
 * attributes go (they differ from one render to the next: the output must be deterministic).
 */
function cleaned(svg: string, id: string): string {
  return svg
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      declarations
        .split(';')
        .map((d) => d.split(':').map((s) => s.trim()))
        .filter(([property, value]) => property && value && presentation.has(property))
        .map(([property, value]) => ` ${property}="${value}"`)
        .join(''),
    )
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/zr\d+-/g, `${id}-`)
    .replace(/\n+/g, '\n');
}

/** Inline style properties that SVG also takes as attributes. */
const presentation = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke', 'opacity']);

/**
 * The accessible figure: a visible caption, the SVG as one image named by its <title> and
 * described by its <desc>, and the same data as an HTML table behind a disclosure.
 */
export function figure(chart: ChartBase, svg: string | { svg: string; media: 'wide' | 'narrow' }[], table: DataTable): string {
  const { id, text } = chart;
  // One drawing, or one per screen width (the stylesheet shows one of them, the other is display: none, out of the accessibility tree too).
  const drawings = typeof svg === 'string' ? [{ svg, media: undefined }] : svg;
  const labelled = drawings
    .map(({ svg: drawing, media }, i) => {
      const ids = i === 0 ? id : `${id}-${media}`;
      return drawing.replace(
        /^<svg\b([^>]*)>/,
        (_, attributes: string) =>
          `<svg${attributes.replace(/ (width|height)="[^"]*"/g, '')}${media ? ` class="chart-${media}"` : ''} role="img" focusable="false" aria-labelledby="${ids}-title ${ids}-desc"><title id="${ids}-title">${escapeHtml(text.title)}</title><desc id="${ids}-desc">${escapeHtml(text.description)}</desc>`,
      );
    })
    .join('\n');
  const cell = (tag: 'th' | 'td', value: string, scope?: string) => `<${tag}${scope ? ` scope="${scope}"` : ''}>${escapeHtml(value)}</${tag}>`;
  const head = `<tr>${table.head.map((h) => cell('th', h, 'col')).join('')}</tr>`;
  const rows = table.rows.map((r) => `<tr>${r.map((c, i) => (i ? cell('td', c) : cell('th', c, 'row'))).join('')}</tr>`).join('');
  return `<figure class="chart" id="${id}" data-chart="${id}">
<figcaption>${escapeHtml(text.title)}</figcaption>
${labelled}
<details${chart.tableOpen ? ' open' : ''}><summary>${escapeHtml(text.showData)}</summary><div class="chart-table"><table><caption class="chart-sr-only">${escapeHtml(text.title)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table></div></details>
</figure>`;
}

/** Writes a count or a figure in the caller's locale; null (a suppressed small count) as the suppression text. */
export function formatter(chart: ChartBase): (value: number | null) => string {
  const number = new Intl.NumberFormat(chart.locale, { maximumFractionDigits: 1 });
  return (value) => (value === null ? chart.text.suppressed : number.format(value));
}

