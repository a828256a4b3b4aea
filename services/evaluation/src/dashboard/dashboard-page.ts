import { chartStyles, escapeHtml } from '@ccndr/charts';
import { outcomes, smallCellThreshold, suppressedFigureText } from '@ccndr/indicators';
import { IndicatorView } from '../indicators/indicators.service';
import { indicatorCharts, Language, locales } from './indicator-charts';

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
export const dashboardFragmentStyles = `  .dashboard { --d-muted: #4a4a4a; --d-line: #d0d0d0; --d-met: #0b4d1c; --d-met-bg: #d7f0dd; --d-not: #6b3b00; --d-not-bg: #fde7c8; --d-lost: #b3261e; }
  .dashboard h2 { font-size: 1.15rem; margin: 1.5rem 0 .75rem; } .dashboard h3 { font-size: .95rem; margin: 0 0 .35rem; font-weight: 600; }
  .dashboard-live { color: var(--d-muted, #4a4a4a); font-size: .9rem; } .dashboard-live[data-state="live"]::before { content: "● "; color: #0b4d1c; } .dashboard-live[data-state="lost"]::before { content: "● "; color: #b3261e; }
  .dashboard .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(15rem, 100%), 1fr)); gap: .75rem; }
  .dashboard .card { background: #fff; border: 1px solid var(--d-line); border-radius: .5rem; padding: .75rem .9rem; }
  .dashboard .card.changed { animation: dashboard-flash 1.2s ease-out; } @keyframes dashboard-flash { from { background: #fff6cc; } to { background: #fff; } }
  .dashboard .value { font-size: 1.8rem; font-weight: 700; } .dashboard .target { color: var(--d-muted); font-size: .9rem; }
  .dashboard .status { display: inline-block; margin-top: .35rem; font-size: .85rem; font-weight: 600; padding: 0 .4rem; border-radius: .25rem; }
  .dashboard .status.met { background: var(--d-met-bg); color: var(--d-met); } .dashboard .status.not-met { background: var(--d-not-bg); color: var(--d-not); } .dashboard .status.tracked { background: #eceff3; color: var(--d-muted); } .dashboard .status.on-track { background: #dde8fb; color: #133f7a; }
  .dashboard .panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr)); gap: .75rem; margin-top: .75rem; }
  .dashboard .panels > figure { margin: 0; }
  .dashboard figure.table { background: #fff; border: 1px solid var(--d-line); border-radius: .5rem; padding: .75rem .9rem; overflow-x: auto; } .dashboard figure.table figcaption { font-weight: 600; margin-bottom: .5rem; }
  .dashboard table { border-collapse: collapse; width: 100%; font-size: .9rem; } .dashboard th, .dashboard td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--d-line); } .dashboard td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .dashboard .error { background: var(--d-not-bg); color: var(--d-not); padding: .75rem 1rem; border-radius: .5rem; margin-top: 1rem; }
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

type Text = Record<Language, string>;
const t = (fr: string, en: string): Text => ({ fr, en });
const hidden = `<${smallCellThreshold}`;
const words = {
  status: { met: t('Cible atteinte', 'Target met'), 'not-met': t('Cible non atteinte', 'Target not met'), 'on-track': t('En bonne voie', 'On track'), tracked: t('Suivi sans cible', 'Tracked, no target') },
  target: t('Cible', 'Target'),
  noData: t('aucune donnée', 'no data'),
  provinces: t('Provinces et territoires des organismes présents', 'Provinces and territories of attending organisations'),
  ageBands: t(`Tranches d’âge par rencontre (auto-identification; moins de ${smallCellThreshold} : « ${hidden} »)`, `Age bands per gathering (self-identified; under ${smallCellThreshold}: "${hidden}")`),
  group: t('Groupe', 'Group'),
  organizations: t('Organismes', 'Organisations'),
  provinceOrTerritory: t('Province ou territoire', 'Province or territory'),
  meeting: t('Rencontre', 'Meeting'),
  ages: {
    'under-20': t('Moins de 20 ans', 'Under 20'),
    '20-24': t('20 à 24 ans', '20 to 24'),
    '25-29': t('25 à 29 ans', '25 to 29'),
    '30-39': t('30 à 39 ans', '30 to 39'),
    '40-49': t('40 à 49 ans', '40 to 49'),
    '50-64': t('50 à 64 ans', '50 to 64'),
    '65-plus': t('65 ans et plus', '65 and over'),
    'prefer-not-to-say': t('Préfère ne pas répondre', 'Prefer not to say'),
  } as Record<string, Text>,
};

/**
 * The dashboard's content for one consortium, in one language: a section per outcome with a card
 * per indicator and, where they help, the charts (with their data tables) and tables.
 */
export function dashboardFragment(indicators: IndicatorView[], lang: Language): string {
  const l = (text: Text) => text[lang];
  const e = escapeHtml;
  const number = new Intl.NumberFormat(locales[lang], { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeZone: 'UTC' });
  const colon = lang === 'fr' ? ' : ' : ': ';
  // A figure held back by the small-count rule says so, rather than looking like missing data.
  const show = (i: IndicatorView) => (i.value !== null ? number.format(i.value) + (i.unit === 'percent' ? ' %' : '') : l(i.suppressed ? suppressedFigureText : words.noData));
  const targetText = (target: IndicatorView['target']) =>
    !target
      ? ''
      : l(words.target) +
        colon +
        (target.comparison === 'between' ? `${number.format(target.value)}–${number.format(target.max ?? target.value)}` : `${target.comparison === 'more-than' ? '> ' : '≥ '}${number.format(target.value)}`) +
        (target.dueOn ? ` · ${date.format(new Date(`${target.dueOn}T12:00:00Z`))}` : '');
  const card = (i: IndicatorView) => `<article class="card" data-key="${e(i.key)}" aria-labelledby="l-${e(i.key)}">
