import { ChartBase, figure, formatter, palette, renderSvg } from './figure';

/** One dimension of the maturity profile: its name and stages 1–5 (null: not shown, e.g. a suppressed peer median). */
export interface MaturityDimension {
  label: string;
  stage: number | null;
  target: number | null;
  peerMedian?: number | null;
}

export interface MaturityRadar extends ChartBase {
  dimensions: MaturityDimension[];
  /** Whether the peer median is shown (a series and a column); its cells may still be null. */
  showPeers: boolean;
  labels: { dimension: string; stage: string; target: string; peerMedian: string; stageName?: (stage: number) => string };
}

interface RadarLayout {
  width: number;
  height: number;
  radius: string;
  centerY: string;
  fontSize: number;
  lineChars: number;
  legendGap: number;
}

/**
 * The radar's two drawings. Wide: shown across a card of a laptop's page (about 1,100 px, so
 * drawn near that size). Narrow: about the width it is shown at on a phone (some 330 px), so its
 * 13-unit names stay 12 px or more there.
 */
const radarLayouts: Record<'wide' | 'narrow', RadarLayout> = {
  wide: { width: 960, height: 440, radius: '72%', centerY: '46%', fontSize: 13, lineChars: 26, legendGap: 24 },
  narrow: { width: 340, height: 350, radius: '46%', centerY: '47%', fontSize: 13, lineChars: 12, legendGap: 12 },
};

/** The maturity profile: a radar of the dimensions on stages 1–5, the target stage and, when shown, the peer median. */
export function maturityRadar(chart: MaturityRadar): string {
  const n = formatter(chart);
  const stage = (value: number | null | undefined) => (value === null || value === undefined ? chart.text.suppressed : chart.labels.stageName ? chart.labels.stageName(value) : n(value));
  const values = (pick: (d: MaturityDimension) => number | null | undefined) => chart.dimensions.map((d) => pick(d) ?? '-');
  const line = (name: string, pick: (d: MaturityDimension) => number | null | undefined, color: string, type: 'solid' | 'dashed' | 'dotted', symbol: string, area: boolean) => ({
    name,
    value: values(pick),
    symbol,
    symbolSize: 7,
    lineStyle: { color, type, width: 2.5 },
    itemStyle: { color },
    ...(area ? { areaStyle: { color: palette.primaryLight, opacity: 0.6 } } : {}),
  });
  const series = [
    line(chart.labels.stage, (d) => d.stage, palette.primary, 'solid', 'circle', true),
    line(chart.labels.target, (d) => d.target, palette.target, 'dashed', 'rect', false),
    ...(chart.showPeers ? [line(chart.labels.peerMedian, (d) => d.peerMedian, palette.peer, 'dotted', 'triangle', false)] : []),
  ];
  // Two drawings of the same radar: a wide one that fills a wide card, and a narrow one for a phone
  // whose dimension names stay at least 12 px once scaled down to the screen (the page shows one).
  const draw = (id: string, layout: RadarLayout) =>
    renderSvg(
      id,
      {
        // The legend shows each series' marker shape, not only its colour.
        legend: { bottom: 0, itemGap: layout.legendGap, data: series.map((s) => ({ name: s.name, icon: s.symbol })), textStyle: { color: palette.ink, fontSize: layout.fontSize } },
        radar: {
          center: ['50%', layout.centerY],
          radius: layout.radius,
          splitNumber: 5,
          indicator: chart.dimensions.map((d) => ({ name: d.label, min: 0, max: 5 })),
          // Long dimension names on a few short lines, so that none runs out of the image.
          axisName: { color: palette.ink, fontSize: layout.fontSize, lineHeight: Math.round(layout.fontSize * 1.25), formatter: (name?: string) => wrapped(name ?? '', layout.lineChars) },
          axisNameGap: 8,
          splitLine: { lineStyle: { color: palette.grid } },
          splitArea: { show: false },
          axisLine: { lineStyle: { color: palette.grid } },
        },
        series: [{ type: 'radar', data: series }],
      },
      layout.width,
      layout.height,
    );
  const wide = { ...radarLayouts.wide, ...(chart.width ? { width: chart.width } : {}), ...(chart.height ? { height: chart.height } : {}) };
  const svg = [
    { svg: draw(chart.id, wide), media: 'wide' as const },
    { svg: draw(`${chart.id}-narrow`, radarLayouts.narrow), media: 'narrow' as const },
  ];
  return figure(chart, svg, {
    head: [chart.labels.dimension, chart.labels.stage, chart.labels.target, ...(chart.showPeers ? [chart.labels.peerMedian] : [])],
    rows: chart.dimensions.map((d) => [d.label, stage(d.stage), stage(d.target), ...(chart.showPeers ? [stage(d.peerMedian)] : [])]),
  });
}

