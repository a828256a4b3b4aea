import escapeHtml from 'escape-html';
import { chartStyles } from '@ccndr/charts';
import { dateFormat } from '@ccndr/contracts';
import { outcomes, smallCellThreshold, withheldFigureText } from '@ccndr/indicators';
import { IndicatorFigure } from '../indicators/indicators.service';
import { indicatorCharts, locales } from './indicator-charts';
import { dashboardI18n as i18n, dashboardText as text, Language } from './texts';

/**
 * The live dashboard. Its content is a fragment rendered on the server (cards, charts with their
 * data tables: `GET /consortia/<id>/dashboard?lang=`), shown by this page or embedded by the
 * portal in its own layout. The page reads the consortium and the language from the query string
 * and the bearer token from the URL fragment (never sent to a server, then kept in sessionStorage
 * and removed from the address bar); inside the portal the portal's proxy adds the session's token.
 * The script follows the indicators' changes over server-sent events read with fetch (EventSource
 * cannot send a bearer token) and fetches the fragment again after each. Script and styles are
 * files of their own, so that the page's policy allows no inline script or style.
 */
export const dashboardPage = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tableau de bord · Dashboard</title>
<link rel="stylesheet" href="dashboard/dashboard.css">
</head>
<body>
<header>
  <h1 id="title"></h1>
  <span class="live" id="live" role="status"></span>
  <a id="switch" href="#"></a>
</header>
<main id="main">
  <p class="sr-only" id="announce" aria-live="polite"></p>
  <div class="dashboard" id="dashboard"></div>
