import { organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, capitalised, organizationCategoryLabels, outcomes, smallCellThreshold } from '@ccndr/indicators';

/**
 * The live dashboard: one page, no build step. It reads the consortium and the language from the
 * query string and the bearer token from the URL fragment (never sent to a server, then kept in
 * sessionStorage and removed from the address bar) — or, inside the portal, relies on the
 * portal's proxy to add the session's token — loads the indicators and follows their changes over
 * server-sent events read with fetch (EventSource cannot send a bearer token). Its script and
 * styles are files of their own (relative links: the same under the service and under the
 * portal's proxy), so that the page's policy allows no inline script or style.
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
</main>
<script src="dashboard/dashboard.js"></script>
</body>
</html>
`;

export const dashboardStyles = `  :root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #d0d0d0; --met: #0b4d1c; --met-bg: #d7f0dd; --not: #6b3b00; --not-bg: #fde7c8; --bar: #1f5aa6; --target: #b3261e; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.45 system-ui, sans-serif; color: var(--ink); background: #fafafa; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; justify-content: space-between; padding: 1rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); }
  h1 { font-size: 1.4rem; margin: 0; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .75rem; } h3 { font-size: .95rem; margin: 0 0 .35rem; font-weight: 600; }
  main { padding: 0 1.25rem 2rem; max-width: 80rem; margin: 0 auto; }
  a { color: #0b4f9c; } a:focus-visible, button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .live { color: var(--muted); font-size: .9rem; } .live[data-state="live"]::before { content: "● "; color: var(--met); } .live[data-state="lost"]::before { content: "● "; color: var(--target); }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(15rem, 100%), 1fr)); gap: .75rem; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .75rem .9rem; }
  .card.changed { animation: flash 1.2s ease-out; } @keyframes flash { from { background: #fff6cc; } to { background: #fff; } }
  .value { font-size: 1.8rem; font-weight: 700; } .target { color: var(--muted); font-size: .9rem; }
  .status { display: inline-block; margin-top: .35rem; font-size: .85rem; font-weight: 600; padding: 0 .4rem; border-radius: .25rem; }
  .status.met { background: var(--met-bg); color: var(--met); } .status.not-met { background: var(--not-bg); color: var(--not); } .status.tracked { background: #eceff3; color: var(--muted); } .status.on-track { background: #dde8fb; color: #133f7a; }
  .panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr)); gap: .75rem; margin-top: .75rem; }
  figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .75rem .9rem; } figcaption { font-weight: 600; margin-bottom: .5rem; }
  .bars { display: grid; grid-template-columns: fit-content(40%) 1fr max-content; gap: .3rem .6rem; align-items: center; font-size: .9rem; }
  .track { position: relative; height: .9rem; background: #eef1f5; border-radius: .2rem; } .fill { position: absolute; inset: 0 auto 0 0; background: var(--bar); border-radius: .2rem; }
  .mark { position: absolute; top: -.2rem; bottom: -.2rem; width: 2px; background: var(--target); }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--line); } td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .error { background: var(--not-bg); color: var(--not); padding: .75rem 1rem; border-radius: .5rem; margin-top: 1rem; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 30rem) { .value { font-size: 1.5rem; } header { padding: .75rem; } main { padding: 0 .75rem 1.5rem; } }
`;

type Language = 'fr' | 'en';

/** Section titles and category labels from the indicator catalogue, written into the script. */
const sectionTitles = (lang: Language) =>
  Object.fromEntries(outcomes.map((o) => [o.outcome ?? 'readiness', o.outcome === null ? o.heading[lang] : `${o.heading[lang]}${lang === 'fr' ? ' : ' : ': '}${o.title[lang]}`]));
/** Per category, its active-organisations indicator's key and the category's name. */
const categoryLabels = (lang: Language) => Object.fromEntries(organizationCategories.map((c) => [activeOrganizationsKey(c), capitalised(organizationCategoryLabels[c][lang])]));
/** How a suppressed small count is shown. */
const hidden = `<${smallCellThreshold}`;

