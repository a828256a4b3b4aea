import { join } from 'node:path';
import { IndicatorDefinition, indicatorCatalogue, Target } from './catalogue';

/** The document that describes the indicators to engineers and operators. */
export const evaluationDocFile = join(__dirname, '..', '..', '..', 'docs', 'evaluation.md');

/** Where docs/evaluation.md holds the catalogue's table (written by `npm run indicator-docs`, checked by a test). */
export const catalogueDocMarkers = { start: '<!-- indicator catalogue: start (generated from libs/indicators, do not edit) -->', end: '<!-- indicator catalogue: end -->' };

const units: Record<IndicatorDefinition['unit'], string> = { count: 'count', percent: '%', average: 'average', 'per-month': 'per month' };

function targetText(target: Target | null): string {
  if (!target) return '—';
  if (target.comparison === 'between') return `${target.value}–${target.max}`;
  return `${target.comparison === 'more-than' ? '>' : '≥'} ${target.value}`;
}

const cell = (value: string) => value.replace(/\|/g, '\\|');

/** The catalogue as the Markdown table of docs/evaluation.md, between its markers. */
export function catalogueMarkdown(): string {
  const rows = indicatorCatalogue.map((d) =>
    [
      `\`${d.key}\``,
      d.outcome === null ? 'readiness' : String(d.outcome),
      `${d.label.en} / ${d.label.fr}`,
      units[d.unit],
      d.definition.en,
      targetText(d.target),
      d.suppression ? `under ${d.suppression.below} shown "<${d.suppression.below}": ${d.suppression.cells.en}` : '—',
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    catalogueDocMarkers.start,
    '| key | outcome | label (EN / FR) | unit | definition | default target | small counts |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    catalogueDocMarkers.end,
  ].join('\n');
}

/** A document with its catalogue table replaced by the catalogue's current one. */
export function withCatalogueTable(document: string): string {
  const start = document.indexOf(catalogueDocMarkers.start);
  const end = document.indexOf(catalogueDocMarkers.end);
  if (start < 0 || end < start) throw new Error('the document has no indicator catalogue markers');
  return document.slice(0, start) + catalogueMarkdown() + document.slice(end + catalogueDocMarkers.end.length);
}
