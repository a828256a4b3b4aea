import { Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, capitalised, organizationCategoryLabels } from '@ccndr/indicators';
import { badge, button, buttonLink, emptyState, errorSummary, facts, notice, tableBox, toneOf } from '../views/components';
import { field, errorOf, fileField, invalid } from '../views/fields';
import { cityOf, zonedInstant } from '../views/format';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus, fieldErrors, refusalText, rowRefusals } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { chosenDays, periodText, presetFields } from './periods.controller';
import { Form, Page } from './page.decorators';

const kinds = ['consortium-meeting', 'workshop', 'consultation', 'working-session'];
/** A join log of a few thousand rows is well under this. */
const joinLogLimitBytes = 2_000_000;

interface Gathering {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  status: string;
  attendeeCount: number;
}

/** A gathering as its own page shows it. */
interface GatheringDetail extends Gathering {
  capacity: number | null;
  place: string | null;
  link: string | null;
  attendanceOpensAt: string;
  attendanceRate: number | null;
  registrations: Record<'going' | 'maybe' | 'not-going', number>;
}

/** What the gathering page says after a post, carried in the redirect's query string (`flash`), so that reloading never posts again. */
function flashNotice(ctx: PortalContext, query: Record<string, unknown>): string | undefined {
  const count = (key: string) => Math.max(0, Math.trunc(Number(query[key]) || 0));
  if (query.flash === 'attendance') return ctx.t.attendanceSaved({ recorded: count('recorded'), withdrawn: count('withdrawn') });
  if (query.flash === 'imported') return ctx.t.joinLogImported({ recorded: count('recorded'), skipped: count('skipped'), short: count('short') });
  if (query.flash === 'registered') return ctx.t.registered;
  return undefined;
}

/** The ids a form posted under `name`: one or many check boxes, or none. */
function postedIds(form: PostedForm, name: string): string[] {
  return [...new Set(([] as string[]).concat(form[name] ?? []))];
}

/** What a coordinator does: see the consortium at a glance, schedule gatherings, record attendance, watch the dashboard. */
@Controller('c/:consortiumId')
export class CoordinatorController {
  constructor(private readonly api: Api) {}

  @Get()
  async overview(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const indicators: { key: string; value: number; target: { value: number } | null; status: string }[] = await this.api.get(
      ctx.session,
      'evaluation',
      `/consortia/${consortiumId}/indicators?outcome=1`,
      ctx.lang,
    );
    const rows = organizationCategories.map((category) => {
      const i = indicators.find((x) => x.key === activeOrganizationsKey(category));
      const status = i?.status ?? 'tracked';
      return html`<tr><th scope="row">${capitalised(organizationCategoryLabels[category][ctx.lang])}</th><td class="n">${ctx.format.number(i?.value ?? 0)}</td><td class="n">${i?.target ? ctx.format.number(i.target.value) : '—'}</td><td>${badge(ctx.t.statuses[status] ?? status, toneOf(status))}</td></tr>`;
    });
    const report = `/api/evaluation/consortia/${consortiumId}/report?lang=${ctx.lang}`;
    const body = html`
      <h2>${ctx.t.membersByCategory}</h2>
      ${tableBox(ctx.t.membersByCategory, html`<table><thead><tr><th scope="col">${ctx.t.category}</th><th scope="col" class="n">${ctx.t.active}</th><th scope="col" class="n">${ctx.t.target}</th><th scope="col">${ctx.t.status}</th></tr></thead>
      <tbody>${rows}</tbody></table>`)}
      <section class="card" aria-labelledby="reports">
        <h2 id="reports">${ctx.t.report}</h2>
        <p class="hint">${ctx.t.reportsLead}</p>
        <p class="actions">${buttonLink(`${report}&format=html`, ctx.t.reportHtml, 'primary')}<a class="button secondary" href="${report}&format=pdf">${ctx.t.reportPdf}</a><a class="button secondary" href="${report}&format=docx">${ctx.t.reportDocx}</a><a class="button secondary" href="${report}&format=markdown" download="evaluation-${ctx.lang}.md">${ctx.t.reportMarkdown}</a></p>
        <p><a href="/c/${consortiumId}/periods">${ctx.t.reportAndPeriodsLink}</a></p>
        <p><a href="/c/${consortiumId}/narratives">${ctx.t.writeNarratives}</a></p>
        <p><a href="/c/${consortiumId}/organizations">${ctx.t.manageOrganizations}</a></p>
        <p><a href="/c/${consortiumId}/programme-benchmark">${ctx.t.benchmarkLink}</a></p>
      </section>`;
    response.type('html').send(layout(ctx, ctx.t.overview, body, consortiumId, { lead: ctx.t.overviewLead }));
  }