export const dashboardScript = `(() => {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'en' ? 'en' : 'fr';
  const consortium = params.get('consortium') || '';
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) { sessionStorage.setItem('ccndr-token', fromFragment); history.replaceState(null, '', location.pathname + location.search); }
  const token = sessionStorage.getItem('ccndr-token');
  const T = {
    fr: { title: 'Tableau de bord de l’évaluation', switchTo: 'English', live: 'En direct', lost: 'Connexion perdue, nouvelle tentative…', connecting: 'Connexion…',
      sections: ${JSON.stringify(sectionTitles('fr'))},
      status: { met: 'Cible atteinte', 'not-met': 'Cible non atteinte', 'on-track': 'En bonne voie', tracked: 'Suivi sans cible' }, target: 'Cible', noData: 'aucune donnée',
      byCategory: 'Organismes actifs par catégorie (barre : résultat, trait : cible)', meetings: 'Participation aux rencontres du Consortium', funnel: 'Partenariats par étape',
      provinces: 'Provinces et territoires des organismes présents', ageBands: 'Tranches d’âge par rencontre (auto-identification; moins de ${smallCellThreshold} : « ${hidden} »)', group: 'Groupe', organizations: 'Organismes',
      stages: { proposed: 'Proposés', 'in-negotiation': 'En négociation', confirmed: 'Confirmés', ended: 'Terminés' }, updated: 'Indicateur mis à jour', meeting: 'Rencontre',
      ages: { 'under-20': 'Moins de 20 ans', '20-24': '20 à 24 ans', '25-29': '25 à 29 ans', '30-39': '30 à 39 ans', '40-49': '40 à 49 ans', '50-64': '50 à 64 ans', '65-plus': '65 ans et plus', 'prefer-not-to-say': 'Préfère ne pas répondre' },
      categories: ${JSON.stringify(categoryLabels('fr'))},
      errors: { token: 'Ouvrez ce tableau de bord avec un jeton d’accès (lien fourni par le portail).', 401: 'Votre session a expiré : reconnectez-vous.', 403: 'Vous n’avez pas accès à ce consortium.', 404: 'Consortium introuvable.', other: 'Le service ne répond pas; nouvelle tentative…' } },
    en: { title: 'Evaluation dashboard', switchTo: 'Français', live: 'Live', lost: 'Connection lost, trying again…', connecting: 'Connecting…',
      sections: ${JSON.stringify(sectionTitles('en'))},
      status: { met: 'Target met', 'not-met': 'Target not met', 'on-track': 'On track', tracked: 'Tracked, no target' }, target: 'Target', noData: 'no data',
      byCategory: 'Active organisations by category (bar: result, line: target)', meetings: 'Participation in consortium meetings', funnel: 'Partnerships by stage',
      provinces: 'Provinces and territories of attending organisations', ageBands: 'Age bands per gathering (self-identified; under ${smallCellThreshold}: "${hidden}")', group: 'Group', organizations: 'Organisations',
      stages: { proposed: 'Proposed', 'in-negotiation': 'In negotiation', confirmed: 'Confirmed', ended: 'Ended' }, updated: 'Indicator updated', meeting: 'Meeting',
      ages: { 'under-20': 'Under 20', '20-24': '20 to 24', '25-29': '25 to 29', '30-39': '30 to 39', '40-49': '40 to 49', '50-64': '50 to 64', '65-plus': '65 and over', 'prefer-not-to-say': 'Prefer not to say' },
      categories: ${JSON.stringify(categoryLabels('en'))},
      errors: { token: 'Open this dashboard with an access token (link given by the portal).', 401: 'Your session expired: please sign in again.', 403: 'You do not have access to this consortium.', 404: 'Consortium not found.', other: 'The service does not answer; trying again…' } },
  }[lang];
  document.documentElement.lang = lang;
  document.title = T.title;
  const $ = (id) => document.getElementById(id);
  $('title').textContent = T.title;
  const other = new URLSearchParams(params); other.set('lang', lang === 'fr' ? 'en' : 'fr');
  $('switch').href = '?' + other.toString(); $('switch').textContent = T.switchTo; $('switch').lang = lang === 'fr' ? 'en' : 'fr';
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { timeStyle: 'medium' });
  const el = (tag, attributes = {}, ...children) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v); for (const c of children) e.append(c); return e; };
  const indicators = new Map();
  const show = (v, unit) => v === null || v === undefined ? T.noData : number.format(v) + (unit === 'percent' ? ' %' : '');
  const colon = lang === 'fr' ? ' : ' : ': ';
  const targetText = (t) => !t ? '' : T.target + colon + (t.comparison === 'between' ? number.format(t.value) + '–' + number.format(t.max) : (t.comparison === 'more-than' ? '> ' : '≥ ') + number.format(t.value)) + (t.dueOn ? ' · ' + date.format(new Date(t.dueOn + 'T12:00:00Z')) : '');

  function card(i) {
    return el('article', { class: 'card', 'data-key': i.key, 'aria-labelledby': 'l-' + i.key },
      el('h3', { id: 'l-' + i.key }, i.label[lang]),
      el('div', { class: 'value', 'data-role': 'value' }, show(i.value, i.unit)),
      el('div', { class: 'target' }, targetText(i.target)),
      el('span', { class: 'status ' + i.status }, T.status[i.status]));
  }
  function bars(caption, rows) {
    const max = Math.max(1, ...rows.map((r) => Math.max(r.value || 0, r.target || 0)));
    const grid = el('div', { class: 'bars' });
    for (const r of rows) {
      const track = el('div', { class: 'track', role: 'img', 'aria-label': r.label + colon + number.format(r.value || 0) + (r.target ? ' / ' + number.format(r.target) : '') });
      // Widths through the CSSOM: the policy allows no style attribute.
      const fill = el('div', { class: 'fill' }); fill.style.width = (100 * (r.value || 0) / max) + '%'; track.append(fill);
      if (r.target) { const mark = el('div', { class: 'mark' }); mark.style.left = (100 * r.target / max) + '%'; track.append(mark); }
      grid.append(el('span', {}, r.label), track, el('span', { class: 'n' }, number.format(r.value || 0)));
    }
    return el('figure', {}, el('figcaption', {}, caption), grid);
  }
  function table(caption, head, rows) {
    const t = el('table', {}, el('caption', { class: 'sr-only' }, caption), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))));
    const body = el('tbody'); for (const r of rows) body.append(el('tr', {}, ...r.map((c, i) => el(i ? 'td' : 'th', i ? { class: 'n' } : { scope: 'row' }, c)))); t.append(body);
    return el('figure', {}, el('figcaption', {}, caption), t);
  }
  function panels(section) {
    const get = (k) => indicators.get(k);
    const out = [];
    if (section === 1) {
      out.push(bars(T.byCategory, Object.entries(T.categories).map(([key, label]) => { const i = get(key); return { label, value: i?.value, target: i?.target?.value }; })));
      const meetings = get('o1.meeting-participants')?.breakdown?.meetings || [];
      out.push(bars(T.meetings, meetings.map((m, n) => ({ label: m.startsAt ? date.format(new Date(m.startsAt)) : T.meeting + ' ' + (n + 1), value: m.participants }))));
    }
    if (section === 2) {
      const provinces = get('o2.representation.provinces-and-territories')?.breakdown?.organizations || {};
      out.push(table(T.provinces, ['', T.organizations], Object.entries(provinces).sort().map(([p, n]) => [p, number.format(n)])));
      const gatherings = get('o2.representation.age-bands')?.breakdown?.gatherings || [];
      if (gatherings.length) {
        const groups = Object.keys(gatherings[0].groups);
        out.push(table(T.ageBands, [T.group, ...gatherings.map((g, n) => T.meeting + ' ' + (n + 1))], groups.map((g) => [T.ages[g] || g, ...gatherings.map((s) => (s.groups[g] === null ? '${hidden}' : number.format(s.groups[g])))])));
      }
    }
    if (section === 4) {
      const funnel = get('o4.partnerships.confirmed')?.breakdown?.funnel || {};
      out.push(bars(T.funnel, Object.entries(T.stages).map(([s, label]) => ({ label, value: funnel[s] || 0 }))));
    }
    return out;
  }
  function render() {
    const main = $('main'); const announce = $('announce');
    main.replaceChildren(announce);
    for (const section of [1, 2, 3, 4, 'readiness']) {
      const list = [...indicators.values()].filter((i) => (i.outcome === null ? 'readiness' : i.outcome) === section);
      if (!list.length) continue;
      const id = 's-' + section;
      const s = el('section', { 'aria-labelledby': id }, el('h2', { id }, T.sections[section]), el('div', { class: 'grid' }, ...list.map(card)));
      const extra = panels(section); if (extra.length) s.append(el('div', { class: 'panels' }, ...extra));
      main.append(s);
    }
  }
  function problem(text) { $('main').replaceChildren($('announce'), el('p', { class: 'error', role: 'alert' }, text)); }
  function live(state) { $('live').dataset.state = state; $('live').textContent = state === 'live' ? T.live + ' · ' + time.format(new Date()) : state === 'lost' ? T.lost : T.connecting; }
  function apply(event, data) {
    if (event === 'indicators') { indicators.clear(); for (const i of data) indicators.set(i.key, i); render(); }
    if (event === 'indicator') {
      indicators.set(data.key, data); render();
      document.querySelector('[data-key="' + data.key + '"]')?.classList.add('changed');
      $('announce').textContent = T.updated + colon + data.label[lang] + ' — ' + show(data.value, data.unit);
    }
    if (event !== 'ping') live('live');
  }
  async function follow() {
    if (!consortium) return problem(T.errors.token);
    live('connecting');
    try {
      // Relative: served directly or through the portal's proxy (which adds the session's token).
      const headers = token ? { authorization: 'Bearer ' + token, accept: 'text/event-stream' } : { accept: 'text/event-stream' };
      const response = await fetch('consortia/' + encodeURIComponent(consortium) + '/indicators/stream', { headers });
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
          if (data.length) apply(event, JSON.parse(data.join('\\n')));
        }
      }
    } catch (error) { /* retried below */ }
    live('lost');
    setTimeout(follow, 2000);
  }
  follow();
})();
`;
