import { PortalContext } from '../pages/context';
import { demoCoordinator, demoProgrammeLead } from '../session/session';
import { html, SafeHtml } from './html';

/**
 * The portal's components: small functions every page builds with, so a button, a badge or a
 * notice looks and behaves the same everywhere. Their styles are in layout.ts (`portalStyles`).
 */

export type ButtonKind = 'primary' | 'secondary' | 'danger' | 'link';

/**
 * A button of one of four kinds: primary (the page's main step: Save, Submit, Accept), secondary
 * (a step beside it: Save for later, Add), danger (a step that ends or refuses something: Decline,
 * End, Remove) and link (a quiet step, such as signing out).
 */
export function button(label: string, options: { kind?: ButtonKind; name?: string; value?: string; ariaLabel?: string } = {}): SafeHtml {
  const kind = options.kind ?? 'primary';
  return html`<button type="submit" class="button ${kind}" ${options.name ? html`name="${options.name}"` : ''} ${options.value !== undefined ? html`value="${options.value}"` : ''} ${
    options.ariaLabel ? html`aria-label="${options.ariaLabel}"` : ''
  }>${label}</button>`;
}

/** A link that looks like a button (a step that opens a page rather than changing anything). */
export function buttonLink(href: string, label: string, kind: ButtonKind = 'secondary'): SafeHtml {
  return html`<a class="button ${kind}" href="${href}">${label}</a>`;
}

/** A form that is only one button (a step on a card): posts the session's form token with it. */
export function actionForm(ctx: PortalContext, action: string, label: string, options: { kind?: ButtonKind; ariaLabel?: string } = {}): SafeHtml {
  return html`<form class="inline-action" method="post" action="${action}"><input type="hidden" name="csrf" value="${ctx.session?.csrf}">${button(label, options)}</form>`;
}

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A short status in a coloured pill; its words carry the meaning, the colour only repeats it. */
export function badge(label: string, tone: Tone = 'neutral'): SafeHtml {
  return html`<span class="badge ${tone}">${label}</span>`;
}

/**
 * A heading's title followed by a status badge. The separator is read by screen readers and
 * copied with the text ("Title — status"); sighted people see the badge instead.
 */
export function titleWithStatus(title: string, status: string, tone: Tone): SafeHtml {
  return html`${title}<span class="sr-only"> — </span>${badge(status, tone)}`;
}

/** The tone of each status the services report. */
export const statusTones: Record<string, Tone> = {
  // indicators
  met: 'success',
  'not-met': 'danger',
  'on-track': 'info',
  tracked: 'neutral',
  // partnerships
  proposed: 'neutral',
  'in-negotiation': 'info',
  confirmed: 'success',
  ended: 'neutral',
  // engagements
  requested: 'warning',
  accepted: 'info',
  declined: 'neutral',
  scoped: 'info',
  active: 'info',
  completed: 'success',
  cancelled: 'neutral',
  expired: 'neutral',
  // needs
  draft: 'warning',
  open: 'info',
  closed: 'neutral',
};

export const toneOf = (status: string): Tone => statusTones[status] ?? 'neutral';

/** A card: a bordered surface grouping one thing (a request, a partnership, a working group). */
export function card(content: SafeHtml, options: { labelledBy?: string; tag?: 'section' | 'article' | 'div' | 'li' } = {}): SafeHtml {
  const tag = options.tag ?? (options.labelledBy ? 'section' : 'div');
  const labelled = options.labelledBy ? html` aria-labelledby="${options.labelledBy}"` : '';
  return new SafeHtml(`<${tag} class="card"${labelled}>${content}</${tag}>`);
}

