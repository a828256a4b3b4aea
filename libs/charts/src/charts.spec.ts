import { attendanceChart, categoryTargetsChart, dimensionScoresChart, funnelChart, journeyProgressChart, maturityRadar, quartilesChart } from './charts';

const text = (title: string, lang: 'fr' | 'en' = 'fr') => ({
  title,
  description: `${title} — ${lang === 'fr' ? 'description' : 'description'}`,
  showData: lang === 'fr' ? 'Voir les données' : 'Show the data',
  suppressed: lang === 'fr' ? 'moins de 5' : 'fewer than 5',
});

/** The cells of the figure's data table, row by row (header row first). */
function tableOf(figure: string): string[][] {
  const table = figure.slice(figure.indexOf('<table>'), figure.indexOf('</table>'));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]));
}
function svgOf(figure: string): string {
  return figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>') + 6);
}

const radar = (peerMedian: (number | null)[] | null) =>
  maturityRadar({
    id: 'profile',
    locale: 'fr-CA',
    text: text('Profil de maturité'),
    showPeers: peerMedian !== null,
    labels: { dimension: 'Dimension', stage: 'Votre étape', target: 'Étape visée', peerMedian: 'Médiane des pairs', stageName: (s) => `${s} – étape ${s}` },
    dimensions: ['Culture', 'Cybersécurité', 'Données'].map((label, i) => ({ label, stage: i + 1, target: i + 2, peerMedian: peerMedian?.[i] ?? null })),
  });
const attendance = (participants: (number | null)[], locale = 'fr-CA') =>
  attendanceChart({
    id: 'meetings',
    locale,
    text: text('Participation aux rencontres'),
    labels: { meeting: 'Rencontre', participants: 'Participant·e·s' },
    meetings: participants.map((p, i) => ({ label: `Rencontre ${i + 1}`, participants: p })),
  });
const categories = () =>
  categoryTargetsChart({
    id: 'categories',
    locale: 'en-CA',
    text: text('Organisations by category', 'en'),
    labels: { category: 'Category', value: 'Active organisations', target: 'Target' },
    categories: [
      { label: 'Youth-employment nonprofits', value: 1234, target: 10 },
      { label: 'Employers', value: null, target: 10 },
      { label: 'Funders', value: 0, target: null },
    ],
  });
const funnel = () =>
  funnelChart({
    id: 'funnel',
    locale: 'fr-CA',
    text: text('Partenariats par étape'),
    labels: { stage: 'Étape', count: 'Partenariats' },
    stages: [
      { label: 'Proposés', value: 6 },
      { label: 'En négociation', value: 3 },
      { label: 'Confirmés', value: 2 },
      { label: 'En collaboration', value: null },
    ],
  });
const journey = () =>
  journeyProgressChart({
    id: 'journey',
    locale: 'en-CA',
    text: text('Journey progress', 'en'),
    labels: { dimension: 'Dimension', done: 'Done', remaining: 'To do', total: 'Milestones' },
    dimensions: [
      { label: 'Culture', done: 1, total: 3 },
      { label: 'Cybersecurity', done: 2, total: 2 },
    ],
  });
const scores = (tableOpen?: boolean) =>
  dimensionScoresChart({
    id: 'scores',
    locale: 'fr-CA',
    text: text('Score par dimension'),
    tableOpen,
    labels: { dimension: 'Dimension', score: 'Score', stage: 'Stade', spread: 'Écart dans l’équipe' },
    dimensions: [
      { label: 'Culture', score: 62.5, stage: '3 – Établi', spread: { lowest: 50, highest: 75 } },
      { label: 'Cybersécurité', score: 20, stage: '1 – Émergent', spread: null },
    ],
  });