export interface AttendanceChart extends ChartBase {
  /** In time order: each meeting's label (its date) and participants; null for a suppressed small count. */
  meetings: { label: string; participants: number | null }[];
  labels: { meeting: string; participants: string };
}

/** Participants per meeting over time: one labelled bar per meeting. */
export function attendanceChart(chart: AttendanceChart): string {
  const n = formatter(chart);
  const svg = renderSvg(
    chart.id,
    {
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: chart.meetings.map((m) => m.label), axisLabel: { color: palette.ink, interval: 0, rotate: chart.meetings.length > 6 ? 30 : 0 }, axisLine: { lineStyle: { color: palette.muted } } },
      yAxis: { type: 'value', minInterval: 1, name: chart.labels.participants, nameTextStyle: { color: palette.ink, align: 'left' }, axisLabel: { color: palette.ink }, splitLine: { lineStyle: { color: palette.grid } } },
      series: [
        {
          type: 'bar',
          name: chart.labels.participants,
          data: chart.meetings.map((m) => ({ value: m.participants ?? 0, label: { formatter: n(m.participants) } })),
          itemStyle: { color: palette.primary },
          barMaxWidth: 48,
          label: { show: true, position: 'top', color: palette.ink },
        },
      ],
    },
    chart.width ?? 560,
    chart.height ?? 300,
  );
  return figure(chart, svg, { head: [chart.labels.meeting, chart.labels.participants], rows: chart.meetings.map((m) => [m.label, n(m.participants)]) });
}

export interface CategoryTargetsChart extends ChartBase {
  categories: { label: string; value: number | null; target: number | null }[];
  labels: { category: string; value: string; target: string };
}

/** Organisations per category against their targets: a labelled bar per category, its target a red mark. */
export function categoryTargetsChart(chart: CategoryTargetsChart): string {
  const n = formatter(chart);
  const labels = chart.categories.map((c) => c.label);
  const svg = renderSvg(
    chart.id,
    {
      legend: { bottom: 0, itemGap: 24, data: [{ name: chart.labels.value, icon: 'rect' }, { name: chart.labels.target, icon: 'path://M0,0h2v10h-2z' }], textStyle: { color: palette.ink } },
      grid: { left: 24, right: 40, top: 8, bottom: 40, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { color: palette.ink, width: 160, overflow: 'break' }, axisLine: { lineStyle: { color: palette.muted } } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: palette.ink }, splitLine: { lineStyle: { color: palette.grid } } },
      series: [
        {
          type: 'bar',
          name: chart.labels.value,
          data: chart.categories.map((c) => ({ value: c.value ?? 0, label: { formatter: n(c.value) } })),
          itemStyle: { color: palette.primary },
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: palette.ink },
        },
        // A target is a tall thin mark across its bar, in another colour and shape than the bar.
        markAcrossBars(chart.labels.target, chart.categories.map((c) => (c.target === null ? '-' : c.target)), palette.target),
      ],
    },
    chart.width ?? 560,
    chart.height ?? Math.max(180, 56 * chart.categories.length + 60),
  );
  return figure(chart, svg, {
    head: [chart.labels.category, chart.labels.value, chart.labels.target],
    rows: chart.categories.map((c) => [c.label, n(c.value), c.target === null ? '—' : n(c.target)]),
  });
}

export interface FunnelChart extends ChartBase {
  /** From the first step to the last (proposed → negotiating → confirmed → collaborating). */
  stages: { label: string; value: number | null }[];
  labels: { stage: string; count: string };
}

