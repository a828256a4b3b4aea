import { Bilingual } from '@ccndr/contracts';
import { indicatorDefinition, IndicatorUnit, outcomes, smallCellThreshold, Target } from '@ccndr/indicators';
import { IndicatorStatus } from '../indicators/indicator';
import { IndicatorFigure, MonthFigures } from '../indicators/indicators.service';

export type Language = 'fr' | 'en';

/**
 * The time an export covers, as the report's: the consortium's whole history up to the moment the
 * file is produced (live figures), a period asked for (`from`, `to`: computed on read) or a
 * closed period (its frozen figures). `to` is not included.
 */
export interface ExportPeriod {
  kind: 'history' | 'period' | 'closed';
  /** The consortium's start for the whole history, else the period's first day. */
  from: Date;
  /** When the figures were read for the whole history, else the day after the period's last. */
  to: Date;
  /** A closed period: when it was closed and whether it has been restated since (its frozen figures are exported). */
  closedAt?: Date;
  restated?: boolean;
}

/** What every format of the export is written from: the indicators exactly as the API serves them. */
export interface IndicatorExport {
  consortiumId: string;
  /** The consortium's name in the export's language (null before consortium events carried it). */
  consortiumName: string | null;
  language: Language;
  period: ExportPeriod;
  indicators: IndicatorFigure[];
  /** Each indicator month by month over the period (the workbook's series sheet and the series CSV). */
  months?: MonthFigures[];
}

/** What an indicator's n counts: survey responses, or the organisations (journeys) an average is drawn from. */
export type SampleKind = 'responses' | 'organizations' | 'journeys';

/** One indicator as a row of the exports. */
export interface ExportRow {
  key: string;
  outcome: number | null;
  /** The outcome's heading in the export's language ("1er résultat", "Outcome 1", the readiness heading). */
  outcomeHeading: string;
  label: string;
  /** As the API serves it: null when there is nothing to show, suppressed or not. */
  value: number | null;
  unit: IndicatorUnit;
  unitText: string;
  target: Target | null;
  targetText: string;
  status: IndicatorStatus;
  statusText: string;
  /** The number of responses or organisations behind the figure; null when suppressed or not applicable (`nOf` null). */
  n: number | null;
  nOf: SampleKind | null;
  /** What n is written as: the count, "<5" when the small-count rule withholds it, empty when not applicable. */
  nText: string;
  /** The small-count rule withholds this row's figure or its n (fewer than 5 organisations, or responses). */
  suppressed: boolean;
}

const t = (fr: string, en: string): Bilingual => ({ fr, en });

