import { PortalContext } from '../pages/context';
import { appHeader, breadcrumbs, NavLink } from './components';
import { html, SafeHtml } from './html';

/**
 * Served at /assets/portal.css: a file, not inline, so the pages' policy allows no inline style.
 * Design tokens first (custom properties: colour, spacing, type, radius, focus), then the
 * components of views/components.ts. Every text colour meets WCAG AA (4.5:1) on the surfaces it
 * sits on; borders of controls 3:1. Written for this portal, after studying the GOV.UK Design
 * System and the Government of Canada's (see docs/portal.md).
 */
export const portalStyles = `
:root {
  /* Colour: ink on white 15.3:1, muted 7.0:1, primary 8.6:1 (white on primary too), danger 6.5:1, success 6.9:1. */
  --color-ink: #1b2330;
  --color-muted: #4d5766;
  --color-page: #f4f6f9;
  --color-surface: #ffffff;
  --color-line: #d8dee6;
  --color-control: #68727f;
  --color-primary: #1a4f8b;
  --color-primary-hover: #123a67;
  --color-primary-soft: #e7eef7;
  --color-danger: #b4232a;
  --color-danger-hover: #8c1a20;
  --color-danger-soft: #fbeaea;
  --color-success: #1b6a3a;
  --color-success-soft: #e2f2e7;
  --color-warning: #7a4d00;
  --color-warning-soft: #fdf1d6;
  --color-info: #1a4f8b;
  --color-info-soft: #e7eef7;
  --color-neutral-soft: #eceff3;
  --color-focus: #ffbf47;
  /* Spacing: a 4 px base. */
  --space-1: 0.25rem; --space-2: 0.5rem; --space-3: 0.75rem; --space-4: 1rem; --space-5: 1.5rem; --space-6: 2rem; --space-7: 3rem;
  /* Type: a 1.2 scale from 16 px. */
  --font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
  --text-sm: 0.875rem; --text-base: 1rem; --text-lg: 1.1875rem; --text-xl: 1.4375rem; --text-2xl: 1.75rem; --text-3xl: 2.125rem;
  --leading: 1.55; --leading-tight: 1.25;
  /* Radius and depth. */
  --radius-sm: 4px; --radius-md: 8px; --radius-lg: 12px; --radius-pill: 999px;
  --shadow-card: 0 1px 2px rgba(27, 35, 48, 0.06), 0 1px 3px rgba(27, 35, 48, 0.08);
  /* Focus: a yellow ring with a dark edge, visible on every surface. */
  --focus-ring: 0 0 0 3px var(--color-focus), 0 0 0 5px var(--color-ink);
  --measure: 76rem;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: var(--text-base)/var(--leading) var(--font); color: var(--color-ink); background: var(--color-page); display: flex; flex-direction: column; min-height: 100vh; }
a { color: var(--color-primary); text-underline-offset: 0.15em; }
a:hover { color: var(--color-primary-hover); text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid transparent; box-shadow: var(--focus-ring); border-radius: var(--radius-sm); }
a:focus-visible { background: var(--color-focus); color: var(--color-ink); text-decoration: none; box-shadow: 0 -2px var(--color-focus), 0 4px var(--color-ink); border-radius: 0; }
.skip { position: absolute; left: -999px; } .skip:focus { left: var(--space-4); top: var(--space-2); padding: var(--space-2) var(--space-3); z-index: 10; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
h1, h2, h3 { line-height: var(--leading-tight); margin: 0 0 var(--space-3); }
h1 { font-size: var(--text-3xl); letter-spacing: -0.01em; }
h2 { font-size: var(--text-xl); margin-top: var(--space-6); }
h3 { font-size: var(--text-lg); margin-top: var(--space-5); }
p, ul, ol, dl { margin: 0 0 var(--space-4); }
.lead { font-size: var(--text-lg); color: var(--color-muted); margin-top: calc(-1 * var(--space-1)); max-width: 46rem; }
.hint, .muted, small { color: var(--color-muted); }
small, .hint { font-size: var(--text-sm); }
code { font-size: 0.92em; background: var(--color-neutral-soft); padding: 0.05em 0.3em; border-radius: var(--radius-sm); overflow-wrap: anywhere; }
pre { overflow-x: auto; max-width: 100%; background: var(--color-surface); border: 1px solid var(--color-line); border-radius: var(--radius-md); padding: var(--space-3); font-size: var(--text-sm); }
pre code { background: none; padding: 0; }

/* App header: name, who, language; the pages in a bar below (a Menu on phones). */
.app-header { display: flex; flex-direction: column; background: var(--color-surface); border-top: 4px solid var(--color-primary); border-bottom: 1px solid var(--color-line); }
.app-header-bar { width: 100%; max-width: var(--measure); margin: 0 auto; padding: var(--space-3) var(--space-5); display: grid; grid-template-columns: 1fr auto; grid-template-areas: "brand tools" "nav nav"; align-items: center; column-gap: var(--space-4); }
.brand { grid-area: brand; display: inline-flex; align-items: center; gap: var(--space-2); font-weight: 700; font-size: var(--text-lg); color: var(--color-ink); text-decoration: none; line-height: var(--leading-tight); }
.brand:hover { color: var(--color-primary); }
.brand-short { display: none; }
.brand-mark { flex: none; width: 1.5rem; height: 1.5rem; border-radius: var(--radius-sm); background: var(--color-primary) url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M5 17l4-5 3 3 6-8' fill='none' stroke='%23fff' stroke-width='2.4' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E") center / 80% no-repeat; }
.app-header-tools { grid-area: tools; display: flex; align-items: center; gap: var(--space-4); font-size: var(--text-sm); color: var(--color-muted); }
.who strong { color: var(--color-ink); font-weight: 600; }
.sign-out { margin: 0; }
.lang-switch { font-weight: 600; }
.app-nav { grid-area: nav; }
.app-nav-links { list-style: none; display: flex; flex-wrap: wrap; gap: var(--space-1); margin: var(--space-3) 0 calc(-1 * var(--space-3)); padding: 0; }
.app-nav-links a { display: block; padding: var(--space-2) 0.375rem calc(var(--space-2) + 1px); color: var(--color-ink); text-decoration: none; font-weight: 500; white-space: nowrap; border-bottom: 4px solid transparent; font-size: 0.9375rem; }
.app-nav-links > li:first-child a { margin-left: -0.375rem; }
.app-nav-links a:hover { color: var(--color-primary); border-bottom-color: var(--color-line); }
.app-nav-links a[aria-current] { color: var(--color-primary); font-weight: 700; border-bottom-color: var(--color-primary); }
.app-menu { display: none; }
.app-menu > summary { list-style: none; cursor: pointer; display: inline-flex; align-items: center; gap: var(--space-2); font-weight: 600; line-height: 1.25; padding: 0.375rem var(--space-3); border: 2px solid var(--color-primary); border-radius: var(--radius-md); color: var(--color-primary); min-height: 2.5rem; }
.app-menu > summary::-webkit-details-marker { display: none; }
.app-menu > summary::after { content: ""; width: 0.5rem; height: 0.5rem; border: solid currentColor; border-width: 0 2px 2px 0; transform: translateY(-2px) rotate(45deg); }
.app-menu[open] > summary { background: var(--color-primary); color: #fff; }
.app-menu[open] > summary::after { transform: translateY(2px) rotate(-135deg); }
.app-menu:not([open]) .app-menu-panel { display: none; }
.app-menu-panel { position: absolute; left: 0; right: 0; margin-top: var(--space-3); background: var(--color-surface); border-bottom: 1px solid var(--color-line); box-shadow: 0 8px 16px rgba(27, 35, 48, 0.12); padding: var(--space-2) var(--space-4) var(--space-4); z-index: 5; }
.app-menu-links { list-style: none; margin: 0 0 var(--space-3); padding: 0; }
.app-menu-links a { display: block; padding: var(--space-3) var(--space-2); border-bottom: 1px solid var(--color-line); color: var(--color-ink); text-decoration: none; font-weight: 500; }
.app-menu-links a[aria-current] { color: var(--color-primary); font-weight: 700; border-left: 4px solid var(--color-primary); padding-left: var(--space-3); }
.app-menu-who { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--space-2); color: var(--color-muted); font-size: var(--text-sm); }
@media (max-width: 64rem) {
  .app-header-bar { grid-template-columns: 1fr auto auto; grid-template-areas: "brand tools nav"; padding: var(--space-2) var(--space-4); min-height: 3.25rem; }
  .brand { font-size: var(--text-sm); }
  .brand-mark, .brand-name { display: none; }
  .brand-short { display: inline; }
  .app-header-tools > .who, .app-header-tools > .sign-out { display: none; }
  .app-nav-links { display: none; }
  .app-menu { display: block; }
  .app-nav, .app-header-bar > .app-menu { grid-area: nav; }
}

/* Page frame. */
.page { flex: 1; width: 100%; max-width: var(--measure); margin: 0 auto; padding: var(--space-5) var(--space-5) var(--space-7); }
main { outline: none; }
main > h1:first-child { margin-top: var(--space-2); }
.breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: var(--space-1) var(--space-2); padding: 0; margin: 0 0 var(--space-3); font-size: var(--text-sm); }
.breadcrumbs li + li::before { content: "›"; color: var(--color-muted); margin-right: var(--space-2); }
.breadcrumbs li:last-child a::before { content: "← "; }
.app-footer { border-top: 1px solid var(--color-line); background: var(--color-surface); font-size: var(--text-sm); color: var(--color-muted); }
.app-footer > div { max-width: var(--measure); margin: 0 auto; padding: var(--space-4) var(--space-5); display: flex; flex-wrap: wrap; gap: var(--space-2) var(--space-5); justify-content: space-between; }
.app-footer p { margin: 0; }
.app-footer > div { align-items: center; }
.footer-name { font-weight: 600; color: var(--color-ink); }
.footer-links { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-2) var(--space-5); margin: 0; padding: 0; }
.footer-links a { font-weight: 500; }
/* The developers' catalogue is for another audience: set apart and quieter. */
.footer-secondary { padding-left: var(--space-5); border-left: 1px solid var(--color-line); }
.footer-secondary a { color: var(--color-muted); font-weight: 400; }
.prose { max-width: 46rem; }
.prose > h2:first-child { margin-top: var(--space-4); }

/* Buttons: primary fills, secondary outlines, danger is red, link is quiet. */
.button, button { font: inherit; font-weight: 600; line-height: 1.25; display: inline-flex; align-items: center; justify-content: center; gap: var(--space-2); min-height: 2.75rem; padding: var(--space-2) var(--space-4); border-radius: var(--radius-md); border: 2px solid var(--color-primary); background: var(--color-primary); color: #fff; cursor: pointer; text-decoration: none; box-shadow: 0 2px 0 var(--color-primary-hover); }
.button:hover, button:hover { background: var(--color-primary-hover); border-color: var(--color-primary-hover); color: #fff; }
.button:active, button:active { transform: translateY(2px); box-shadow: none; }
.button.secondary { background: var(--color-surface); color: var(--color-primary); box-shadow: 0 2px 0 var(--color-line); }
.button.secondary:hover { background: var(--color-primary-soft); color: var(--color-primary-hover); }
.button.danger { background: var(--color-danger); border-color: var(--color-danger); color: #fff; box-shadow: 0 2px 0 var(--color-danger-hover); }
.button.danger:hover { background: var(--color-danger-hover); border-color: var(--color-danger-hover); }
.button.link { background: none; border: 0; box-shadow: none; color: var(--color-primary); padding: 0; min-height: 0; font-weight: 500; text-decoration: underline; text-underline-offset: 0.15em; }
.button.link:hover { color: var(--color-primary-hover); text-decoration-thickness: 2px; }
.button.link.danger { color: var(--color-danger); }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-3); margin: var(--space-4) 0; }
.actions:empty { display: none; }
form.inline-action { display: inline-flex; margin: 0; }

/* Cards and lists of cards. */
.card { background: var(--color-surface); border: 1px solid var(--color-line); border-radius: var(--radius-lg); box-shadow: var(--shadow-card); padding: var(--space-5); margin: 0 0 var(--space-4); }
.card > :last-child { margin-bottom: 0; }
.card > h2:first-child, .card > h3:first-child, .card > header:first-child > h2 { margin-top: 0; }
.card h2 { font-size: var(--text-lg); }
.card-meta { color: var(--color-muted); margin-top: calc(-1 * var(--space-2)); }
/* A confirmation: what the step will do, in a card edged with the step's colour (red for one that refuses or ends). */
/* A note that explains why something is not shown (small counts): calm, not an error. */
.notice-box { background: var(--color-info-soft); border-left: 6px solid var(--color-info); border-radius: var(--radius-md); padding: var(--space-4) var(--space-5); margin: 0 0 var(--space-5); max-width: 46rem; }
.notice-box > :last-child { margin-bottom: 0; }
.cards > li.card > h2 { margin-top: 0; font-size: var(--text-lg); }
.card.confirmation { max-width: 46rem; border-left: 6px solid var(--color-primary); }
.card.confirmation.danger { border-left-color: var(--color-danger); }
.card.confirmation > h2:first-child { font-size: var(--text-lg); }
.warning-text { display: flex; gap: var(--space-3); align-items: center; }
.warning-icon { flex: none; display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: 50%; background: var(--color-ink); color: #fff; font-weight: 700; font-size: var(--text-lg); }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(18rem, 100%), 1fr)); gap: var(--space-4); }
.cards > li { margin: 0; }
.cards > li.card > a:first-child { font-weight: 700; font-size: var(--text-lg); }
.cards > li.card > .hint { margin: var(--space-2) 0 0; }
.link-list { list-style: none; padding: 0; border-top: 1px solid var(--color-line); }
.link-list > li { padding: var(--space-3) 0; border-bottom: 1px solid var(--color-line); display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--space-2) var(--space-4); }
.link-list > li > a:first-child { font-weight: 600; }
.section-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: var(--space-2) var(--space-4); margin-top: var(--space-6); }
.section-head > h2 { margin: 0 0 var(--space-3); }

.table-scroll + section.card, .empty + section.card, .link-list + section.card { margin-top: var(--space-6); }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: 0 var(--space-4); }

.chips { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: var(--space-2); }
.chips a { display: inline-block; padding: var(--space-1) var(--space-3); border: 1px solid var(--color-line); border-radius: var(--radius-pill); background: var(--color-surface); text-decoration: none; font-weight: 600; }

/* Badges: the words say the status; colour repeats it. */
.badge { display: inline-block; vertical-align: 0.15em; margin-left: var(--space-2); padding: 0.1em 0.6em; border-radius: var(--radius-pill); font-size: var(--text-sm); font-weight: 600; line-height: 1.5; letter-spacing: 0.01em; white-space: nowrap; background: var(--color-neutral-soft); color: var(--color-ink); }
.badge:first-child { margin-left: 0; }
.badge.info { background: var(--color-info-soft); color: var(--color-info); }
.badge.success { background: var(--color-success-soft); color: var(--color-success); }
.badge.warning { background: var(--color-warning-soft); color: var(--color-warning); }
.badge.danger { background: var(--color-danger-soft); color: var(--color-danger); }

/* Notices, problems, empty states, the error summary. */
.notice, .problem, .dev { padding: var(--space-3) var(--space-4); border-radius: var(--radius-md); border-left: 6px solid; margin: 0 0 var(--space-5); }
.notice { background: var(--color-success-soft); color: var(--color-success); border-color: var(--color-success); font-weight: 600; }
.problem { background: var(--color-danger-soft); color: var(--color-danger); border-color: var(--color-danger); }
.problem ul { margin: var(--space-2) 0 0; }
.dev { background: var(--color-warning-soft); color: var(--color-warning); border-color: var(--color-warning); }
.empty { border: 2px dashed var(--color-line); border-radius: var(--radius-lg); padding: var(--space-5); text-align: center; background: var(--color-surface); margin: 0 0 var(--space-4); }
.empty > p:first-child { font-weight: 600; }
.empty > :last-child { margin-bottom: 0; }
.error-summary { border: 4px solid var(--color-danger); border-radius: var(--radius-md); background: var(--color-surface); padding: var(--space-4) var(--space-5); margin: 0 0 var(--space-5); }
.error-summary h2 { margin: 0 0 var(--space-2); font-size: var(--text-lg); }
.error-summary ul { margin: 0; padding-left: var(--space-5); }
.error-summary a { color: var(--color-danger); font-weight: 600; }

/* Forms. */
form.stack { display: grid; gap: var(--space-4); max-width: 36rem; }
form.stack > div:last-child:has(> button) { margin-top: var(--space-2); }
form.inline { display: flex; flex-wrap: wrap; gap: var(--space-3) var(--space-4); align-items: end; margin: var(--space-3) 0; }
form.inline > div { min-width: 10rem; } form.inline > div:has(> button:only-child) { min-width: 0; }
/* A milestone's payment form sits under its line, fields and button on one baseline. */
.link-list > li > form.inline { flex-basis: 100%; margin: 0; }
input[type=date], input[type=datetime-local], input[type=number], input[type=text], select { height: 2.75rem; }
label, legend { font-weight: 600; display: block; }
label + input, label + select, label + textarea { margin-top: var(--space-1); }
input[type=text], input[type=search], input[type=date], input[type=datetime-local], input[type=number], select, textarea { font: inherit; width: 100%; min-height: 2.75rem; padding: var(--space-2) var(--space-3); border: 2px solid var(--color-control); border-radius: var(--radius-sm); background: var(--color-surface); color: var(--color-ink); }
/* fileField: the browser's control hidden but focusable, its label the button, then the file's name. */
.file-field { position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-2) var(--space-3); margin-top: var(--space-1); }
.file-field input[type=file] { position: absolute; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
.file-field input[type=file]:focus-visible + label { outline: 3px solid transparent; box-shadow: var(--focus-ring); }
.file-field label.button { font-weight: 600; display: inline-flex; }
.file-chosen { color: var(--color-muted); overflow-wrap: anywhere; }
textarea { min-height: 6rem; resize: vertical; }
input[type=checkbox], input[type=radio] { width: 1.25rem; height: 1.25rem; margin: 0; flex: none; accent-color: var(--color-primary); transform: translateY(0.2em); }
.field-error { color: var(--color-danger); font-weight: 600; margin: var(--space-1) 0 0; }
[aria-invalid=true] { border-color: var(--color-danger); border-width: 3px; }
/* A group of fields (GOV.UK's pattern): its legend is a heading above the group, never a caption set in a border line. */
fieldset { border: 0; padding: 0; margin: 0 0 var(--space-5); min-width: 0; }
fieldset fieldset { margin: var(--space-3) 0 0; }
legend { display: table; max-width: 100%; white-space: normal; padding: 0; margin: 0 0 var(--space-2); font-weight: 700; font-size: var(--text-base); line-height: var(--leading-tight); }
fieldset fieldset > legend { font-size: var(--text-base); font-weight: 600; }
fieldset > label { font-weight: 400; display: flex; gap: var(--space-2); align-items: baseline; margin: var(--space-2) 0; }
.checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(16rem, 100%), 1fr)); gap: var(--space-2) var(--space-4); margin-top: var(--space-2); }
.check { display: flex; gap: var(--space-2); align-items: baseline; font-weight: 400; }
.checks label { font-weight: 400; display: flex; gap: var(--space-2); align-items: baseline; }
.choices { display: grid; gap: var(--space-2); margin-top: var(--space-2); }
.choices label { font-weight: 400; display: flex; gap: var(--space-3); align-items: baseline; padding: var(--space-2) var(--space-3); border: 1px solid var(--color-line); border-radius: var(--radius-md); cursor: pointer; }
.choices label:has(input:checked) { border-color: var(--color-primary); background: var(--color-primary-soft); }
.dashboard-period > summary { cursor: pointer; font-weight: 600; }
.dashboard-period[open] > summary { margin-bottom: var(--space-3); }
.date-range { display: flex; flex-wrap: wrap; gap: var(--space-3) var(--space-4); }
.date-range > div { flex: 1 1 12rem; max-width: 16rem; }
.file-links { display: flex; flex-wrap: wrap; gap: var(--space-2) var(--space-4); list-style: none; padding: 0; margin: var(--space-2) 0; }
td .file-links { flex-direction: column; gap: var(--space-1); }
.search { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: end; max-width: 36rem; margin: 0 0 var(--space-5); }
.search > div { flex: 1 1 14rem; }

/* Tables: in a box that scrolls sideways on a phone. */
.table-scroll { overflow-x: auto; max-width: 100%; background: var(--color-surface); border: 1px solid var(--color-line); border-radius: var(--radius-lg); margin: 0 0 var(--space-4); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding: var(--space-3) var(--space-4) 0; }
th, td { text-align: left; padding: var(--space-3) var(--space-4); border-bottom: 1px solid var(--color-line); vertical-align: top; }
thead th { font-size: var(--text-sm); color: var(--color-muted); font-weight: 600; background: var(--color-page); }
tbody tr:last-child > * { border-bottom: 0; }
td.n, th.n { text-align: right; white-space: nowrap; }
/* A column's heading may wrap: a long one must not widen its table past its box. */
thead th.n { white-space: normal; }
.score { display: block; }
.nowrap { white-space: nowrap; }
.track { display: block; width: 100%; height: 0.75rem; min-width: 6rem; background: var(--color-neutral-soft); border-radius: var(--radius-pill); margin-top: 0.35rem; } .track .fill { fill: var(--color-primary); }
.meter { display: block; width: 100%; max-width: 24rem; height: 0.75rem; border-radius: var(--radius-pill); overflow: hidden; } .meter .meter-track { fill: var(--color-neutral-soft); } .meter .meter-fill { fill: var(--color-success); }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0; margin: var(--space-3) 0 var(--space-4); }
dl.facts dt, dl.facts dd { padding: var(--space-2) 0; border-bottom: 1px solid var(--color-line); margin: 0; }
dl.facts dt { font-weight: 600; padding-right: var(--space-4); }
/* A card that opens with its facts starts with them: no band above the first row. */
.card > dl.facts:first-child { margin-top: 0; }
.card > dl.facts:first-child > dt:first-child, .card > dl.facts:first-child > dt:first-child + dd { padding-top: 0; }
@media (min-width: 40.01rem) { dl.facts.answers { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.card > .section-head:first-child { margin-top: 0; }
dl.facts.answers dt { font-weight: 400; }
dl.facts.answers dd { font-weight: 600; }
dl.facts.answers dd .field-error { margin: 0 0 var(--space-1); }
.step-progress { list-style: none; display: flex; align-items: center; gap: var(--space-1); padding: 0; margin: 0 0 var(--space-5); max-width: 36rem; }
.step-progress > li { flex: 1; height: 0.5rem; margin: 0; border-radius: var(--radius-pill); border: 1px solid var(--color-control); background: var(--color-surface); }
.step-progress > li.done { background: var(--color-primary); border-color: var(--color-primary); }
.step-progress > li.current { background: var(--color-primary-soft); border: 2px solid var(--color-primary); height: 0.75rem; }
details > summary { cursor: pointer; color: var(--color-primary); font-weight: 600; }
details[open] > summary { margin-bottom: var(--space-2); }
article { margin-bottom: var(--space-5); }
ol.steps { padding: 0; list-style: none; counter-reset: step; }
ol.steps > li { counter-increment: step; position: relative; padding-left: 3rem; }
ol.steps > li::before { content: counter(step); position: absolute; left: 0; top: var(--space-5); width: 2rem; height: 2rem; border-radius: 50%; background: var(--color-primary); color: #fff; font-weight: 700; display: grid; place-items: center; }
ol.steps > li.done::before { content: "✓"; background: var(--color-success); }

@media (max-width: 40rem) {
  h1 { font-size: var(--text-2xl); }
  .page { padding: var(--space-4) var(--space-4) var(--space-6); }
  .card { padding: var(--space-4); border-radius: var(--radius-md); }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dt { border-bottom: 0; padding-bottom: 0; }
  th, td { padding: var(--space-2) var(--space-3); }
  /* A stacked table: on a phone each row is a block, each cell labelled by its column. */
  table.stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stacked tr { display: block; padding: var(--space-2) 0; border-bottom: 1px solid var(--color-line); }
  table.stacked tbody tr:last-child { border-bottom: 0; }
  table.stacked td { display: grid; grid-template-columns: 7rem 1fr; gap: var(--space-3); border: 0; padding: var(--space-1) var(--space-4); text-align: left; white-space: normal; }
  table.stacked td::before { content: attr(data-label); font-weight: 600; color: var(--color-muted); font-size: var(--text-sm); }
  table.stacked th[scope=row] { display: block; border: 0; padding: var(--space-1) var(--space-4); }
  table.stacked td > .badge { justify-self: start; margin-left: 0; }
  .app-footer > div { padding: var(--space-4); flex-direction: column; align-items: flex-start; }
  .footer-links { flex-direction: column; align-items: flex-start; gap: var(--space-3); }
  .footer-secondary { padding: var(--space-3) 0 0; border-left: 0; border-top: 1px solid var(--color-line); align-self: stretch; }
}
`;

