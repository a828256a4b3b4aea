import escapeHtml from 'escape-html';
import { chartStyles } from '@ccndr/charts';
import { Language, ReportDocument, ReportNarrative, statusLabel } from './report-document';

export const reportWords = {
  fr: { target: 'Cible', result: 'Résultat', colon: '\u00a0: ', page: (n: number, of: number) => `Page ${n} sur ${of}`, figure: 'Figure', dataTable: 'Données du graphique' },
  en: { target: 'Target', result: 'Result', colon: ': ', page: (n: number, of: number) => `Page ${n} of ${of}`, figure: 'Figure', dataTable: 'Chart data' },
};

/** A criterion's result with its status said once before it ("cible atteinte : 81 participant·e·s"). */
export function resultText(criterion: ReportDocument['sections'][number]['criteria'][number], language: Language): string {
  const status = statusLabel(criterion.status, language);
  return status ? `${status}${reportWords[language].colon}${criterion.result}` : criterion.result;
}

/**
 * French typography for print (PDF, Word, HTML): a no-break space (U+00A0, as in every French text of
 * the platform) before a colon, a semicolon, ! ?, a percent sign and inside guillemets. English text is
 * left as it is.
 */
export function typeset(text: string, language: Language): string {
  if (language !== 'fr') return text;
  return text
    .replace(/ ([:;!?%»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0');
}

export function reportMarkdown(document: ReportDocument): string {
  const w = reportWords[document.language];
  const lines = [`# ${document.title}`, '', `_${document.subtitle}_`, ''];
  for (const { label, value } of document.front) lines.push(`- **${label}${w.colon.trimEnd()}** ${value}`);
  lines.push('');
  for (const section of document.sections) {
    lines.push(`## ${section.heading}`, '', section.statement, '');
    for (const criterion of section.criteria) {
      lines.push(`### ${criterion.heading}`, '');
      if (criterion.target) lines.push(`- **${w.target}${w.colon.trimEnd()}** ${criterion.target}`);
      lines.push(`- **${w.result}${w.colon.trimEnd()}** ${resultText(criterion, document.language)}`);
      for (const detail of criterion.details) lines.push(`  - ${detail}`);
      lines.push('');
    }
    if (section.narrative) lines.push(...narrativeMarkdown(section.narrative, '###'));
  }
  if (document.learnings) lines.push(...narrativeMarkdown(document.learnings, '##'));
  const { methodology, dataQuality } = document;
  lines.push(`## ${methodology.heading}`, '');
  for (const paragraph of methodology.paragraphs) lines.push(paragraph, '');
  lines.push(`### ${methodology.definitionsHeading}`, '');
  for (const d of methodology.definitions) lines.push(`- **${d.term}${w.colon.trimEnd()}** ${d.text}`);
  lines.push('', `## ${dataQuality.heading}`, '');
  for (const note of dataQuality.notes) lines.push(`- ${note}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A narrative's lines: its heading, the note on its language, its paragraphs as the coordinator wrote them. */
function narrativeMarkdown(narrative: ReportNarrative, level: string): string[] {
  return [`${level} ${narrative.heading}`, '', ...(narrative.note ? [`_${narrative.note}_`, ''] : []), ...narrative.paragraphs.flatMap((p) => [p, ''])];
}

/** Served at /report.css: a file, not inline, so the page's policy allows no inline style. */
export const reportStyles = `  body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 2rem; margin-bottom: 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; text-transform: uppercase; letter-spacing: .04em; }
  h3 { font-size: 1.05rem; margin-bottom: .25rem; } .subtitle { color: #444; font-style: italic; } .front { margin: 1rem 0 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .25rem 0; } dt { font-weight: 600; } dd { margin: 0; }
  .status { font-weight: 600; padding: 0 .4rem; border-radius: .25rem; } .status.met { background: #d7f0dd; color: #0b4d1c; } .status.not-met { background: #fde7c8; color: #6b3b00; } .status.on-track { background: #dde8fb; color: #133f7a; }
  .narrative p { white-space: pre-line; } .narrative .note { font-style: italic; color: #444; }
  .figures { display: grid; gap: .75rem; margin-top: 1rem; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .criterion, figure.chart { break-inside: avoid; } }
${chartStyles}`;

/**
 * A page readable on screen, clean on paper, accessible (headings, lang, text beside every colour).
 * Its stylesheet is linked relatively: the same under the service and under the portal's proxy.
 */
export function reportHtml(document: ReportDocument): string {
  const w = reportWords[document.language];
  const text = (value: string) => escapeHtml(typeset(value, document.language));
  const criteria = (section: ReportDocument['sections'][number]) =>
    section.criteria
      .map((c) => {
        const status = statusLabel(c.status, document.language);
        return `
      <section class="criterion">
        <h3>${text(c.heading)}</h3>
        <dl>
          ${c.target ? `<dt>${w.target}</dt><dd>${text(c.target)}</dd>` : ''}
          <dt>${w.result}</dt><dd>${status ? `<span class="status ${c.status}">${status}</span>${text(w.colon)}` : ''}${text(c.result)}</dd>
        </dl>
        ${c.details.length ? `<ul>${c.details.map((d) => `<li>${text(d)}</li>`).join('')}</ul>` : ''}
      </section>`;
      })
      .join('');
  // Free text written by a person: escaped like every other text, marked with its language.
  const narrative = (n: ReportNarrative | null, level: 'h2' | 'h3') =>
    n
      ? `
  <section class="narrative">
    <${level}>${text(n.heading)}</${level}>
    ${n.note ? `<p class="note">${text(n.note)}</p>` : ''}${n.paragraphs.map((p) => `<p${n.language === document.language ? '' : ` lang="${n.language}"`}>${escapeHtml(typeset(p, n.language))}</p>`).join('\n    ')}
  </section>`
      : '';
  const { methodology, dataQuality } = document;
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(`${document.title} — ${document.consortiumName}`)}</title>
<link rel="stylesheet" href="../../report.css">
</head>
<body>
<main>
  <h1>${text(document.title)}</h1>
  <p class="subtitle">${text(document.subtitle)}</p>
  <dl class="front">${document.front.map((f) => `<dt>${text(f.label)}</dt><dd>${text(f.value)}</dd>`).join('')}</dl>
  ${document.sections.map((s) => `<h2>${text(s.heading)}</h2>\n  <p>${text(s.statement)}</p>${criteria(s)}${narrative(s.narrative, 'h3')}${s.figures.length ? `\n  <div class="figures">${s.figures.join('\n')}</div>` : ''}`).join('\n  ')}
  ${narrative(document.learnings, 'h2')}
  <h2>${text(methodology.heading)}</h2>
  ${methodology.paragraphs.map((p) => `<p>${text(p)}</p>`).join('\n  ')}
  <h3>${text(methodology.definitionsHeading)}</h3>
  <dl>${methodology.definitions.map((d) => `<dt>${text(d.term)}</dt><dd>${text(d.text)}</dd>`).join('')}</dl>
  <h2>${text(dataQuality.heading)}</h2>
  <ul>${dataQuality.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>
</main>
</body>
</html>
`;
}