<h3 id="l-${e(i.key)}">${e(i.label[lang])}</h3><div class="value" data-role="value">${e(show(i))}</div><div class="target">${e(targetText(i.target))}</div><span class="status ${i.status}">${e(l(words.status[i.status]))}</span></article>`;
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
    out.push(table(l(words.provinces), [l(words.provinceOrTerritory), l(words.organizations)], Object.entries(provinces).sort().map(([p, n]) => [p, number.format(n)])));
    const gatherings = ((find('o2.representation.age-bands')?.breakdown as { gatherings?: { groups: Record<string, number | null> }[] } | null)?.gatherings ?? []);
    if (gatherings.length) {
      const groups = Object.keys(gatherings[0].groups);
      out.push(
        table(
          l(words.ageBands),
          [l(words.group), ...gatherings.map((_, n) => `${l(words.meeting)} ${n + 1}`)],
          groups.map((g) => [words.ages[g] ? l(words.ages[g]) : g, ...gatherings.map((s) => (s.groups[g] === null ? hidden : number.format(s.groups[g]!)))]),
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
  return sections.join('\n');
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
  const T = {
    fr: { title: 'Tableau de bord de l’évaluation', switchTo: 'English', live: 'En direct', lost: 'Connexion perdue, nouvelle tentative…', connecting: 'Connexion…', updated: 'Indicateur mis à jour',
      errors: { token: 'Ouvrez ce tableau de bord avec un jeton d’accès (lien fourni par le portail).', 401: 'Votre session a expiré : reconnectez-vous.', 403: 'Vous n’avez pas accès à ce consortium.', 404: 'Consortium introuvable.', other: 'Le service ne répond pas; nouvelle tentative…' } },
    en: { title: 'Evaluation dashboard', switchTo: 'Français', live: 'Live', lost: 'Connection lost, trying again…', connecting: 'Connecting…', updated: 'Indicator updated',
      errors: { token: 'Open this dashboard with an access token (link given by the portal).', 401: 'Your session expired: please sign in again.', 403: 'You do not have access to this consortium.', 404: 'Consortium not found.', other: 'The service does not answer; trying again…' } },
  }[lang];
  const $ = (id) => document.getElementById(id);
  if (!embedded) {
    document.documentElement.lang = lang;
    document.title = T.title;
    $('title').textContent = T.title;
    const other = new URLSearchParams(params); other.set('lang', lang === 'fr' ? 'en' : 'fr');
    $('switch').href = '?' + other.toString(); $('switch').textContent = T.switchTo; $('switch').lang = lang === 'fr' ? 'en' : 'fr';
  }
  const time = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { timeStyle: 'medium' });
  const colon = lang === 'fr' ? ' : ' : ': ';
  const headers = (accept) => (token ? { authorization: 'Bearer ' + token, accept } : { accept });
  const path = base + 'consortia/' + encodeURIComponent(consortium);
  function problem(text) { const p = document.createElement('p'); p.className = 'error'; p.setAttribute('role', 'alert'); p.textContent = text; root.replaceChildren(p); }
  function live(state) { const el = $('live'); if (!el) return; el.dataset.state = state; el.textContent = state === 'live' ? T.live + ' · ' + time.format(new Date()) : state === 'lost' ? T.lost : T.connecting; }
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