/** What a page adds around its body: where it sits (breadcrumbs) and a sentence under its title. */
export interface PageFrame {
  trail?: { href: string; label: string }[];
  lead?: string;
}

/** The pages each role works in, in the order of their work. */
function navigation(ctx: PortalContext, consortiumId: string | undefined): NavLink[] {
  // CCNDR staff's view across consortia, for them only (evaluation refuses everyone else).
  const programme: NavLink[] = ctx.session?.programmeView ? [{ href: '/programme', label: ctx.t.programme }] : [];
  if (!consortiumId) return programme;
  const t = ctx.t;
  const roles = ctx.session?.consortia[consortiumId] ?? [];
  const c = `/c/${consortiumId}`;
  const links: [string, string][] = [
    ...(roles.includes('coordinator')
      ? ([
          [c, t.overview],
          [`${c}/gatherings`, t.gatherings],
          [`${c}/circles`, t.circles],
          [`${c}/models`, t.models],
          [`${c}/surveys`, t.surveys],
          [`${c}/partnerships`, t.partnerships],
        ] as [string, string][])
      : []),
    ...(roles.includes('member') ? ([[`${c}/organization`, t.myOrganization], [`${c}/needs`, t.needs]] as [string, string][]) : []),
    ...(['coordinator', 'member', 'provider'].some((r) => roles.includes(r)) ? ([[`${c}/engagements`, t.engagements]] as [string, string][]) : []),
    ...(roles.includes('provider') ? ([[`${c}/requests`, t.requests], [`${c}/provider-profile`, t.providerProfile]] as [string, string][]) : []),
    // The evaluation report is a document, not a page of the portal: the overview offers it, in both formats.
    [`${c}/dashboard`, t.dashboard],
    // The e-mails a member receives: their own choice (coordination's mail included).
    ...(['member', 'provider'].some((r) => roles.includes(r)) ? ([[`${c}/notifications`, t.myNotifications]] as [string, string][]) : []),
  ];
  // An assessment's pages (its steps, its check, its result) are the organisation's section.
  const sections: Record<string, string[]> = { [`${c}/organization`]: [`${c}/assessments`] };
  return [...links.map(([href, label]) => ({ href, label, also: sections[href] })), ...programme];
}