</main>
<script src="dashboard/dashboard.js"></script>
</body>
</html>
`;

/** The fragment's styles, scoped to `.dashboard`: the portal links them beside its own. */
export const dashboardFragmentStyles = `  .dashboard { --d-muted: var(--color-muted, #4d5766); --d-line: #d0d0d0; --d-lost: #b3261e; }
  .dashboard h2 { font-size: 1.15rem; margin: 1.5rem 0 .75rem; } .dashboard h3 { font-size: .95rem; margin: 0 0 .35rem; font-weight: 600; }
  .dashboard-live { color: var(--d-muted, #4a4a4a); font-size: .9rem; } .dashboard-live[data-state="live"]::before { content: "● "; color: #0b4d1c; } .dashboard-live[data-state="lost"]::before { content: "● "; color: #b3261e; }
  .dashboard .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(15rem, 100%), 1fr)); gap: .75rem; }
  .dashboard .card { background: #fff; border: 1px solid var(--d-line); border-radius: .5rem; padding: .75rem .9rem; }
  .dashboard .card.changed { animation: dashboard-flash 1.2s ease-out; } @keyframes dashboard-flash { from { background: #fff6cc; } to { background: #fff; } }
  .dashboard .value { font-size: 1.8rem; font-weight: 700; } .dashboard .value.none { font-size: .95rem; font-weight: 600; color: var(--d-muted); margin: .35rem 0 .1rem; } .dashboard .filled-by { color: var(--d-muted); font-size: .85rem; margin: 0 0 .25rem; } .dashboard .target { color: var(--d-muted); font-size: .9rem; }
  /* The statuses in the portal's badge colours (its tokens when embedded there, the same values standalone): not met is its danger tone, as on its overview. */
  .dashboard .status { display: inline-block; margin-top: .35rem; font-size: .85rem; font-weight: 600; padding: .1em .6em; border-radius: 999px; line-height: 1.5; }
  .dashboard .status.met { background: var(--color-success-soft, #e2f2e7); color: var(--color-success, #1b6a3a); } .dashboard .status.not-met { background: var(--color-danger-soft, #fbeaea); color: var(--color-danger, #b4232a); } .dashboard .status.tracked { background: var(--color-neutral-soft, #eceff3); color: var(--color-ink, #1b2330); } .dashboard .status.on-track { background: var(--color-info-soft, #e7eef7); color: var(--color-info, #1a4f8b); }
  .dashboard .panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr)); gap: .75rem; margin-top: .75rem; }
  .dashboard .panels > figure { margin: 0; }
  .dashboard figure.table { background: #fff; border: 1px solid var(--d-line); border-radius: .5rem; padding: .75rem .9rem; overflow-x: auto; } .dashboard figure.table figcaption { font-weight: 600; margin-bottom: .5rem; }
  .dashboard table { border-collapse: collapse; width: 100%; font-size: .9rem; } .dashboard th, .dashboard td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--d-line); } .dashboard td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .dashboard .error { background: var(--color-danger-soft, #fbeaea); color: var(--color-danger, #b4232a); padding: .75rem 1rem; border-radius: .5rem; margin-top: 1rem; }
  .dashboard .sr-only, .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 30rem) { .dashboard .value { font-size: 1.5rem; } }
${chartStyles}`;

/** The standalone page's styles: its own header and main, then the fragment's. */
export const dashboardStyles = `  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fafafa; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; justify-content: space-between; padding: 1rem 1.25rem; background: #fff; border-bottom: 1px solid #d0d0d0; }
  h1 { font-size: 1.4rem; margin: 0; }
  main { padding: 0 1.25rem 2rem; max-width: 80rem; margin: 0 auto; }
  a { color: #0b4f9c; } a:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .live { color: #4a4a4a; font-size: .9rem; } .live[data-state="live"]::before { content: "● "; color: #0b4d1c; } .live[data-state="lost"]::before { content: "● "; color: #b3261e; }
  @media (max-width: 30rem) { header { padding: .75rem; } main { padding: 0 .75rem 1.5rem; } }
${dashboardFragmentStyles}`;

const hidden = `<${smallCellThreshold}`;

/**
 * Where the dashboard's moments are written: the consortium's time zone when consortia carry one;
 * until then the programme's (CCNDR is in Toronto), named (« HNE », "EST").
 */
export const dashboardTimeZone = 'America/Toronto';

/** When the content was drawn, as a clock time in the consortium's zone with its name: « Mis à jour à 1 h 01 (HNE) », "Updated at 1:01 a.m. EST". */
export function updatedAtText(moment: Date, lang: Language, timeZone = dashboardTimeZone): string {
  const parts = new Intl.DateTimeFormat(locales[lang], { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).formatToParts(moment);
  const zone = parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  // fr-CA writes the hour on two digits (« 01 h 01 »); French writes « 1 h 01 ».
  const time = parts
    .filter((p) => p.type !== 'timeZoneName')
    .map((p) => (p.type === 'hour' ? String(Number(p.value)) : p.value))
    .join('')
    .trim();
  return text(lang, 'updatedAt', { time, zone });
}

/** What will give a figure that has none yet a value, by the indicator's family. */
function filledBy(key: string): string {
  if (/^o1\.feedback\.|^o4\.perception\./.test(key)) return 'survey';
  if (key.startsWith('o2.attendance-rate')) return 'attendance';
  if (/^o3\.(.+-rating\.|rater-agreement)/.test(key)) return 'ratings';
  if (key.startsWith('readiness.maturity.')) return 'assessments';
  if (key === 'readiness.journey-progress') return 'journeys';
  if (key === 'o4.collaboration-intensity') return 'collaboration';
  return 'other';
}

/** The standalone page's script texts in both languages, from the catalogue (the script is one file for both). */
const pageTexts = { fr: i18n.getResource('fr', 'dashboard', 'page') as object, en: i18n.getResource('en', 'dashboard', 'page') as object };

/**
 * The dashboard's content for one consortium, in one language: a section per outcome with a card
 * per indicator and, where they help, the charts (with their data tables) and tables.
 */
export function dashboardFragment(indicators: IndicatorFigure[], lang: Language, now = new Date()): string {
  const l = (key: string, values?: Record<string, string | number>) => text(lang, key, values);
  const e = escapeHtml;
  const number = new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 2 });
  const date = dateFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  // A figure held back by the small-count rule says so, rather than looking like missing data; a
  // figure with no data yet says so in small muted words, and what will fill it.
  const value = (i: IndicatorFigure) =>
    i.value !== null
      ? `<div class="value" data-role="value">${e(number.format(i.value) + (i.unit === 'percent' ? ' %' : ''))}</div>`
      : i.suppressed
        ? `<div class="value none" data-role="value">${e(withheldFigureText(i.key)[lang])}</div>`
        : `<div class="value none" data-role="value">${e(l('noData'))}</div><p class="filled-by">${e(l(`filledBy.${filledBy(i.key)}`))}</p>`;
  const targetText = (target: IndicatorFigure['target']) =>
    !target
      ? ''
      : l('target') +
        colon +
        (target.comparison === 'between' ? `${number.format(target.value)}–${number.format(target.max ?? target.value)}` : `${target.comparison === 'more-than' ? '> ' : '≥ '}${number.format(target.value)}`) +
        (target.dueOn ? ` · ${date.format(new Date(`${target.dueOn}T12:00:00Z`))}` : '');
  const card = (i: IndicatorFigure) => `<article class="card" data-key="${e(i.key)}" aria-labelledby="l-${e(i.key)}">
<h3 id="l-${e(i.key)}">${e(i.label[lang])}</h3>${value(i)}<div class="target">${e(targetText(i.target))}</div><span class="status ${i.status}">${e(l(`status.${i.status}`))}</span></article>`;
  const table = (caption: string, head: string[], rows: string[][]) =>
    `<figure class="table"><figcaption>${e(caption)}</figcaption><table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c, i) => (i ? `<td class="n">${e(c)}</td>` : `<th scope="row">${e(c)}</th>`)).join('')}</tr>`)
      .join('')}</tbody></table></figure>`;
  const find = (key: string) => indicators.find((i) => i.key === key);
  const charts = indicatorCharts(indicators, lang, 'dashboard');
  const panels = (section: number | 'readiness'): string[] => {
    if (section === 1) return [charts.categories, charts.meetings];
    if (section === 4) return [charts.funnel];
    if (section !== 2) return [];
    const out: string[] = [];
    const provinces = ((find('o2.representation.provinces-and-territories')?.breakdown as { organizations?: Record<string, number> } | null)?.organizations ?? {}) as Record<string, number>;
    out.push(table(l('provinces'), [l('provinceOrTerritory'), l('organizations')], Object.entries(provinces).sort().map(([p, n]) => [p, number.format(n)])));
    const gatherings = ((find('o2.representation.age-bands')?.breakdown as { gatherings?: { groups: Record<string, number | null> }[] } | null)?.gatherings ?? []);
    if (gatherings.length) {
      const groups = Object.keys(gatherings[0].groups);
      out.push(
        table(
          l('ageBands', { threshold: smallCellThreshold, hidden }),
          [l('group'), ...gatherings.map((_, n) => `${l('meeting')} ${n + 1}`)],
          groups.map((g) => [i18n.exists(`ages.${g}`, { lng: lang }) ? l(`ages.${g}`) : g, ...gatherings.map((s) => (s.groups[g] === null ? hidden : number.format(s.groups[g]!)))]),
        ),
      );
    }
    return out;
  };
  const sections = ([1, 2, 3, 4, 'readiness'] as const).map((section) => {
    const list = indicators.filter((i) => (i.outcome === null ? 'readiness' : i.outcome) === section);
    if (!list.length) return '';
    const outcome = outcomes.find((o) => (o.outcome ?? 'readiness') === section)!;
    const heading = outcome.outcome === null ? outcome.heading[lang] : `${outcome.heading[lang]}${colon}${outcome.title[lang]}`;
    const extra = panels(section);
    return `<section aria-labelledby="s-${section}"><h2 id="s-${section}">${e(heading)}</h2><div class="grid">${list.map(card).join('')}</div>${extra.length ? `<div class="panels">${extra.join('\n')}</div>` : ''}</section>`;
  });
  // When it was drawn: the page's script shows it as the live status.
  return `<p hidden data-role="updated">${e(updatedAtText(now, lang))}</p>\n${sections.join('\n')}`;
}

