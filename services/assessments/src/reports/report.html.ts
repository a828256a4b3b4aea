import escapeHtml from 'escape-html';
import { chartStyles, dimensionScoresChart } from '@ccndr/charts';
import { dateFormat } from '@ccndr/contracts';
import { Framework } from '../framework/framework.schema';
import { Gap } from '../assessments/gaps';
import { AssessmentScore } from '../assessments/scoring';
import { Journey } from '../journeys/journeys.service';

export type Language = 'fr' | 'en';


const words = {
  fr: {
    title: 'Profil de préparation numérique et aux données',
    completed: 'Terminée le',
    framework: 'Cadre',
    respondents: 'Personnes répondantes',
    overall: 'Résultat global',
    chart: 'Score par dimension, de 0 à 100',
    chartDescription: 'Diagramme à barres horizontales\u00a0: pour chaque dimension, le score de 0 à 100 (barre bleue, score et stade écrits au bout) et, quand plusieurs personnes ont répondu, l’écart de leurs scores (trait brun).',
    showData: 'Voir les données',
    dimension: 'Dimension',
    score: 'Score',
    stage: 'Étape',
    spread: 'Écart dans l’équipe',
    gaps: 'Écarts à combler',
    priority: 'Priorité',
    from: 'de',
    to: 'à',
    journey: 'Parcours',
    progress: 'Progression',
    done: 'fait',
    none: 'Aucun écart\u00a0: toutes les étapes visées sont atteintes.',
  },
  en: {
    title: 'Digital and data readiness profile',
    completed: 'Completed on',
    framework: 'Framework',
    respondents: 'Respondents',
    overall: 'Overall result',
    chart: 'Score per dimension, from 0 to 100',
    chartDescription: 'Horizontal bar chart: for each dimension, the score from 0 to 100 (blue bar, score and stage written at its end) and, when several people answered, the spread of their scores (brown line).',
    showData: 'Show the data',
    dimension: 'Dimension',
    score: 'Score',
    stage: 'Stage',
    spread: 'Team spread',
    gaps: 'Gaps to close',
    priority: 'Priority',
    from: 'from',
    to: 'to',
    journey: 'Journey',
    progress: 'Progress',
    done: 'done',
    none: 'No gaps: every target stage is reached.',
  },
} as const;

/** Served at /report.css: a file, not inline, so the page's policy allows no inline style. */
export const reportStyles = `${chartStyles}body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111827}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d1d5db;padding:.35rem;text-align:left}
.sr{position:absolute;left:-9999px}a{color:#1d4ed8}
@media print{a{color:inherit}body{margin:0}figure.chart summary{display:none}}
`;

/**
 * An organisation's result as a printable page in one official language: the scores per dimension
 * as a figure of the platform's chart library (its data table open), stages, gaps and journey.
 * Its stylesheet is linked relatively: the same under the service and under the portal's proxy.
 */
export function renderReport(framework: Framework, input: { completedAt: Date; result: AssessmentScore; gaps: Gap[]; journey: Journey | null }, lang: Language): string {
  const w = words[lang];
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  const nameOf = (key: string) => escapeHtml(framework.dimensions.find((d) => d.key === key)?.name[lang] ?? key);
  const stageName = (stage: number) => escapeHtml(framework.stages.find((s) => s.stage === stage)!.name[lang]);
  const num = (n: number) => n.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });
  const date = dateFormat(lang, { year: 'numeric', month: 'long', day: 'numeric' }).format(input.completedAt);
  // The platform's one chart library: the figure, its title and description, the data as a table (open, for print).
  const chart = dimensionScoresChart({
    id: 'scores',
    locale: lang === 'fr' ? 'fr-CA' : 'en-CA',
    tableOpen: true,
    text: { title: w.chart, description: w.chartDescription, showData: w.showData, suppressed: '—' },
    labels: { dimension: w.dimension, score: w.score, stage: w.stage, spread: w.spread },
    dimensions: input.result.dimensions.map((d) => ({
      label: framework.dimensions.find((f) => f.key === d.dimension)?.name[lang] ?? d.dimension,
      score: d.score,
      stage: `${d.stage} — ${framework.stages.find((f) => f.stage === d.stage)!.name[lang]}`,
      spread: d.spread ? { lowest: d.spread.lowest, highest: d.spread.highest } : null,
    })),
  });
  const gaps = input.gaps.length
    ? `<ol>${input.gaps.map((g) => `<li>${nameOf(g.dimension)}${colon}${w.from} ${stageName(g.currentStage)} ${w.to} ${stageName(g.targetStage)}</li>`).join('')}</ol>`
    : `<p>${w.none}</p>`;
  const journey = input.journey
    ? `<h2>${w.journey} <small>(${w.progress}${colon}${num(input.journey.progress)}${lang === 'fr' ? ' %' : '%'})</small></h2><ol>${input.journey.milestones
        .map(
          (m) =>
            `<li>${m.completedAt ? `✔ <span class="sr">${w.done}</span> ` : ''}<strong>${nameOf(m.dimension)}</strong> — ${escapeHtml(m.step[lang])}${m.resources
              .map((r) => ` <a href="${escapeHtml(r.url)}">${escapeHtml(r.title[lang])}</a>`)
              .join('')}</li>`,
        )
        .join('')}</ol>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title}</title>
<link rel="stylesheet" href="../../../../report.css">
</head>
<body>
<h1>${w.title}</h1>
<p>${w.completed} ${escapeHtml(date)} · ${w.framework} ${escapeHtml(framework.version)} · ${w.respondents}${colon}${input.result.respondents}</p>
<p><strong>${w.overall}${colon}${num(input.result.overall.score)} / 100 — ${stageName(input.result.overall.stage)}</strong></p>
${chart}
<h2>${w.gaps}</h2>
${gaps}
${journey}
</body>
</html>
`;
}