/** The words of the exports, in both languages. */
export const exportWords = {
  columns: {
    key: t('clé', 'key'),
    outcome: t('résultat', 'outcome'),
    label: t('indicateur', 'indicator'),
    month: t('mois', 'month'),
    value: t('valeur', 'value'),
    unit: t('unité', 'unit'),
    target: t('cible', 'target'),
    dueOn: t('échéance de la cible', 'target due date'),
    status: t('statut', 'status'),
    n: t('n', 'n'),
    nOf: t('n porte sur', 'n counts'),
    suppressed: t(`masqué (moins de ${smallCellThreshold})`, `suppressed (fewer than ${smallCellThreshold})`),
    definition: t('définition', 'definition'),
    defaultTarget: t('cible par défaut du programme', 'programme’s default target'),
    smallCounts: t('petits nombres', 'small counts'),
  },
  units: { count: t('nombre', 'count'), percent: t('%', '%'), average: t('moyenne', 'average'), 'per-month': t('par mois', 'per month') } satisfies Record<IndicatorUnit, Bilingual>,
  status: {
    met: t('cible atteinte', 'target met'),
    'not-met': t('cible non atteinte', 'target not met'),
    'on-track': t('en bonne voie', 'on track'),
    tracked: t('suivi sans cible', 'tracked, no target'),
  } satisfies Record<IndicatorStatus, Bilingual>,
  samples: { responses: t('réponses', 'responses'), organizations: t('organismes', 'organisations'), journeys: t('parcours', 'journeys') } satisfies Record<SampleKind, Bilingual>,
  yes: t('oui', 'yes'),
  no: t('non', 'no'),
  noTarget: t('aucune', 'none'),
  eachDimension: t('chaque dimension', 'each dimension'),
  smallCountRule: (cells: Bilingual) => t(`moins de ${smallCellThreshold}\u00a0: «\u00a0<${smallCellThreshold}\u00a0» (${cells.fr})`, `under ${smallCellThreshold}: "<${smallCellThreshold}" (${cells.en})`),
  suppressedFigure: t(
    `Non publié\u00a0: tiré de moins de ${smallCellThreshold} organismes (règle des petits nombres).`,
    `Not published: drawn from fewer than ${smallCellThreshold} organisations (small-count rule).`,
  ),
  noData: t('Aucune donnée pour la période.', 'No data for the period.'),
  consortiumDescription: t(
    'Consortium du programme de préparation numérique et aux données des organismes à but non lucratif d’emploi jeunesse (CCNDR).',
    'Consortium of the digital and data readiness programme for youth-employment nonprofits (CCNDR).',
  ),
  indicatorsSheet: t('Indicateurs', 'Indicators'),
  definitionsSheet: t('Définitions', 'Definitions'),
  aboutSheet: t('À propos', 'About'),
  periodCovered: t('Période couverte', 'Period covered'),
  produced: t('Produit le', 'Produced'),
  periodText: (from: string, to: string) => t(`du ${from} (début du consortium) au ${to}`, `from ${from} (start of the consortium) to ${to}`),
  chosenPeriodText: (from: string, last: string) => t(`du ${from} au ${last} inclus`, `from ${from} to ${last} inclusive`),
  closedText: (closedAt: string, restated: boolean) =>
    t(`période close le ${closedAt}, chiffres figés à la clôture${restated ? ' (redressée depuis)' : ''}`, `period closed on ${closedAt}, figures frozen when closed${restated ? ' (restated since)' : ''}`),
  seriesSheet: t('Séries mensuelles', 'Monthly series'),
  seriesMonths: t('Séries mensuelles', 'Monthly series'),
  seriesNote: (first: string, last: string) =>
    t(
      `mois civils (UTC) de ${first} à ${last}, chacun calculé comme une période (au plus les 60 derniers mois\u00a0; les séries se calculent au moment de l’export, même pour une période close)`,
      `calendar months (UTC) from ${first} to ${last}, each computed as a period (at most the last 60 months; series are computed when exported, a closed period's too)`,
    ),
  suppressionNote: t(
    `Les nombres de réponses et d’organismes (n) inférieurs à ${smallCellThreshold}, et les moyennes tirées de moins de ${smallCellThreshold} organismes, ne sont pas publiés\u00a0: n s’écrit «\u00a0<${smallCellThreshold}\u00a0» et la colonne «\u00a0masqué\u00a0» l’indique.`,
    `Counts of responses and organisations (n) under ${smallCellThreshold}, and averages drawn from fewer than ${smallCellThreshold} organisations, are not published: n is written "<${smallCellThreshold}" and the "suppressed" column says so.`,
  ),
};

/** A target as people read it: "≥ 10", "> 60", "5–10". */
export function targetText(target: Target | null): string {
  if (!target) return '';
  if (target.comparison === 'between') return `${target.value}–${target.max ?? target.value}`;
  return `${target.comparison === 'more-than' ? '>' : '≥'} ${target.value}`;
}

/**
 * The n behind an indicator where it has one: a survey figure's responses, or the organisations
 * (journeys) a readiness figure is drawn from, which the API serves as null under the small-count rule.
 */