/**
 * Follows the indicators and fetches the fragment again after each change. Its settings come from
 * the element `#dashboard` (`data-consortium`, `data-lang`, `data-base`: the portal embeds it so)
 * or, on the standalone page, from the query string.
 */
export const dashboardScript = `(() => {
  const root = document.getElementById('dashboard');
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const embedded = root.dataset.consortium !== undefined;
  const lang = (embedded ? root.dataset.lang : params.get('lang')) === 'en' ? 'en' : 'fr';
  const consortium = (embedded ? root.dataset.consortium : params.get('consortium')) || '';
  // Relative: served directly (under the service) or, embedded, through the portal's proxy (which adds the session's token).
  const base = embedded ? root.dataset.base || '' : '';
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) { sessionStorage.setItem('ccndr-token', fromFragment); history.replaceState(null, '', location.pathname + location.search); }
  const token = embedded ? null : sessionStorage.getItem('ccndr-token');
  const T = ${JSON.stringify(pageTexts)}[lang];
  const $ = (id) => document.getElementById(id);
  if (!embedded) {
    document.documentElement.lang = lang;
    document.title = T.title;
    $('title').textContent = T.title;
    const other = new URLSearchParams(params); other.set('lang', lang === 'fr' ? 'en' : 'fr');
    $('switch').href = '?' + other.toString(); $('switch').textContent = T.switchTo; $('switch').lang = lang === 'fr' ? 'en' : 'fr';
  }
  const colon = lang === 'fr' ? '\\u00a0: ' : ': ';
  const headers = (accept) => (token ? { authorization: 'Bearer ' + token, accept } : { accept });
  const path = base + 'consortia/' + encodeURIComponent(consortium);
  function problem(text) { const p = document.createElement('p'); p.className = 'error'; p.setAttribute('role', 'alert'); p.textContent = text; root.replaceChildren(p); }
  // Live: when the content was last drawn, as the server wrote it (in the consortium's time zone, named).
  function live(state) { const el = $('live'); if (!el) return; el.dataset.state = state; el.textContent = state === 'live' ? (root.querySelector('[data-role="updated"]')?.textContent ?? '') : state === 'lost' ? T.lost : T.connecting; }
  // One fetch at a time; changes that arrive meanwhile ask for one more.
  let loading = null; let again = false; const changed = new Map();
  async function load() {
    if (loading) { again = true; return loading; }
    loading = (async () => {
      do {
        again = false;
        const response = await fetch(path + '/dashboard?lang=' + lang, { headers: headers('text/html') });
        if ([401, 403, 404].includes(response.status)) { problem(T.errors[response.status]); throw new Error('refused'); }
        if (!response.ok) throw new Error(String(response.status));
        const content = await response.text();
        // Read what the person opened only now, with nothing awaited before the content is replaced.
        const open = [...root.querySelectorAll('details[open]')].map((d) => d.closest('figure')?.id);
        root.innerHTML = content;
        for (const id of open) root.querySelector('#' + CSS.escape(id) + ' details')?.setAttribute('open', '');
        for (const [key, text] of changed) {
          root.querySelector('[data-key="' + CSS.escape(key) + '"]')?.classList.add('changed');
          const announce = $('announce'); if (announce) announce.textContent = T.updated + colon + text + ' — ' + (root.querySelector('[data-key="' + CSS.escape(key) + '"] [data-role="value"]')?.textContent ?? '');
        }
        changed.clear();
      } while (again);
    })().finally(() => { loading = null; });
    return loading;
  }
  async function follow() {
    if (!consortium) return problem(T.errors.token);
    live('connecting');
    try {
      const response = await fetch(path + '/indicators/stream', { headers: headers('text/event-stream') });
      if ([401, 403, 404].includes(response.status)) return problem(T.errors[response.status]);
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          const chunk = buffer.slice(0, end); buffer = buffer.slice(end + 2);
          let event = 'message'; const data = [];
          for (const line of chunk.split('\\n')) { if (line.startsWith('event:')) event = line.slice(6).trim(); else if (line.startsWith('data:')) data.push(line.slice(5).trim()); }
          if (!data.length) continue;
          const body = JSON.parse(data.join('\\n'));
          if (event === 'indicator') changed.set(body.key, body.label[lang]);
          if (event === 'indicators' || event === 'indicator') await load();
          if (event !== 'ping') live('live');
        }
      }
    } catch (error) { if (error && error.message === 'refused') return; /* else retried below */ }
    live('lost');
    setTimeout(follow, 2000);
  }
  follow();
})();
`;