/** The partnership funnel: one band per step, each written with its name and count. */
export function funnelChart(chart: FunnelChart): string {
  const n = formatter(chart);
  const colon = chart.locale.startsWith('fr') ? '\u00a0: ' : ': ';
  const shades = [palette.primary, '#2d6cbf', '#17457f', '#0e2f57'];
  const svg = renderSvg(
    chart.id,
    {
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 8,
          right: '42%',
          top: 8,
          bottom: 8,
          // Widths relative to the largest step (at least 1).
          min: 0,
          max: Math.max(1, ...chart.stages.map((s) => s.value ?? 0)),
          minSize: '6%',
          gap: 3,
          // A step of nothing draws no band (only its label): a thin band would read as "a few".
          data: chart.stages.map((s, i) => ({ name: s.label, value: s.value ?? 0, itemStyle: { color: s.value === 0 ? 'none' : shades[i % shades.length] }, ...(s.value === 0 ? { labelLine: { show: false } } : {}), label: { formatter: `${s.label}${colon}${n(s.value)}` } })),
          label: { show: true, position: 'right', color: palette.ink },
          labelLine: { show: true, lineStyle: { color: palette.muted } },
        },
      ],
    },
    chart.width ?? 560,
    chart.height ?? Math.max(180, 52 * chart.stages.length),
  );
  return figure(chart, svg, { head: [chart.labels.stage, chart.labels.count], rows: chart.stages.map((s) => [s.label, n(s.value)]) });
}

export interface DimensionScoresChart extends ChartBase {
  /** Each dimension's score (0–100), its stage as written, and the team's lowest and highest score when several answered. */
  dimensions: { label: string; score: number; stage: string; spread: { lowest: number; highest: number } | null }[];
  labels: { dimension: string; score: string; stage: string; spread: string };
}

/** Scores per dimension on 0–100: a bar per dimension written "score · stage", the team's spread a thin range bar under it. */
export function dimensionScoresChart(chart: DimensionScoresChart): string {
  const n = formatter(chart);
  const withSpread = chart.dimensions.some((d) => d.spread);
  const svg = renderSvg(
    chart.id,
    {
      legend: { bottom: 0, itemGap: 24, data: [chart.labels.score, ...(withSpread ? [chart.labels.spread] : [])], textStyle: { color: palette.ink } },
      grid: { left: 24, right: 150, top: 8, bottom: 40, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: chart.dimensions.map((d) => d.label), axisLabel: { color: palette.ink, width: 180, overflow: 'break' }, axisLine: { lineStyle: { color: palette.muted } } },
      xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { color: palette.ink }, splitLine: { lineStyle: { color: palette.grid } } },
      series: [
        {
          type: 'bar',
          name: chart.labels.score,
          data: chart.dimensions.map((d) => ({ value: d.score, label: { formatter: `${n(d.score)} · ${d.stage}` } })),
          itemStyle: { color: palette.primary },
          barMaxWidth: 18,
          label: { show: true, position: 'right', color: palette.ink },
        },
        ...(withSpread
          ? [
              // The spread as a range: an empty bar up to the lowest score, then the range itself, stacked.
              { type: 'bar', stack: 'spread', name: '', data: chart.dimensions.map((d) => (d.spread ? d.spread.lowest : '-')), itemStyle: { color: 'transparent' }, barMaxWidth: 6, silent: true },
              { type: 'bar', stack: 'spread', name: chart.labels.spread, data: chart.dimensions.map((d) => (d.spread ? Math.max(d.spread.highest - d.spread.lowest, 0.5) : '-')), itemStyle: { color: palette.peer }, barMaxWidth: 6 },
            ]
          : []),
      ],
    },
    chart.width ?? 640,
    chart.height ?? Math.max(180, 44 * chart.dimensions.length + 60),
  );
  return figure(chart, svg, {
    head: [chart.labels.dimension, chart.labels.score, chart.labels.stage, chart.labels.spread],
    rows: chart.dimensions.map((d) => [d.label, n(d.score), d.stage, d.spread ? `${n(d.spread.lowest)}–${n(d.spread.highest)}` : '—']),
  });
}

export interface JourneyProgressChart extends ChartBase {
  dimensions: { label: string; done: number; total: number }[];
  /** `remaining`: the legend of the milestones still to do; the table shows done and total. */
  labels: { dimension: string; done: string; remaining: string; total: string };
}