/**
 * Every page: skip link, app header (the person's pages, the current one marked; a Menu on
 * phones), breadcrumbs when the page sits under another, one main landmark with the title, and a
 * footer. A signed-in page carries the session's form token in `<meta name="csrf-token">`: a page
 * script sends it as `X-CSRF-Token` on the proxy's writing calls.
 */
export function layout(ctx: PortalContext, title: string, body: SafeHtml, consortiumId?: string, frame: PageFrame = {}): string {
  const t = ctx.t;
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
${appHeader(ctx, navigation(ctx, consortiumId))}
<div class="page">
${breadcrumbs(ctx, frame.trail ?? [])}
<main id="main" tabindex="-1">
<h1>${title}</h1>
${frame.lead ? html`<p class="lead">${frame.lead}</p>` : ''}
${body}
</main>
</div>
<footer class="app-footer"><div>
<p class="footer-name">${t.portal}</p>
<nav aria-label="${t.footerLinks}"><ul class="footer-links">
<li><a href="/help">${t.helpLink}</a></li><li><a href="/privacy">${t.privacyLink}</a></li><li><a href="/accessibility">${t.accessibilityLink}</a></li>
<li class="footer-secondary"><a href="/events">${t.forDevelopers}</a></li>
</ul></nav>
</div></footer>
</body>
</html>`}`;
}