export function sampleOf(view: IndicatorFigure): { n: number | null; of: SampleKind } | null {
  const breakdown = view.breakdown as Record<string, unknown> | null;
  if (!breakdown || typeof breakdown !== 'object') return null;
  // A survey's n is its responses, null ("<5") from 1 to 4.
  if (breakdown.responses === null || typeof breakdown.responses === 'number') return { n: breakdown.responses, of: 'responses' };
  // Only the indicators whose counts of organisations the catalogue suppresses give their n this way
  // (a representation indicator's `organizations` is a count per province, not an n).
  if (indicatorDefinition(view.key).suppression === null) return null;
  for (const kind of ['organizations', 'journeys'] as const) {
    const n = breakdown[kind];
    if (n === null || typeof n === 'number') return { n, of: kind };
  }
  return null;
}

export function outcomeHeading(outcome: number | null, language: Language): string {
  return outcomes.find((o) => o.outcome === outcome)?.heading[language] ?? '';
}

/** The indicators as rows, in the API's order. */
export function exportRows(data: IndicatorExport): ExportRow[] {
  const lang = data.language;
  return data.indicators.map((view) => {
    const sample = sampleOf(view);
    // The figure withheld (the read model says so), or only its n (3 organisations with 7 responses: 7 shown, the average not).
    const suppressed = view.suppressed || (sample !== null && sample.n === null);
    return {
      key: view.key,
      outcome: view.outcome,
      outcomeHeading: outcomeHeading(view.outcome, lang),
      label: view.label[lang],
      value: view.value,
      unit: view.unit,
      unitText: exportWords.units[view.unit][lang],
      target: view.target,
      targetText: targetText(view.target),
      status: view.status,
      statusText: exportWords.status[view.status][lang],
      n: sample?.n ?? null,
      nOf: sample?.of ?? null,
      nText: !sample ? '' : sample.n === null ? `<${smallCellThreshold}` : String(sample.n),
      suppressed,
    };
  });
}

/** A date as the exports write it (ISO 8601, UTC). */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** What an export covers, as people read it: the whole history, a period (its last day included), or a closed period. */
export function periodDescription(data: IndicatorExport): string {
  const { period, language } = data;
  if (period.kind === 'history') return exportWords.periodText(isoDate(period.from), isoDate(period.to))[language];
  const text = exportWords.chosenPeriodText(isoDate(period.from), isoDate(new Date(period.to.getTime() - 24 * 3600 * 1000)))[language];
  return period.kind === 'closed' ? `${text} — ${exportWords.closedText(isoDate(period.closedAt!), period.restated ?? false)[language]}` : text;
}

/** The columns of the monthly series (CSV and the workbook's sheet), in order. */
export const seriesColumns = ['key', 'outcome', 'label', 'month', 'value', 'unit', 'status', 'suppressed'] as const;

/** The monthly series as rows: each indicator, in the API's order, month by month. */
export function seriesCells(data: IndicatorExport): (string | number | null)[][] {
  const lang = data.language;
  const keys = data.indicators.map((i) => i.key);
  const rows: (string | number | null)[][] = [];
  for (const key of keys) {
    for (const month of data.months ?? []) {
      const figure = month.indicators.find((i) => i.key === key);
      if (!figure) continue;
      rows.push([
        key,
        outcomeHeading(figure.outcome, lang),
        figure.label[lang],
        month.month,
        figure.value,
        exportWords.units[figure.unit][lang],
        exportWords.status[figure.status][lang],
        (figure.suppressed ? exportWords.yes : exportWords.no)[lang],
      ]);
    }
  }
  return rows;
}

/**
 * An indicator's cells in the order of the export's columns (key, outcome, label, value, unit, target,
 * due on, status, n, what n counts, suppressed). A spreadsheet takes n as a number; `'text'` gives
 * what people read ("<5" for a withheld count) for formats of text only.
 */
export function indicatorCells(row: ExportRow, language: IndicatorExport['language'], n: 'number' | 'text'): (string | number | null)[] {
  return [
    row.key,
    row.outcomeHeading,
    row.label,
    row.value,
    row.unitText,
    row.targetText,
    row.target?.dueOn ?? '',
    row.statusText,
    n === 'number' ? (row.n ?? row.nText) : row.nText,
    row.nOf ? exportWords.samples[row.nOf][language] : '',
    (row.suppressed ? exportWords.yes : exportWords.no)[language],
  ];
}
