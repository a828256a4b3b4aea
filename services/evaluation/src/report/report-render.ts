import { chartStyles } from '@ccndr/charts';
import { ReportDocument } from './report-document';

const words = {
  fr: { target: 'Cible', result: 'Résultat', met: 'cible atteinte', 'not-met': 'cible non atteinte', 'on-track': 'en bonne voie', colon: ' : ' },
  en: { target: 'Target', result: 'Result', met: 'target met', 'not-met': 'target not met', 'on-track': 'on track', colon: ': ' },
};

export function reportMarkdown(document: ReportDocument): string {
  const w = words[document.language];
  const lines = [`# ${document.title}`, '', `_${document.subtitle}_`, ''];
  for (const section of document.sections) {
    lines.push(`## ${section.heading}`, '', section.statement, '');
    for (const criterion of section.criteria) {
      lines.push(`### ${criterion.heading}`, '');
      if (criterion.target) lines.push(`- **${w.target}${w.colon.trimEnd()}** ${criterion.target}`);
      lines.push(`- **${w.result}${w.colon.trimEnd()}** ${criterion.result}`);
      for (const detail of criterion.details) lines.push(`  - ${detail}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Served at /report.css: a file, not inline, so the page's policy allows no inline style. */
export const reportStyles = `  body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 2rem; margin-bottom: 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; text-transform: uppercase; letter-spacing: .04em; }
  h3 { font-size: 1.05rem; margin-bottom: .25rem; } .subtitle { color: #444; font-style: italic; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .25rem 0; } dt { font-weight: 600; } dd { margin: 0; }
  .status { font-weight: 600; padding: 0 .4rem; border-radius: .25rem; } .status.met { background: #d7f0dd; color: #0b4d1c; } .status.not-met { background: #fde7c8; color: #6b3b00; } .status.on-track { background: #dde8fb; color: #133f7a; }
  .figures { display: grid; gap: .75rem; margin-top: 1rem; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .criterion, figure.chart { break-inside: avoid; } }
${chartStyles}`;

/**
 * A page readable on screen, clean on paper, accessible (headings, lang, text beside every colour).
 * Its stylesheet is linked relatively: the same under the service and under the portal's proxy.
 */
export function reportHtml(document: ReportDocument): string {
  const w = words[document.language];
  const criteria = (section: ReportDocument['sections'][number]) =>
    section.criteria
      .map(
        (c) => `
      <section class="criterion">
        <h3>${escape(c.heading)}</h3>
        <dl>
          ${c.target ? `<dt>${w.target}</dt><dd>${escape(c.target)}</dd>` : ''}
          <dt>${w.result}</dt><dd>${c.status && c.status !== 'tracked' ? `<span class="status ${c.status}">${w[c.status]}</span> ` : ''}${escape(c.result)}</dd>
        </dl>
        ${c.details.length ? `<ul>${c.details.map((d) => `<li>${escape(d)}</li>`).join('')}</ul>` : ''}
      </section>`,
      )
      .join('');
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.title)}</title>
<link rel="stylesheet" href="../../report.css">
</head>
<body>
<main>
  <h1>${escape(document.title)}</h1>
  <p class="subtitle">${escape(document.subtitle)}</p>
  ${document.sections.map((s) => `<h2>${escape(s.heading)}</h2>\n  <p>${escape(s.statement)}</p>${criteria(s)}${s.figures.length ? `\n  <div class="figures">${s.figures.join('\n')}</div>` : ''}`).join('\n  ')}
</main>
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