/** Journey progress: per dimension, milestones done (solid) and still to do (light, outlined), written as "done / total". */
export function journeyProgressChart(chart: JourneyProgressChart): string {
  const n = formatter(chart);
  const svg = renderSvg(
    chart.id,
    {
      legend: { bottom: 0, itemGap: 24, data: [chart.labels.done, chart.labels.remaining], textStyle: { color: palette.ink } },
      grid: { left: 24, right: 56, top: 8, bottom: 40, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: chart.dimensions.map((d) => d.label), axisLabel: { color: palette.ink, width: 160, overflow: 'break' } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: palette.ink }, splitLine: { lineStyle: { color: palette.grid } } },
      series: [
        { type: 'bar', stack: 'journey', name: chart.labels.done, data: chart.dimensions.map((d) => d.done), itemStyle: { color: palette.done }, barMaxWidth: 22 },
        {
          type: 'bar',
          stack: 'journey',
          name: chart.labels.remaining,
          data: chart.dimensions.map((d) => ({ value: Math.max(0, d.total - d.done), label: { formatter: `${n(d.done)} / ${n(d.total)}` } })),
          itemStyle: { color: '#ffffff', borderColor: palette.done, borderWidth: 1.5 },
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: palette.ink },
        },
      ],
    },
    chart.width ?? 560,
    chart.height ?? Math.max(180, 44 * chart.dimensions.length + 60),
  );
  return figure(chart, svg, { head: [chart.labels.dimension, chart.labels.done, chart.labels.total], rows: chart.dimensions.map((d) => [d.label, n(d.done), n(d.total)]) });
}

export interface QuartilesChart extends ChartBase {
  /** Per row (a readiness dimension): its quartiles, or `withheld`, the text written instead when they are not shown. */
  rows: { label: string; lowerQuartile: number | null; median: number | null; upperQuartile: number | null; withheld?: string }[];
  /** `range`: the legend of the bar from the lower to the upper quartile. */
  labels: { row: string; lowerQuartile: string; median: string; upperQuartile: string; range: string };
  /** The scale's end (100 for scores from 0 to 100). */
  max: number;
}

/**
 * Spread of scores per row on one scale: a bar from the lower to the upper quartile (the middle
 * half), the median a dark mark across it, written at the bar's end; a row whose figures are
 * withheld has no bar and says why.
 */
export function quartilesChart(chart: QuartilesChart): string {
  const n = formatter(chart);
  const shown = (r: QuartilesChart['rows'][number]) => !r.withheld && r.lowerQuartile !== null && r.median !== null && r.upperQuartile !== null;
  const svg = renderSvg(
    chart.id,
    {
      legend: { bottom: 0, itemGap: 24, data: [{ name: chart.labels.range, icon: 'rect' }, { name: chart.labels.median, icon: 'path://M0,0h2v10h-2z' }], textStyle: { color: palette.ink } },
      grid: { left: 24, right: 96, top: 8, bottom: 40, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: chart.rows.map((r) => r.label), axisLabel: { color: palette.ink, width: 160, overflow: 'break' } },
      xAxis: { type: 'value', min: 0, max: chart.max, axisLabel: { color: palette.ink }, splitLine: { lineStyle: { color: palette.grid } } },
      series: [
        // An invisible bar up to the lower quartile, then the middle half stacked on it.
        { type: 'bar', stack: 'spread', silent: true, data: chart.rows.map((r) => (shown(r) ? r.lowerQuartile : 0)), itemStyle: { color: 'transparent' }, barMaxWidth: 22 },
        {
          type: 'bar',
          stack: 'spread',
          name: chart.labels.range,
          data: chart.rows.map((r) => ({
            value: shown(r) ? r.upperQuartile! - r.lowerQuartile! : 0,
            label: { formatter: shown(r) ? `${n(r.lowerQuartile)} – ${n(r.upperQuartile)}` : r.withheld ?? '' },
          })),
          itemStyle: { color: palette.primaryLight, borderColor: palette.primary, borderWidth: 1.5 },
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: palette.ink },
        },
        markAcrossBars(chart.labels.median, chart.rows.map((r) => (shown(r) ? r.median : '-')), palette.ink),
      ],
    },
    chart.width ?? 560,
    chart.height ?? Math.max(180, 48 * chart.rows.length + 60),
  );
  return figure(chart, svg, {
    head: [chart.labels.row, chart.labels.lowerQuartile, chart.labels.median, chart.labels.upperQuartile],
    rows: chart.rows.map((r) => (shown(r) ? [r.label, n(r.lowerQuartile), n(r.median), n(r.upperQuartile)] : [r.label, r.withheld ?? '—', r.withheld ?? '—', r.withheld ?? '—'])),
  });
}

/** Words on lines of at most about `width` characters. */
function wrapped(text: string, width: number): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length < width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/** A tall thin mark across each horizontal bar (a target, a median); '-' where a row has none. */
function markAcrossBars(name: string, data: (number | '-' | null)[], color: string) {
  return { type: 'scatter' as const, name, data, symbol: 'rect', symbolSize: [4, 28], itemStyle: { color, opacity: 1 }, z: 3 };
}