  @Get('gatherings')
  async gatherings(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.gatheringsPage(ctx, consortiumId, {}, {}, request.query.done === 'scheduled' ? ctx.t.scheduled : undefined));
  }

  @Post('gatherings')
  async schedule(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    // The same checks the API makes, before sending: nothing typed is lost either way.
    const errors: Record<string, string> = {};
    if (!form.title?.trim()) errors.title = ctx.t.required;
    if (!form.startsAt) errors.startsAt = ctx.t.required;
    if (!Object.keys(errors).length) {
      const body = {
        kind: form.kind,
        title: form.title.trim(),
        startsAt: zonedInstant(form.startsAt, ctx.format.timeZone),
        alreadyHeld: form.alreadyHeld === 'on',
        ...(form.capacity ? { capacity: Number(form.capacity) } : {}),
        ...(form.place?.trim() ? { place: form.place.trim() } : {}),
        ...(form.link?.trim() ? { link: form.link.trim() } : {}),
      };
      const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/gatherings`, body, ctx.lang);
      if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/gatherings?done=scheduled`);
      Object.assign(errors, fieldErrors(answer, 'title', ctx.lang, { kind: 'kind', title: 'title', startsAt: 'startsAt', capacity: 'capacity', place: 'place', link: 'link', alreadyHeld: 'alreadyHeld' }));
    }
    response.status(400).type('html').send(await this.gatheringsPage(ctx, consortiumId, form, errors));
  }

  @Get('gatherings/:gatheringId')
  async attendance(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { done: flashNotice(ctx, request.query) }));
  }

  /**
   * The checklist as saved: those ticked who were not present are recorded, those present when the
   * page was shown (`present`) and now unticked are withdrawn. Comparing with what the page showed,
   * not with the attendance now, leaves alone whoever someone else recorded meanwhile.
   */
  @Post('gatherings/:gatheringId/attendance')
  async record(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const ticked = postedIds(form, 'memberIds');
    const shownPresent = postedIds(form, 'present');
    const toWithdraw = shownPresent.filter((id) => !ticked.includes(id));
    const toRecord = ticked.filter((id) => !shownPresent.includes(id));
    const path = `/consortia/${consortiumId}/gatherings/${gatheringId}/attendance`;
    let recorded = 0;
    let withdrawn = 0;
    for (const [suffix, memberIds] of [['', toRecord], ['/withdraw', toWithdraw]] as const) {
      if (!memberIds.length) continue;
      const answer = await this.api.call(ctx.session, 'community', 'POST', `${path}${suffix}`, { memberIds }, ctx.lang);
      if (answer.status !== 200) {
        return response.status(refusedStatus(answer)).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { memberIds: refusalText(answer, ctx.lang) }, checked: ticked }));
      }
      if (suffix) withdrawn = answer.body.withdrawn.length;
      else recorded = answer.body.recorded.length;
    }
    response.redirect(303, `/c/${consortiumId}/gatherings/${gatheringId}?flash=attendance&recorded=${recorded}&withdrawn=${withdrawn}`);
  }

  /** A member's answer to the invitation, new or changed. */
  @Post('gatherings/:gatheringId/registrations')
  async register(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const path = `/consortia/${consortiumId}/gatherings/${gatheringId}/registrations`;
    const existing: { memberId: string }[] = await this.api.get(ctx.session, 'community', path, ctx.lang);
    const answer = existing.some((r) => r.memberId === form.memberId)
      ? await this.api.call(ctx.session, 'community', 'PUT', `${path}/${form.memberId}`, { response: form.response }, ctx.lang)
      : await this.api.call(ctx.session, 'community', 'POST', path, { memberId: form.memberId, response: form.response }, ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/gatherings/${gatheringId}?flash=registered`);
    response.status(refusedStatus(answer)).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { registration: refusalText(answer, ctx.lang) } }));
  }

  /**
   * A join log chosen as a file or pasted; a chosen file wins, and it comes back in the text box to be
   * corrected. Lines that match nobody are listed with a button to skip them (`skipUnmatched`).
   */
  @Post('gatherings/:gatheringId/attendance/import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: joinLogLimitBytes, files: 1 } }))
  async importJoinLog(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId') gatheringId: string,
    @UploadedFile() file: { buffer: Buffer; size: number } | undefined,
    @Page() ctx: PortalContext,
    @Form() form: PostedForm,
    @Res() response: PortalResponse,
  ) {
    const csv = file?.size ? file.buffer.toString('utf8').replace(/^\uFEFF/, '') : String(form.csv ?? '');
    const minimum = String(form.minimumMinutes ?? '').trim();
    // The check box, the button that offers to skip after a refusal, or both.
    const skipUnmatched = ([] as string[]).concat(form.skipUnmatched ?? []).includes('on');
    const state = { csv, minimumMinutes: minimum, skipUnmatched };
    const errors: Record<string, string> = {};
    if (!csv.trim()) errors.csv = ctx.t.required;
    if (minimum && !(/^\d+$/.test(minimum) && Number(minimum) >= 1 && Number(minimum) <= 1440)) errors.minimumMinutes = ctx.t.minimumMinutesInvalid;
    if (Object.keys(errors).length) return response.status(400).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors, ...state }));
    const query = new URLSearchParams({ ...(skipUnmatched ? { skipUnmatched: 'true' } : {}), ...(minimum ? { minimumMinutes: minimum } : {}) }).toString();
    const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/gatherings/${gatheringId}/attendance/import${query ? `?${query}` : ''}`, csv, ctx.lang);
    if (answer.status === 200) {
      const { recorded, skipped, belowMinimum } = answer.body as { recorded: string[]; skipped: unknown[]; belowMinimum: unknown[] };
      return response.redirect(303, `/c/${consortiumId}/gatherings/${gatheringId}?flash=imported&recorded=${recorded.length}&skipped=${skipped.length}&short=${belowMinimum.length}`);
    }
    const rows = rowRefusals(answer, ctx.lang);
    const onlyUnmatched = rows.length > 0 && ((answer.body?.rowErrors ?? []) as { skippable?: boolean }[]).every((r) => r.skippable === true);
    response.status(refusedStatus(answer)).type('html').send(
      await this.attendancePage(ctx, consortiumId, gatheringId, {
        errors: { csv: onlyUnmatched ? ctx.t.unmatchedRows({ count: rows.length }) : rows.length ? ctx.t.fixRowsFirst : refusalText(answer, ctx.lang) },
        ...state,
        rowErrors: rows,
        skippableRows: onlyUnmatched ? rows.length : 0,
      }),
    );
  }

  /**
   * The live dashboard inside the portal's layout: its content rendered by evaluation (cards,
   * charts, data tables) with the person's token, then kept current by evaluation's script, which
   * follows the indicators' changes through the portal's proxy and fetches the content again.
   * With a period chosen (last quarter, last programme year, dates), that period's figures instead,
   * computed for it and not live (no script).
   */
  @Get('dashboard')
  async dashboard(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    if (!ctx.session) return response.redirect(303, `/sign-in?return=${encodeURIComponent(ctx.path)}`);
    const query = request.query as Record<string, string>;
    const chosen = query.preset && query.preset !== 'history' ? chosenDays(ctx, query) : { errors: {} as Record<string, string> };
    const errors = Object.fromEntries(Object.entries(chosen.errors).map(([k, v]) => [`dashboard-${k}`, v]));
    const days = chosen.days;
    const content: string = await this.api.get(ctx.session, 'evaluation', `/consortia/${consortiumId}/dashboard?lang=${ctx.lang}${days ? `&from=${days.from}&to=${days.to}` : ''}`, ctx.lang);
    const preset = (['history', 'quarter', 'year', 'custom'] as const).find((p) => p === query.preset) ?? 'history';
    const choice = html`<details class="card dashboard-period" ${days || Object.keys(errors).length ? new SafeHtml('open') : ''}>
        <summary>${ctx.t.dashboardPeriodChoose}</summary>
        <form class="stack" method="get" action="/c/${consortiumId}/dashboard" novalidate>
          <input type="hidden" name="lang" value="${ctx.lang}">
          ${presetFields(ctx, 'dashboard', preset, query, errors, true)}
          <div>${button(ctx.t.dashboardPeriodShow, { kind: 'secondary' })}</div>
        </form>
      </details>`;
    const labels = { 'dashboard-preset': ctx.t.periodPreset, 'dashboard-from': ctx.t.periodFrom, 'dashboard-to': ctx.t.periodTo };
    const body = days
      ? html`<link rel="stylesheet" href="/api/evaluation/dashboard/fragment.css">
      <p class="notice" role="status">${ctx.t.dashboardForPeriod({ period: periodText(ctx, days) })} <a href="/c/${consortiumId}/dashboard">${ctx.t.dashboardBackToLive}</a></p>
      ${choice}
      <div class="dashboard" id="dashboard">${new SafeHtml(content)}</div>`
      : html`<link rel="stylesheet" href="/api/evaluation/dashboard/fragment.css">
      ${errorSummary(ctx, errors, labels)}
      <p class="dashboard-live" id="live" role="status"></p>
      <p class="sr-only" id="announce" aria-live="polite"></p>
      ${choice}
      <div class="dashboard" id="dashboard" data-consortium="${consortiumId}" data-lang="${ctx.lang}" data-base="/api/evaluation/">${new SafeHtml(content)}</div>
      <script src="/api/evaluation/dashboard/dashboard.js"></script>`;
    response.status(Object.keys(errors).length ? 400 : 200).type('html').send(layout(ctx, ctx.t.dashboard, body, consortiumId));
  }

  private async gatheringsPage(ctx: PortalContext, consortiumId: string, form: Record<string, string>, errors: Record<string, string>, done?: string): Promise<string> {
    const list: Gathering[] = await this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/gatherings`, ctx.lang);
    const rows = list.map(
      (g) => html`<tr><td data-label="${ctx.t.title}"><a href="/c/${consortiumId}/gatherings/${g.id}">${g.title}</a></td><td data-label="${ctx.t.kind}">${ctx.t.kinds[g.kind] ?? g.kind}</td><td data-label="${ctx.t.when}">${ctx.format.dateTime(g.startsAt)}</td><td class="n" data-label="${ctx.t.attendance}">${ctx.format.number(g.attendeeCount)}</td></tr>`,
    );
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, { kind: ctx.t.kind, title: ctx.t.title, startsAt: ctx.t.startsAt, capacity: ctx.t.capacity, place: ctx.t.placeOptional, link: ctx.t.linkOptional, alreadyHeld: ctx.t.alreadyHeld })}
      <h2>${ctx.t.upcomingAndPast}</h2>
      ${list.length
        ? tableBox(ctx.t.upcomingAndPast, html`<table class="stacked"><thead><tr><th scope="col">${ctx.t.title}</th><th scope="col">${ctx.t.kind}</th><th scope="col">${ctx.t.when}</th><th scope="col" class="n">${ctx.t.attendance}</th></tr></thead><tbody>${rows}</tbody></table>`)
        : emptyState(ctx.t.noGatherings, ctx.t.noGatheringsNext)}
      <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">${ctx.t.scheduleGathering}</h2>
      <form class="stack" method="post" action="/c/${consortiumId}/gatherings" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <div><label for="kind">${ctx.t.kind}</label>
          <select id="kind" name="kind" ${invalid(errors, 'kind')}>${kinds.map((k) => html`<option value="${k}" ${form.kind === k ? new SafeHtml('selected') : ''}>${ctx.t.kinds[k]}</option>`)}</select>${errorOf(errors, 'kind')}</div>
        ${field('title', ctx.t.title, html`<input type="text" id="title" name="title" value="${form.title ?? ''}" required ${invalid(errors, 'title')}>`, errors)}
        ${field('startsAt', ctx.t.startsAt, html`<p class="hint" id="startsAt-hint">${ctx.t.startsAtHint({ city: cityOf(ctx.format.timeZone) })}</p><input type="datetime-local" id="startsAt" name="startsAt" value="${form.startsAt ?? ''}" required aria-describedby="startsAt-hint${errors.startsAt ? ' startsAt-error' : ''}" ${errors.startsAt ? new SafeHtml('aria-invalid="true"') : ''}>`, errors)}
        ${field('capacity', ctx.t.capacity, html`<input type="number" id="capacity" name="capacity" min="1" value="${form.capacity ?? ''}" ${invalid(errors, 'capacity')}>`, errors)}
        ${field('place', ctx.t.placeOptional, html`<input type="text" id="place" name="place" value="${form.place ?? ''}" ${invalid(errors, 'place')}>`, errors)}
        ${field('link', ctx.t.linkOptional, html`<input type="text" inputmode="url" id="link" name="link" value="${form.link ?? ''}" ${invalid(errors, 'link')}>`, errors)}
        <div><label class="check"><input type="checkbox" id="alreadyHeld" name="alreadyHeld" ${form.alreadyHeld === 'on' ? new SafeHtml('checked') : ''}> ${ctx.t.alreadyHeld}</label>${errorOf(errors, 'alreadyHeld')}</div>
        <div>${button(ctx.t.schedule)}</div>
      </form>
      </section>`;
    return layout(ctx, ctx.t.gatherings, body, consortiumId, { lead: ctx.t.gatheringsLead });
  }

  private async attendancePage(
    ctx: PortalContext,
    consortiumId: string,
    gatheringId: string,
    state: {
      done?: string;
      errors?: Record<string, string>;
      checked?: string[];
      csv?: string;
      minimumMinutes?: string;
      skipUnmatched?: boolean;
      rowErrors?: { line: number; reason: string }[];
      /** Lines the import refused only because they match nobody: a button offers to skip them. */
      skippableRows?: number;
    },
  ): Promise<string> {
    const base = `/consortia/${consortiumId}/gatherings/${gatheringId}`;
    const [gathering, members, registrations, attendees] = await Promise.all([
      this.api.get(ctx.session, 'community', base, ctx.lang) as Promise<GatheringDetail>,
      // Former members too: someone recorded before leaving can still be taken off.
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/members?includeLeft=true`, ctx.lang) as Promise<{ id: string; displayName: string; leftAt: string | null; organization: { name: string } }[]>,
      this.api.get(ctx.session, 'community', `${base}/registrations`, ctx.lang) as Promise<{ memberId: string; response: string }[]>,
      this.api.get(ctx.session, 'community', `${base}/attendance`, ctx.lang) as Promise<{ memberId: string }[]>,
    ]);
    const nameOf = (memberId: string) => members.find((m) => m.id === memberId)?.displayName ?? '—';
    const errors = state.errors ?? {};
    const present = new Set(attendees.map((a) => a.memberId));
    // Those recorded as present start ticked; after a refused save, what the person had ticked.
    const checked = new Set(state.checked ?? present);
    const listed = members.filter((m) => m.leftAt === null || present.has(m.id));
    const opensAt = new Date(gathering.attendanceOpensAt);
    const open = gathering.status !== 'cancelled' && opensAt.getTime() <= Date.now();
    const { going, maybe, 'not-going': notGoing } = gathering.registrations;
    // The summary links each error to its field on this page.
    const summary: Record<string, string> = {
      ...(errors.registration ? { 'registration-member': errors.registration } : {}),
      ...(errors.memberIds ? { 'attendance-checks': errors.memberIds } : {}),
      ...(errors.csv ? { csv: errors.csv } : {}),
      ...(errors.minimumMinutes ? { minimumMinutes: errors.minimumMinutes } : {}),
    };

    const checklist = gathering.status === 'cancelled'
      ? html`<p>${ctx.t.cancelledGathering}</p>`
      : !open
        ? html`<p>${ctx.t.attendanceOpensAt({ when: ctx.format.dateTimeZone(opensAt) })}</p>`
        : html`
      <form method="post" action="/c/${consortiumId}/gatherings/${gatheringId}/attendance">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${[...present].map((id) => html`<input type="hidden" name="present" value="${id}">`)}
        <fieldset id="attendance-checks" tabindex="-1" ${errors.memberIds ? new SafeHtml('aria-describedby="memberIds-error"') : ''}>
          <legend>${ctx.t.presentHelp}</legend>
          ${errors.memberIds ? html`<p class="field-error" id="memberIds-error" role="alert">${errors.memberIds}</p>` : ''}
          <div class="checks">${listed.map(
            (m) => html`<label><input type="checkbox" name="memberIds" value="${m.id}" ${checked.has(m.id) ? new SafeHtml('checked') : ''}> <span>${m.displayName} <small>(${m.organization.name}${m.leftAt ? html`, ${ctx.t.formerMember}` : ''})</small></span></label>`,
          )}</div>
        </fieldset>
        <p>${button(ctx.t.saveAttendance)}</p>
      </form>`;
    const joinLogImport = html`
      <section class="card" aria-labelledby="import">
      <h2 id="import">${ctx.t.importJoinLog}</h2>
      <p>${ctx.t.joinLogHelp}</p>
      <form class="stack" method="post" action="/c/${consortiumId}/gatherings/${gatheringId}/attendance/import" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${fileField(ctx, 'file', ctx.t.joinLogFile, { accept: '.csv,text/csv' })}
        ${field('csv', ctx.t.joinLog, html`<textarea id="csv" name="csv" rows="6" ${invalid(errors, 'csv')}>${state.csv ?? ''}</textarea>`, errors)}
        ${state.rowErrors?.length ? html`<div class="problem"><p>${ctx.t.rowErrors}</p><ul>${state.rowErrors.map((r) => html`<li>${ctx.t.line} ${r.line}${ctx.t.colon}${r.reason}</li>`)}</ul></div>` : ''}
        <div><label for="minimumMinutes">${ctx.t.minimumMinutes}</label>
          <p class="hint" id="minimumMinutes-help">${ctx.t.minimumMinutesHelp}</p>
          <input type="number" id="minimumMinutes" name="minimumMinutes" min="1" max="1440" step="1" inputmode="numeric" value="${state.minimumMinutes ?? ''}" ${errors.minimumMinutes ? new SafeHtml('aria-invalid="true" aria-describedby="minimumMinutes-help minimumMinutes-error"') : new SafeHtml('aria-describedby="minimumMinutes-help"')}>
          ${errorOf(errors, 'minimumMinutes')}</div>
        <div><label class="check"><input type="checkbox" name="skipUnmatched" ${state.skipUnmatched ? new SafeHtml('checked') : ''}> ${ctx.t.skipUnmatched}</label></div>
        <div>${state.skippableRows ? html`${button(ctx.t.skipAndImport({ count: state.skippableRows }), { name: 'skipUnmatched', value: 'on' })} ` : ''}${button(ctx.t.import, { kind: state.skippableRows ? 'secondary' : 'primary' })}</div>
      </form>
      </section>`;

    const body = html`
      ${notice(state.done)}
      ${errorSummary(ctx, summary, { 'registration-member': ctx.t.registrations, 'attendance-checks': ctx.t.recordAttendance, csv: ctx.t.importJoinLog, minimumMinutes: ctx.t.minimumMinutes })}
      <section class="card" aria-label="${ctx.t.gatheringFacts}">
      ${facts([
        [ctx.t.kind, ctx.t.kinds[gathering.kind] ?? gathering.kind],
        [ctx.t.gatheringWhen, ctx.format.dateTimeZone(gathering.startsAt)],
        ...(gathering.place || !gathering.link ? ([[ctx.t.place, gathering.place ?? ctx.t.notSaid]] as [string, string][]) : []),
        ...(gathering.link ? ([[ctx.t.link, html`<a href="${gathering.link}" rel="noopener noreferrer">${gathering.link}</a>`]] as [string, SafeHtml][]) : []),
        [ctx.t.placesLeft, gathering.capacity === null ? ctx.t.unlimited : ctx.t.placesLeftOf({ left: Math.max(0, gathering.capacity - going), capacity: gathering.capacity })],
        [ctx.t.registrations, ctx.t.registrationCounts({ going, maybe, notGoing })],
        [ctx.t.recordedPresent, ctx.format.number(gathering.attendeeCount)],
        ...(gathering.attendanceRate !== null ? ([[ctx.t.attendanceRate, ctx.format.percent(gathering.attendanceRate)]] as [string, string][]) : []),
        ...(gathering.status === 'cancelled' ? ([[ctx.t.status, ctx.t.cancelledGathering]] as [string, string][]) : []),
      ])}
      </section>
      <section class="card" aria-labelledby="registrations-title">
      <h2 id="registrations-title">${ctx.t.registrations}</h2>
      ${registrations.length
        ? html`<ul>${registrations.map((r) => html`<li>${nameOf(r.memberId)}${ctx.t.colon}${ctx.t.responses[r.response] ?? r.response}</li>`)}</ul>`
        : emptyState(ctx.t.noRegistrations, ctx.t.noRegistrationsNext)}
      ${gathering.status === 'cancelled' ? '' : html`<form class="stack" method="post" action="/c/${consortiumId}/gatherings/${gatheringId}/registrations">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <div><label for="registration-member">${ctx.t.member}</label>
          <select id="registration-member" name="memberId" ${invalid(errors, 'registration')}>${members.filter((m) => m.leftAt === null).map((m) => html`<option value="${m.id}">${m.displayName} (${m.organization.name})</option>`)}</select>
          ${errors.registration ? html`<p class="field-error" id="registration-error">${errors.registration}</p>` : ''}</div>
        <div><label for="registration-response">${ctx.t.response}</label>
          <select id="registration-response" name="response">${Object.entries(ctx.t.responses).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
        <div>${button(ctx.t.register, { kind: 'secondary' })}</div>
      </form>`}
      </section>
      <section class="card" aria-labelledby="attendance">
      <h2 id="attendance">${ctx.t.recordAttendance}</h2>
      ${checklist}
      </section>
      ${open ? joinLogImport : ''}`;
    return layout(ctx, gathering.title, body, consortiumId, { trail: [{ href: `/c/${consortiumId}/gatherings`, label: ctx.t.gatherings }] });
  }
}
