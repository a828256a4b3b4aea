import { Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { organizationCategories } from '@ccndr/contracts';
import { activeOrganizationsKey, capitalised, organizationCategoryLabels } from '@ccndr/indicators';
import { field, errorOf, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, refusalText, rowRefusals } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
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
      return html`<tr><th scope="row">${capitalised(organizationCategoryLabels[category][ctx.lang])}</th><td class="n">${i?.value ?? 0}</td><td class="n">${i?.target?.value ?? '—'}</td><td>${ctx.t.statuses[i?.status ?? 'tracked']}</td></tr>`;
    });
    const body = html`
      <h2>${ctx.t.membersByCategory}</h2>
      <div class="table-scroll" role="region" aria-label="${ctx.t.membersByCategory}" tabindex="0"><table><thead><tr><th scope="col">${ctx.t.category}</th><th scope="col">${ctx.t.active}</th><th scope="col">${ctx.t.target}</th><th scope="col">${ctx.t.status}</th></tr></thead>
      <tbody>${rows}</tbody></table></div>
      <h2>${ctx.t.report}</h2>
      <ul>
        <li><a href="/api/evaluation/consortia/${consortiumId}/report?lang=${ctx.lang}&format=html">${ctx.t.reportHtml}</a></li>
        <li><a href="/api/evaluation/consortia/${consortiumId}/report?lang=${ctx.lang}&format=markdown" download="evaluation-${ctx.lang}.md">${ctx.t.reportMarkdown}</a></li>
      </ul>`;
    response.type('html').send(layout(ctx, ctx.t.overview, body, consortiumId));
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
        startsAt: new Date(`${form.startsAt}Z`).toISOString(),
        alreadyHeld: form.alreadyHeld === 'on',
        ...(form.capacity ? { capacity: Number(form.capacity) } : {}),
      };
      const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/gatherings`, body, ctx.lang);
      if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/gatherings?done=scheduled`);
      Object.assign(errors, fieldErrors(answer, 'title', ctx.lang));
    }
    response.status(400).type('html').send(await this.gatheringsPage(ctx, consortiumId, form, errors));
  }

  @Get('gatherings/:gatheringId')
  async attendance(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const done = typeof request.query.recorded === 'string' ? ctx.t.recorded({ count: Number(request.query.recorded) }) : request.query.registered ? ctx.t.registered : undefined;
    response.type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { done }));
  }

  @Post('gatherings/:gatheringId/attendance')
  async record(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const memberIds = ([] as string[]).concat(form.memberIds ?? []);
    if (!memberIds.length) return response.status(400).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { memberIds: ctx.t.required } }));
    const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/gatherings/${gatheringId}/attendance`, { memberIds }, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/gatherings/${gatheringId}?recorded=${answer.body.recorded.length}`);
    response.status(answer.status).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { memberIds: refusalText(answer, ctx.lang) }, checked: memberIds }));
  }

  /** A member's answer to the invitation, new or changed. */
  @Post('gatherings/:gatheringId/registrations')
  async register(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const path = `/consortia/${consortiumId}/gatherings/${gatheringId}/registrations`;
    const existing: { memberId: string }[] = await this.api.get(ctx.session, 'community', path, ctx.lang);
    const answer = existing.some((r) => r.memberId === form.memberId)
      ? await this.api.call(ctx.session, 'community', 'PUT', `${path}/${form.memberId}`, { response: form.response }, ctx.lang)
      : await this.api.call(ctx.session, 'community', 'POST', path, { memberId: form.memberId, response: form.response }, ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/gatherings/${gatheringId}?registered=1`);
    response.status(answer.status).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { registration: refusalText(answer, ctx.lang) } }));
  }

  /** A join log chosen as a file or pasted; a chosen file wins, and it comes back in the text box to be corrected. */
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
    if (!csv.trim()) return response.status(400).type('html').send(await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { csv: ctx.t.required } }));
    const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/gatherings/${gatheringId}/attendance/import`, csv, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/gatherings/${gatheringId}?recorded=${answer.body.recorded.length}`);
    const rows = rowRefusals(answer, ctx.lang);
    response.status(answer.status).type('html').send(
      await this.attendancePage(ctx, consortiumId, gatheringId, { errors: { csv: refusalText(answer, ctx.lang) }, csv, rowErrors: rows }),
    );
  }

  @Get('dashboard')
  dashboard(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    if (!ctx.session) return response.redirect(303, `/sign-in?return=${encodeURIComponent(ctx.path)}`);
    const body = html`<iframe title="${ctx.t.dashboard}" src="/api/evaluation/dashboard?consortium=${consortiumId}&lang=${ctx.lang}"></iframe>`;
    response.type('html').send(layout(ctx, ctx.t.dashboard, body, consortiumId));
  }

  private async gatheringsPage(ctx: PortalContext, consortiumId: string, form: Record<string, string>, errors: Record<string, string>, done?: string): Promise<string> {
    const list: Gathering[] = await this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/gatherings`, ctx.lang);
    const rows = list.map(
      (g) => html`<tr><td><a href="/c/${consortiumId}/gatherings/${g.id}">${g.title}</a></td><td>${ctx.t.kinds[g.kind] ?? g.kind}</td><td>${ctx.format.dateTime(g.startsAt)}</td><td class="n">${g.attendeeCount}</td></tr>`,
    );
    const body = html`
      ${done ? html`<p class="notice" role="status">${done}</p>` : ''}
      ${Object.keys(errors).length ? html`<p class="problem" role="alert">${ctx.t.fixErrors}</p>` : ''}
      <h2>${ctx.t.upcomingAndPast}</h2>
      ${list.length
        ? html`<div class="table-scroll" role="region" aria-label="${ctx.t.upcomingAndPast}" tabindex="0"><table><thead><tr><th scope="col">${ctx.t.title}</th><th scope="col">${ctx.t.kind}</th><th scope="col">${ctx.t.when}</th><th scope="col">${ctx.t.attendance}</th></tr></thead><tbody>${rows}</tbody></table></div>`
        : html`<p>${ctx.t.noGatherings}</p>`}
      <h2>${ctx.t.scheduleGathering}</h2>
      <form class="stack" method="post" action="/c/${consortiumId}/gatherings" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <div><label for="kind">${ctx.t.kind}</label>
          <select id="kind" name="kind">${kinds.map((k) => html`<option value="${k}" ${form.kind === k ? new SafeHtml('selected') : ''}>${ctx.t.kinds[k]}</option>`)}</select></div>
        ${field('title', ctx.t.title, html`<input type="text" id="title" name="title" value="${form.title ?? ''}" required ${invalid(errors, 'title')}>`, errors)}
        ${field('startsAt', ctx.t.startsAt, html`<input type="datetime-local" id="startsAt" name="startsAt" value="${form.startsAt ?? ''}" required ${invalid(errors, 'startsAt')}>`, errors)}
        ${field('capacity', ctx.t.capacity, html`<input type="number" id="capacity" name="capacity" min="1" value="${form.capacity ?? ''}" ${invalid(errors, 'capacity')}>`, errors)}
        <div><label><input type="checkbox" name="alreadyHeld" ${form.alreadyHeld === 'on' ? new SafeHtml('checked') : ''}> ${ctx.t.alreadyHeld}</label>${errorOf(errors, 'alreadyHeld')}</div>
        <div><button type="submit">${ctx.t.schedule}</button></div>
      </form>`;
    return layout(ctx, ctx.t.gatherings, body, consortiumId);
  }

  private async attendancePage(
    ctx: PortalContext,
    consortiumId: string,
    gatheringId: string,
    state: { done?: string; errors?: Record<string, string>; checked?: string[]; csv?: string; rowErrors?: { line: number; reason: string }[] },
  ): Promise<string> {
    const [gathering, members, registrations] = await Promise.all([
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/gatherings/${gatheringId}`, ctx.lang) as Promise<Gathering & { attendanceRate: number | null }>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/members`, ctx.lang) as Promise<{ id: string; displayName: string; organization: { name: string } }[]>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/gatherings/${gatheringId}/registrations`, ctx.lang) as Promise<{ memberId: string; response: string }[]>,
    ]);
    const nameOf = (memberId: string) => members.find((m) => m.id === memberId)?.displayName ?? memberId;
    const errors = state.errors ?? {};
    // Those registered as going start ticked: the coordinator unticks who did not come.
    const checked = new Set(state.checked ?? registrations.filter((r) => r.response === 'going').map((r) => r.memberId));
    const body = html`
      <p>${ctx.t.kinds[gathering.kind] ?? gathering.kind} · ${gathering.title} · ${ctx.t.attendance}${ctx.t.colon}${gathering.attendeeCount}</p>
      ${state.done ? html`<p class="notice" role="status">${state.done}</p>` : ''}
      <h2>${ctx.t.registrations}</h2>
      ${gathering.attendanceRate !== null ? html`<p>${ctx.t.attendanceRate}${ctx.t.colon}${ctx.format.percent(gathering.attendanceRate)}</p>` : ''}
      ${registrations.length
        ? html`<ul>${registrations.map((r) => html`<li>${nameOf(r.memberId)}${ctx.t.colon}${ctx.t.responses[r.response] ?? r.response}</li>`)}</ul>`
        : html`<p>${ctx.t.noRegistrations}</p>`}
      <form class="stack" method="post" action="/c/${consortiumId}/gatherings/${gatheringId}/registrations">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <div><label for="registration-member">${ctx.t.member}</label>
          <select id="registration-member" name="memberId" ${invalid(errors, 'registration')}>${members.map((m) => html`<option value="${m.id}">${m.displayName} (${m.organization.name})</option>`)}</select>
          ${errors.registration ? html`<p class="field-error" id="registration-error">${errors.registration}</p>` : ''}</div>
        <div><label for="registration-response">${ctx.t.response}</label>
          <select id="registration-response" name="response">${Object.entries(ctx.t.responses).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
        <div><button type="submit">${ctx.t.register}</button></div>
      </form>
      <h2>${ctx.t.recordAttendance}</h2>
      <form method="post" action="/c/${consortiumId}/gatherings/${gatheringId}/attendance">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <fieldset ${errors.memberIds ? new SafeHtml('aria-describedby="memberIds-error"') : ''}>
          <legend>${ctx.t.attendanceHelp}</legend>
          ${errors.memberIds ? html`<p class="field-error" id="memberIds-error" role="alert">${errors.memberIds}</p>` : ''}
          <div class="checks">${members.map(
            (m) => html`<label><input type="checkbox" name="memberIds" value="${m.id}" ${checked.has(m.id) ? new SafeHtml('checked') : ''}> ${m.displayName} <small>(${m.organization.name})</small></label>`,
          )}</div>
        </fieldset>
        <p><button type="submit">${ctx.t.save}</button></p>
      </form>
      <h2>${ctx.t.importJoinLog}</h2>
      <form class="stack" method="post" action="/c/${consortiumId}/gatherings/${gatheringId}/attendance/import" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${field('file', ctx.t.joinLogFile, html`<input type="file" id="file" name="file" accept=".csv,text/csv">`, {})}
        ${field('csv', ctx.t.joinLog, html`<textarea id="csv" name="csv" rows="6" ${invalid(errors, 'csv')}>${state.csv ?? ''}</textarea>`, errors)}
        ${state.rowErrors?.length ? html`<div class="problem"><p>${ctx.t.rowErrors}</p><ul>${state.rowErrors.map((r) => html`<li>${ctx.t.line} ${r.line}${ctx.t.colon}${r.reason}</li>`)}</ul></div>` : ''}
        <div><button type="submit">${ctx.t.import}</button></div>
      </form>`;
    return layout(ctx, ctx.t.recordAttendance, body, consortiumId);
  }
}