/** A wide table in a box that scrolls sideways on a phone, named for screen readers, reachable by keyboard. */
export function tableBox(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/** What is there when a list is empty: why, and the next steps (sentences, or links shown as buttons). */
export function emptyState(message: string, ...next: ({ href: string; label: string } | string)[]): SafeHtml {
  return html`<div class="empty"><p>${message}</p>${next.map((step) =>
    typeof step === 'string' ? html`<p class="hint">${step}</p>` : html`<p>${buttonLink(step.href, step.label)}</p>`,
  )}</div>`;
}

/** The outcome of the step just taken, announced politely. */
export function notice(message: string | undefined): SafeHtml {
  return message ? html`<p class="notice" role="status">${message}</p>` : html``;
}

/** A refusal or a failure that is not about one field, announced at once. */
export function problem(message: string | undefined): SafeHtml {
  return message ? html`<p class="problem" role="alert">${message}</p>` : html``;
}

/**
 * The GOV.UK pattern: at the top of a form's page, a box that says there is a problem and links
 * to each field in error (its id); each field keeps its own message next to it. `errors` is keyed
 * by the field's id, `labels` names the fields: « Titre — Champ obligatoire. ». A dash rather than a
 * colon, as many labels are questions ("How are accounts protected?") and "?:" reads badly.
 */
export function errorSummary(ctx: PortalContext, errors: Record<string, string>, labels: Record<string, string> = {}): SafeHtml {
  const entries = Object.entries(errors).filter(([, message]) => message);
  if (!entries.length) return html``;
  // Focused when the page opens (autofocus, no script needed): a screen reader reads it first, and
  // each link moves to its field (a link to an id focuses that field).
  return html`<div class="error-summary" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
    <h2 id="error-summary-title">${ctx.t.errorSummaryTitle}</h2>
    <p>${ctx.t.fixErrors}</p>
    <ul>${entries.map(([id, message]) => html`<li><a href="#${id}">${labels[id] ? `${labels[id]} — ` : ''}${message}</a></li>`)}</ul>
  </div>`;
}

/** Where this page sits: links to the pages above it, the last one the way back. */
export function breadcrumbs(ctx: PortalContext, trail: { href: string; label: string }[]): SafeHtml {
  if (!trail.length) return html``;
  return html`<nav class="breadcrumbs" aria-label="${ctx.t.breadcrumbs}"><ol>${trail.map((step) => html`<li><a href="${step.href}">${step.label}</a></li>`)}</ol></nav>`;
}

/** A label and its value, the way a summary of facts reads (GOV.UK's summary list). */
export function facts(rows: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="facts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/** A share of a whole as a bar (decorative: the number beside it says the same). */
export function meter(share: number): SafeHtml {
  const width = Math.max(0, Math.min(100, Math.round(share * 100)));
  return html`<svg class="meter" aria-hidden="true" focusable="false" viewBox="0 0 100 1" preserveAspectRatio="none"><rect class="meter-track" width="100" height="1"/><rect class="meter-fill" width="${width}" height="1"/></svg>`;
}

/** A link in the navigation, marked as the current page (or the section the page is in). */
export interface NavLink {
  href: string;
  label: string;
  /** Other addresses whose pages belong to this section (the assessment's pages to "My organisation"). */
  also?: string[];
}

/** Which of the links is the page: the one with the longest address (its own, or one of `also`) that starts the page's path. */
export function currentLink(links: NavLink[], path: string): { href: string; exact: boolean } | undefined {
  const clean = (address: string) => new URL(address, 'http://portal').pathname.replace(/\/$/, '') || '/';
  const pathname = clean(path);
  let best: { link: NavLink; length: number } | undefined;
  for (const link of links) {
    for (const href of [link.href, ...(link.also ?? [])].map(clean)) {
      if ((pathname === href || pathname.startsWith(`${href}/`)) && (!best || href.length > best.length)) best = { link, length: href.length };
    }
  }
  if (!best) return undefined;
  return { href: best.link.href, exact: clean(best.link.href) === pathname };
}

/**
 * The app header: the platform's name, who is signed in, the language switch and the pages of the
 * person's roles. On a phone the pages and the sign-out fold into a Menu (a <details>, so it opens
 * without script); on a wide screen they sit in one bar under the name.
 */
export function appHeader(ctx: PortalContext, links: NavLink[]): SafeHtml {
  const t = ctx.t;
  const other = ctx.lang === 'fr' ? 'en' : 'fr';
  const switchUrl = new URL(ctx.path, 'http://portal');
  switchUrl.searchParams.set('lang', other);
  const current = currentLink(links, ctx.path);
  const list = (className: string) =>
    html`<ul class="${className}">${links.map(
      (link) => html`<li><a href="${link.href}" ${current?.href === link.href ? new SafeHtml(`aria-current="${current.exact ? 'page' : 'true'}"`) : ''}>${link.label}</a></li>`,
    )}</ul>`;
  const signOut = (id: string) =>
    ctx.session
      ? html`<form class="sign-out" method="post" action="/sign-out"><input type="hidden" name="csrf" value="${ctx.session.csrf}"><button class="button link" type="submit" id="${id}">${t.signOut}</button></form>`
      : html``;
  const who = ctx.session ? html`<span class="who"><span class="who-label">${t.signedInAs}</span> <strong>${ctx.session.subject === demoCoordinator ? t.coordinatorOf : ctx.session.subject === demoProgrammeLead ? t.programmeLeadWho : ctx.session.name}</strong></span>` : html``;
  const menu = ctx.session
    ? html`<details class="app-menu"><summary>${t.menu}</summary><div class="app-menu-panel">${links.length ? list('app-menu-links') : ''}<div class="app-menu-who">${who}${signOut('sign-out-menu')}</div></div></details>`
    : html``;
  return html`<header class="app-header">
  <div class="app-header-bar">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span><span class="brand-name">${t.portal}</span><span class="brand-short">${t.portalShort}</span></a>
    <div class="app-header-tools">
      ${who}${ctx.session ? signOut('sign-out') : html`<a href="/sign-in">${t.signIn}</a>`}
      <a class="lang-switch" href="${switchUrl.pathname + switchUrl.search}" lang="${other}" hreflang="${other}">${t.switchLanguage}</a>
    </div>
    ${links.length ? html`<nav class="app-nav" aria-label="${t.portal}">${list('app-nav-links')}${menu}</nav>` : menu}
  </div>
</header>`;
}
