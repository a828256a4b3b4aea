import { PortalContext } from '../pages/context';
import { demoCoordinator } from '../session/session';
import { html, SafeHtml } from './html';

/** Served at /assets/portal.css: a file, not inline, so the pages' policy allows no inline style. */
export const portalStyles = `
  :root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --brand: #0b4f9c; --error: #a4161a; --ok-bg: #d7f0dd; --ok: #0b4d1c; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fafafa; }
  a { color: var(--brand); } a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; z-index: 1; }
  header { background: #fff; border-bottom: 1px solid var(--line); padding: .75rem 1.25rem; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; justify-content: space-between; }
  header .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
  header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
  .who { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; color: var(--muted); }
  button, .button { font: inherit; background: var(--brand); color: #fff; border: 0; border-radius: .35rem; padding: .45rem .9rem; cursor: pointer; text-decoration: none; display: inline-block; }
  button.link { background: none; color: var(--brand); padding: 0; text-decoration: underline; }
  main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
  .dev { background: #fff4ce; border: 2px dashed #8a6d00; padding: .75rem 1rem; border-radius: .5rem; }
  .notice { background: var(--ok-bg); color: var(--ok); padding: .6rem .9rem; border-radius: .4rem; }
  .problem { background: #fde8e8; color: var(--error); padding: .6rem .9rem; border-radius: .4rem; }
  form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .4rem 0 .8rem; } form.inline > div { min-width: 10rem; } form.inline > div:has(> button:only-child) { min-width: 0; }
  form.stack { display: grid; gap: .9rem; max-width: 32rem; } label { font-weight: 600; display: block; }
  input[type=text], input[type=date], input[type=datetime-local], input[type=number], select, textarea { font: inherit; width: 100%; padding: .4rem .5rem; border: 1px solid #767676; border-radius: .3rem; background: #fff; }
  .field-error { color: var(--error); font-weight: 600; margin: .2rem 0 0; } [aria-invalid=true] { border-color: var(--error); border-width: 2px; }
  .table-scroll { overflow-x: auto; max-width: 100%; } .table-scroll:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; background: #fff; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); } td.n { text-align: right; }
  fieldset { border: 1px solid var(--line); border-radius: .4rem; background: #fff; } .checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(16rem, 100%), 1fr)); gap: .35rem 1rem; }
  .checks label { font-weight: 400; display: flex; gap: .5rem; align-items: baseline; }
  .track { display: block; width: 100%; height: .9rem; min-width: 6rem; background: #eef1f5; border-radius: .2rem; } .track .fill { fill: #1f5aa6; }
  form.inline-action { display: inline; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 1rem; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
  @media (max-width: 30rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .4rem; } }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  code { overflow-wrap: anywhere; } pre { overflow-x: auto; max-width: 100%; background: #fff; border: 1px solid var(--line); padding: .5rem; } article { margin-bottom: 2rem; }
  footer { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem 2rem; color: var(--muted); }
  iframe { width: 100%; min-height: 80vh; border: 1px solid var(--line); border-radius: .4rem; background: #fff; }
  @media (max-width: 30rem) { header, main { padding-left: .75rem; padding-right: .75rem; } }
`;

/**
 * Every page: skip link, header with navigation, language switch and sign-in state, one main
 * landmark. A signed-in page carries the session's form token in `<meta name="csrf-token">`: a page
 * script sends it as `X-CSRF-Token` on the proxy's writing calls.
 */
export function layout(ctx: PortalContext, title: string, body: SafeHtml, consortiumId?: string): string {
  const t = ctx.t;
  const other = ctx.lang === 'fr' ? 'en' : 'fr';
  const switchUrl = new URL(ctx.path, 'http://portal');
  switchUrl.searchParams.set('lang', other);
  const roles = consortiumId ? (ctx.session?.consortia[consortiumId] ?? []) : [];
  const links: [string, string][] = consortiumId
    ? [
        ...(roles.includes('coordinator')
          ? ([
              [`/c/${consortiumId}`, t.overview],
              [`/c/${consortiumId}/gatherings`, t.gatherings],
              [`/c/${consortiumId}/circles`, t.circles],
              [`/c/${consortiumId}/models`, t.models],
              [`/c/${consortiumId}/surveys`, t.surveys],
              [`/c/${consortiumId}/partnerships`, t.partnerships],
            ] as [string, string][])
          : []),
        ...(roles.includes('member') ? ([[`/c/${consortiumId}/organization`, t.myOrganization], [`/c/${consortiumId}/needs`, t.needs]] as [string, string][]) : []),
        ...(['coordinator', 'member', 'provider'].some((r) => roles.includes(r)) ? ([[`/c/${consortiumId}/engagements`, t.engagements]] as [string, string][]) : []),
        ...(roles.includes('provider') ? ([[`/c/${consortiumId}/requests`, t.requests], [`/c/${consortiumId}/provider-profile`, t.providerProfile]] as [string, string][]) : []),
        [`/c/${consortiumId}/dashboard`, t.dashboard],
        ...(roles.includes('coordinator') ? ([[`/api/evaluation/consortia/${consortiumId}/report?lang=${ctx.lang}`, t.report]] as [string, string][]) : []),
      ]
    : [];
  const nav = links.length ? html`<nav aria-label="${t.portal}"><ul>${links.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav>` : html``;
  const who = ctx.session
    ? html`<span>${t.signedInAs} ${ctx.session.subject === demoCoordinator ? t.coordinatorOf : ctx.session.name}</span>
        <form method="post" action="/sign-out"><input type="hidden" name="csrf" value="${ctx.session.csrf}"><button class="link" type="submit">${t.signOut}</button></form>`
    : html`<a href="/sign-in">${t.signIn}</a>`;
  return `<!doctype html>
${html`<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.portal}</title>
<link rel="stylesheet" href="/assets/portal.css">
${ctx.session ? html`<meta name="csrf-token" content="${ctx.session.csrf}">` : ''}
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header>
  <a class="brand" href="/">${t.portal}</a>
  ${nav}
  <div class="who">${who}<a href="${switchUrl.pathname + switchUrl.search}" lang="${other}" hreflang="${other}">${t.switchLanguage}</a></div>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
<footer><a href="/events">${t.eventCatalogue}</a></footer>
</body>
</html>`}`;
}