describe('charts as accessible figures', () => {
  const all = { radar: () => radar([3, null, 4]), attendance: () => attendance([12, 3]), categories, funnel, journey, scores: () => scores() };

  it.each(Object.entries(all))('%s: an SVG image named by its title and described by its desc, with a caption and a data table', (_, render) => {
    const figure = render();
    const id = /<figure class="chart" id="([^"]+)"/.exec(figure)![1];
    const svg = svgOf(figure);
    expect(svg).toMatch(new RegExp(`^<svg[^>]* role="img"[^>]* aria-labelledby="${id}-title ${id}-desc"`));
    expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`));
    expect(figure).toMatch(/<figcaption>[^<]+<\/figcaption>/);
    expect(figure).toMatch(/<details><summary>(Voir les données|Show the data)<\/summary>/);
    // The page's policy allows no inline style: none in the SVG either.
    expect(svg).not.toMatch(/style[ =>]/);
  });

  it.each(Object.entries(all))('%s: renders the same data to the same bytes every time', (_, render) => {
    expect(render()).toBe(render());
  });

  it('maturity radar: each dimension with its stage, target and peer median by name, a suppressed median as text', () => {
    const figure = radar([3, null, 4]);
    expect(tableOf(figure)).toEqual([
      ['Dimension', 'Votre étape', 'Étape visée', 'Médiane des pairs'],
      ['Culture', '1 – étape 1', '2 – étape 2', '3 – étape 3'],
      ['Cybersécurité', '2 – étape 2', '3 – étape 3', 'moins de 5'],
      ['Données', '3 – étape 3', '4 – étape 4', '4 – étape 4'],
    ]);
    expect(svgOf(figure)).toContain('Médiane des pairs');
    expect(svgOf(figure)).toContain('stroke-dasharray'); // the target and the median are drawn as patterned lines
  });

  it('maturity radar: no peer column nor series when the peer median is not shown', () => {
    const figure = radar(null);
    expect(tableOf(figure)[0]).toEqual(['Dimension', 'Votre étape', 'Étape visée']);
    expect(figure).not.toContain('Médiane des pairs');
  });

  it('attendance: a row per meeting, numbers in the caller’s locale, a suppressed count written as such on the chart and in the table', () => {
    const figure = attendance([1234, null]);
    expect(tableOf(figure)).toEqual([
      ['Rencontre', 'Participant·e·s'],
      ['Rencontre 1', '1\u00a0234'],
      ['Rencontre 2', 'moins de 5'],
    ]);
    expect(svgOf(figure)).toContain('>moins de 5</text>');
    expect(svgOf(figure)).toContain('>1\u00a0234</text>');
    expect(tableOf(attendance([1234], 'en-CA'))[1]).toEqual(['Rencontre 1', '1,234']);
  });

  it('organisations by category: value and target per category, the suppressed value and a missing target told apart', () => {
    const figure = categories();
    expect(tableOf(figure)).toEqual([
      ['Category', 'Active organisations', 'Target'],
      ['Youth-employment nonprofits', '1,234', '10'],
      ['Employers', 'fewer than 5', '10'],
      ['Funders', '0', '—'],
    ]);
    expect(svgOf(figure)).toContain('>fewer than 5</text>');
  });

  it('partnership funnel: every step written with its count on the chart and in the table', () => {
    const figure = funnel();
    expect(tableOf(figure)).toEqual([
      ['Étape', 'Partenariats'],
      ['Proposés', '6'],
      ['En négociation', '3'],
      ['Confirmés', '2'],
      ['En collaboration', 'moins de 5'],
    ]);
    expect(svgOf(figure)).toContain('>Proposés\u00a0: 6</text>');
    expect(svgOf(figure)).toContain('>En collaboration\u00a0: moins de 5</text>');
  });

  it('partnership funnel: a step of nothing draws no band, only its label', () => {
    const zeros = funnelChart({ id: 'funnel', locale: 'fr-CA', text: text('Partenariats'), labels: { stage: 'Étape', count: 'Partenariats' }, stages: [{ label: 'Proposés', value: 2 }, { label: 'Confirmés', value: 0 }] });
    const bands = [...svgOf(zeros).matchAll(/<(?:polygon|path)\b[^>]*\bfill="([^"]+)"[^>]*stroke="#fff"/g)].map((m) => m[1]);
    expect(bands).toEqual(['#1f5aa6', 'none']);
    expect(svgOf(zeros)).toContain('>Confirmés\u00a0: 0</text>');
  });

  it('journey progress: milestones done and total per dimension, written "done / total" on the chart', () => {
    const figure = journey();
    expect(tableOf(figure)).toEqual([
      ['Dimension', 'Done', 'Milestones'],
      ['Culture', '1', '3'],
      ['Cybersecurity', '2', '2'],
    ]);
    expect(svgOf(figure)).toContain('>1 / 3</text>');
  });

  it('scores per dimension: score, stage and the team’s spread per dimension, written "score · stage" on the chart; the table open for print when asked', () => {
    const figure = scores();
    expect(tableOf(figure)).toEqual([
      ['Dimension', 'Score', 'Stade', 'Écart dans l’équipe'],
      ['Culture', '62,5', '3 – Établi', '50–75'],
      ['Cybersécurité', '20', '1 – Émergent', '—'],
    ]);
    expect(svgOf(figure)).toContain('>62,5 · 3 – Établi</text>');
    expect(svgOf(figure)).toContain('Écart dans l’équipe');
    expect(scores(true)).toContain('<details open><summary>');
  });

  it('quartiles: the middle half per row and its median, a withheld row written as such on the chart and in the table', () => {
    const figure = quartilesChart({
      id: 'benchmark',
      locale: 'fr-CA',
      text: text('Repère de préparation'),
      max: 100,
      labels: { row: 'Dimension', lowerQuartile: 'Premier quartile', median: 'Médiane', upperQuartile: 'Troisième quartile', range: 'Moitié centrale' },
      rows: [
        { label: 'Culture', lowerQuartile: 10, median: 30, upperQuartile: 65.5 },
        { label: 'Cybersécurité', lowerQuartile: null, median: null, upperQuartile: null, withheld: 'non affichée (moins de 5 organismes)' },
      ],
    });
    expect(tableOf(figure)).toEqual([
      ['Dimension', 'Premier quartile', 'Médiane', 'Troisième quartile'],
      ['Culture', '10', '30', '65,5'],
      ['Cybersécurité', 'non affichée (moins de 5 organismes)', 'non affichée (moins de 5 organismes)', 'non affichée (moins de 5 organismes)'],
    ]);
    expect(svgOf(figure)).toContain('>10 – 65,5</text>');
    expect(svgOf(figure)).toContain('>non affichée (moins de 5 organismes)</text>');
  });

  it('escapes the caller’s texts in the caption, the SVG and the table', () => {
    const figure = attendanceChart({ id: 'x', locale: 'en-CA', text: text('A <b> & "c"', 'en'), labels: { meeting: 'M', participants: 'P' }, meetings: [{ label: '<script>', participants: 1 }] });
    expect(figure).not.toContain('<script>');
    expect(figure).not.toContain('<b>');
    expect(figure).toContain('<figcaption>A &lt;b&gt; &amp; &quot;c&quot;</figcaption>');
  });
});
