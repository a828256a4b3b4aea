import { Framework } from '../framework/framework.schema';
import { Gap } from '../assessments/gaps';
import { AssessmentScore } from '../assessments/scoring';
import { Journey } from '../journeys/journeys.service';

export type Language = 'fr' | 'en';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const words = {
  fr: {
    title: 'Profil de préparation numérique et aux données',
    completed: 'Terminée le',
    framework: 'Cadre',
    respondents: 'Personnes répondantes',
    overall: 'Résultat global',
    chart: 'Score par dimension, de 0 à 100',
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
    none: 'Aucun écart : toutes les étapes visées sont atteintes.',
  },
  en: {
    title: 'Digital and data readiness profile',
    completed: 'Completed on',
    framework: 'Framework',
    respondents: 'Respondents',
    overall: 'Overall result',
    chart: 'Score per dimension, from 0 to 100',
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
export const reportStyles = `body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111827}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d1d5db;padding:.35rem;text-align:left}
.sr{position:absolute;left:-9999px}a{color:#1d4ed8}
@media print{a{color:inherit}body{margin:0}}
`;

/**
 * An organisation's result as a printable page in one official language: a bar
 * chart per dimension (with the same figures in a table for screen readers), stages, gaps and journey.
 * Its stylesheet is linked relatively: the same under the service and under the portal's proxy.
 */
export function renderReport(framework: Framework, input: { completedAt: Date; result: AssessmentScore; gaps: Gap[]; journey: Journey | null }, lang: Language): string {
  const w = words[lang];
  const nameOf = (key: string) => escape(framework.dimensions.find((d) => d.key === key)?.name[lang] ?? key);
  const stageName = (stage: number) => escape(framework.stages.find((s) => s.stage === stage)!.name[lang]);
  const num = (n: number) => n.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });
  const date = input.completedAt.toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { year: 'numeric', month: 'long', day: 'numeric' });
  const rowHeight = 34;
  // Room for the longest dimension name before the bars.
  const barX = 340;
  const bars = input.result.dimensions
    .map((d, i) => {
      const y = i * rowHeight;
      const spread = d.spread ? `<line x1="${barX + d.spread.lowest * 3}" x2="${barX + d.spread.highest * 3}" y1="${y + 24}" y2="${y + 24}" stroke="#b45309" stroke-width="3"/>` : '';
      return `<text x="0" y="${y + 17}" font-size="13">${nameOf(d.dimension)}</text>
<rect x="${barX}" y="${y + 4}" width="300" height="18" fill="#e5e7eb"/><rect x="${barX}" y="${y + 4}" width="${d.score * 3}" height="18" fill="#1d4ed8"/>${spread}
<text x="${barX + 310}" y="${y + 17}" font-size="13">${num(d.score)} · ${stageName(d.stage)}</text>`;
    })
    .join('\n');
  const rows = input.result.dimensions
    .map((d) => `<tr><th scope="row">${nameOf(d.dimension)}</th><td>${num(d.score)}</td><td>${d.stage} — ${stageName(d.stage)}</td><td>${d.spread ? `${num(d.spread.lowest)}–${num(d.spread.highest)}` : '—'}</td></tr>`)
    .join('\n');
  const gaps = input.gaps.length
    ? `<ol>${input.gaps.map((g) => `<li>${nameOf(g.dimension)} : ${w.from} ${stageName(g.currentStage)} ${w.to} ${stageName(g.targetStage)}</li>`).join('')}</ol>`
    : `<p>${w.none}</p>`;
  const journey = input.journey
    ? `<h2>${w.journey} <small>(${w.progress} : ${num(input.journey.progress)} %)</small></h2><ol>${input.journey.milestones
        .map(
          (m) =>
            `<li>${m.completedAt ? `✔ <span class="sr">${w.done}</span> ` : ''}<strong>${nameOf(m.dimension)}</strong> — ${escape(m.step[lang])}${m.resources
              .map((r) => ` <a href="${escape(r.url)}">${escape(r.title[lang])}</a>`)
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
<p>${w.completed} ${escape(date)} · ${w.framework} ${escape(framework.version)} · ${w.respondents} : ${input.result.respondents}</p>
<p><strong>${w.overall} : ${num(input.result.overall.score)} / 100 — ${stageName(input.result.overall.stage)}</strong></p>
<svg role="img" aria-label="${w.chart}" viewBox="0 0 ${barX + 420} ${input.result.dimensions.length * rowHeight}" width="100%">
${bars}
</svg>
<table>
<caption class="sr">${w.chart}</caption>
<thead><tr><th scope="col">${w.dimension}</th><th scope="col">${w.score}</th><th scope="col">${w.stage}</th><th scope="col">${w.spread}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>${w.gaps}</h2>
${gaps}
${journey}
</body>
</html>
`;
}
