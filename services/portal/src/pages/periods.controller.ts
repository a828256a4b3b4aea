import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { restatementReasonLabels } from '@ccndr/contracts';
import { badge, button, emptyState, errorSummary, notice, tableBox } from '../views/components';
import { confirmationPage, confirmed } from '../views/confirmation';
import { errorOf, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';

/** A closed period as evaluation lists it. */
interface ClosedPeriod {
  id: string;
  from: string;
  to: string;
  closedAt: string;
  /** Latest first. */
  restatements: { reason: string; reasonLabel: { fr: string; en: string }; restatedAt: string }[];
}

const reasons = Object.keys(restatementReasonLabels) as (keyof typeof restatementReasonLabels)[];

/** What a period is chosen as: a preset, or dates typed (`to` the last day included, as people say it). */
export type PeriodPreset = 'history' | 'quarter' | 'year' | 'custom';

/** A period in evaluation's terms: days in UTC, `to` not included. */
export interface Days {
  from: string;
  to: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const utcDay = (year: number, month: number, date = 1) => day(new Date(Date.UTC(year, month, date)));
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && day(new Date(`${value}T00:00:00Z`)) === value;
/** The day after `value` (a period's end, excluded, from its last day). */
export const dayAfter = (value: string) => day(new Date(new Date(`${value}T00:00:00Z`).getTime() + 86_400_000));
/** The last day of a period (`to` excluded). */
export const lastDay = (to: string) => day(new Date(new Date(`${to}T00:00:00Z`).getTime() - 86_400_000));

/** The last calendar quarter ended before `today` (UTC). */
export function lastQuarter(today = new Date()): Days {
  const quarterStart = Math.floor(today.getUTCMonth() / 3) * 3;
  return { from: utcDay(today.getUTCFullYear(), quarterStart - 3), to: utcDay(today.getUTCFullYear(), quarterStart) };
}

/** The last programme year ended before `today`: 1 April to 31 March, the fiscal year most Canadian nonprofits report on. */
export function lastProgrammeYear(today = new Date()): Days {
  const endYear = today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return { from: utcDay(endYear - 1, 3), to: utcDay(endYear, 3) };
}

/**
 * The period a form asks for, or the errors of its fields (`from`, `to`: typed dates, `to` the last
 * day included). The history has no dates.
 */
export function chosenDays(ctx: PortalContext, form: Record<string, unknown>, today = new Date()): { days?: Days; errors: Record<string, string> } {
  const preset = String(form.preset ?? '');
  if (preset === 'quarter') return { days: lastQuarter(today), errors: {} };
  if (preset === 'year') return { days: lastProgrammeYear(today), errors: {} };
  if (preset !== 'custom') return { errors: { preset: ctx.t.periodChoose } };
  const [from, to] = [String(form.from ?? '').trim(), String(form.to ?? '').trim()];
  const errors: Record<string, string> = {};
  if (!from) errors.from = ctx.t.periodFromRequired;
  else if (!isDay(from)) errors.from = ctx.t.periodNotADate;
  if (!to) errors.to = ctx.t.periodToRequired;
  else if (!isDay(to)) errors.to = ctx.t.periodNotADate;
  if (!Object.keys(errors).length && to < from) errors.to = ctx.t.periodToBeforeFrom;
  return Object.keys(errors).length ? { errors } : { days: { from, to: dayAfter(to) }, errors };
}

/**
 * "Report and periods": the evaluation report and the exports for the whole history, a period
 * chosen (last quarter, last programme year, dates) or a closed period; the closed periods with
 * their restatements; closing a period and restating one, each confirmed on a second page.
 */
@Controller('c/:consortiumId/periods')
export class PeriodsController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const query = request.query as Record<string, string>;
    const done = { closed: ctx.t.periodClosedNotice, restated: ctx.t.periodRestatedNotice }[String(query.done)];
    // The files' period, chosen with a form that reads (GET): its errors shown like a post's.
    const files = query.preset && query.preset !== 'history' ? chosenDays(ctx, query) : { errors: {} };
    const fileErrors = Object.fromEntries(Object.entries(files.errors).map(([k, v]) => [`files-${k}`, v]));
    const status = Object.keys(fileErrors).length ? 400 : 200;
    response.status(status).type('html').send(await this.render(ctx, consortiumId, { done, errors: fileErrors, files: { query, days: files.days } }));
  }

  @Post()
  async close(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const { days, errors } = chosenDays(ctx, form);
    if (!days) return response.status(400).type('html').send(await this.render(ctx, consortiumId, { errors: prefixed('close', errors), closeForm: form }));
    if (!confirmed(form)) {
      return response.type('html').send(
        confirmationPage(ctx, consortiumId, {
          title: ctx.t.closePeriodTitle({ period: periodText(ctx, days) }),
          outcome: ctx.t.closePeriodOutcome,
          button: ctx.t.closePeriodButton,
          kind: 'primary',
          action: `/c/${consortiumId}/periods`,
          back: `/c/${consortiumId}/periods#close`,
          fields: form,
        }),
      );
    }
    const answer = await this.api.call(ctx.session, 'evaluation', 'POST', `/consortia/${consortiumId}/periods`, days, ctx.lang);
    if (answer.status === 201 || answer.status === 200) return response.redirect(303, `/c/${consortiumId}/periods?done=closed#closed`);
    const refused = fieldErrors(answer, 'close-preset', ctx.lang, { from: form.preset === 'custom' ? 'close-from' : 'close-preset', to: form.preset === 'custom' ? 'close-to' : 'close-preset' });
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, { errors: refused, closeForm: form }));
  }

  @Post(':periodId/restatements')
  async restate(@Param('consortiumId') consortiumId: string, @Param('periodId') periodId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const periods = await this.periods(ctx, consortiumId);
    const period = periods.find((p) => p.id === periodId);
    const field = `restate-${period?.id ?? periods[0]?.id ?? 'none'}`;
    const reason = reasons.find((r) => r === form.reason);
    if (!period || !reason) {
      return response.status(400).type('html').send(await this.render(ctx, consortiumId, { errors: { [field]: period ? ctx.t.restatementReasonRequired : ctx.t.periodUnknown } }, periods));
    }
    if (!confirmed(form)) {
      return response.type('html').send(
        confirmationPage(ctx, consortiumId, {
          title: ctx.t.restatePeriodTitle({ period: periodText(ctx, period) }),
          outcome: ctx.t.restatePeriodOutcome,
          facts: [[ctx.t.restateReasonLabel, restatementReasonLabels[reason][ctx.lang]]],
          button: ctx.t.restatePeriodButton,
          kind: 'primary',
          action: `/c/${consortiumId}/periods/${period.id}/restatements`,
          back: `/c/${consortiumId}/periods#closed`,
          fields: form,
        }),
      );
    }
    const answer = await this.api.call(ctx.session, 'evaluation', 'POST', `/consortia/${consortiumId}/periods/${period.id}/restatements`, { reason }, ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/periods?done=restated#closed`);
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, { errors: fieldErrors(answer, field, ctx.lang, {}) }, periods));
  }

  private periods(ctx: PortalContext, consortiumId: string): Promise<ClosedPeriod[]> {
    return this.api.get(ctx.session, 'evaluation', `/consortia/${consortiumId}/periods`, ctx.lang);
  }

  private async render(
    ctx: PortalContext,
    consortiumId: string,
    state: { done?: string; errors?: Record<string, string>; closeForm?: Record<string, string>; files?: { query: Record<string, string>; days?: Days } },
    known?: ClosedPeriod[],
  ): Promise<string> {
    const periods = known ?? (await this.periods(ctx, consortiumId));
    const errors = state.errors ?? {};
    const t = ctx.t;
    const evaluation = `/api/evaluation/consortia/${consortiumId}`;
    /** The report and the exports for a period's query (`from=…&to=…`, `period=…` or nothing: the whole history). */
    const fileLinks = (query: string, label: string) => {
      const q = `lang=${ctx.lang}${query ? `&${query}` : ''}`;
      return html`<ul class="file-links" aria-label="${label}">
        <li><a href="${evaluation}/report?${q}&format=html">${t.reportHtml}</a></li>
        <li><a href="${evaluation}/report?${q}&format=pdf">${t.reportPdf}</a></li>
        <li><a href="${evaluation}/report?${q}&format=docx">${t.reportDocx}</a></li>
        <li><a href="${evaluation}/exports/indicators.xlsx?${q}">${t.exportXlsx}</a></li>
        <li><a href="${evaluation}/exports/indicators.csv?${q}">${t.exportCsv}</a></li>
        <li><a href="${evaluation}/exports/series.csv?${q}">${t.exportSeriesCsv}</a></li>
        <li><a href="${evaluation}/exports/cids.jsonld?${q}">${t.exportCids}</a></li>
      </ul>`;
    };

    const filesQuery = state.files?.query ?? {};
    const filesPreset = (['history', 'quarter', 'year', 'custom'] as const).find((p) => p === filesQuery.preset) ?? 'history';
    const filesDays = state.files?.days;
    const filesFor = filesDays ? t.filesFor({ period: periodText(ctx, filesDays) }) : t.filesForHistory;
    const downloads = html`<section class="card" aria-labelledby="files">
      <h2 id="files">${t.periodFiles}</h2>
      <form class="stack" method="get" action="/c/${consortiumId}/periods#files-for" novalidate>
        <input type="hidden" name="lang" value="${ctx.lang}">
        ${presetFields(ctx, 'files', filesPreset, filesQuery, errors, true)}
        <div>${button(t.showFiles, { kind: 'secondary' })}</div>
      </form>
      ${Object.keys(errors).some((k) => k.startsWith('files-'))
        ? ''
        : html`<h3 id="files-for">${filesFor}</h3>${fileLinks(filesDays ? `from=${filesDays.from}&to=${filesDays.to}` : '', filesFor)}`}
    </section>`;

    const rows = periods.map(
      (p) => html`<tr id="period-${p.id}">
        <th scope="row">${periodText(ctx, p)}</th>
        <td>${ctx.format.date(p.closedAt)}</td>
        <td>${p.restatements.length ? html`${badge(t.restatedBadge, 'warning')} ${p.restatements[0].reasonLabel[ctx.lang]}, ${ctx.format.date(p.restatements[0].restatedAt)}` : t.notRestated}</td>
        <td>${fileLinks(`period=${p.id}`, t.filesFor({ period: periodText(ctx, p) }))}</td>
        <td><form class="stack" method="post" action="/c/${consortiumId}/periods/${p.id}/restatements" novalidate>
          <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
          <label for="restate-${p.id}">${t.restatementReason}</label>
          <select id="restate-${p.id}" name="reason" ${invalid(errors, `restate-${p.id}`)}>
            <option value="">${t.chooseReason}</option>
            ${reasons.map((r) => html`<option value="${r}">${restatementReasonLabels[r][ctx.lang]}</option>`)}
          </select>${errorOf(errors, `restate-${p.id}`)}
          <div>${button(t.restate, { kind: 'secondary' })}</div>
        </form></td>
      </tr>`,
    );
    const closedSection = html`<section class="card" aria-labelledby="closed">
      <h2 id="closed" tabindex="-1">${t.closedPeriods}</h2>
      <p class="hint">${t.closedPeriodsHint}</p>
      ${periods.length
        ? tableBox(
            t.closedPeriodsTable,
            html`<table><thead><tr><th scope="col">${t.periodColumn}</th><th scope="col">${t.closedOnColumn}</th><th scope="col">${t.restatedColumn}</th><th scope="col">${t.filesColumn}</th><th scope="col">${t.restateColumn}</th></tr></thead><tbody>${rows}</tbody></table>`,
          )
        : emptyState(t.noClosedPeriods, t.noClosedPeriodsNext)}
      ${errors['restate-none'] ? html`<p class="field-error" id="restate-none">${errors['restate-none']}</p>` : ''}
    </section>`;

    const closeForm = state.closeForm ?? {};
    const closeSection = html`<section class="card" aria-labelledby="close">
      <h2 id="close" tabindex="-1">${t.closePeriod}</h2>
      <p class="hint">${t.closePeriodHint}</p>
      <form class="stack" method="post" action="/c/${consortiumId}/periods" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${presetFields(ctx, 'close', (['quarter', 'year', 'custom'] as const).find((p) => p === closeForm.preset) ?? 'quarter', closeForm, errors, false)}
        <div>${button(t.closePeriodButton)}</div>
      </form>
    </section>`;

    const labels = {
      // Both forms have the same fields: the summary says which form.
      'files-preset': `${t.periodFiles} — ${t.periodPreset}`,
      'files-from': `${t.periodFiles} — ${t.periodFrom}`,
      'files-to': `${t.periodFiles} — ${t.periodTo}`,
      'close-preset': `${t.closePeriod} — ${t.periodPreset}`,
      'close-from': `${t.closePeriod} — ${t.periodFrom}`,
      'close-to': `${t.closePeriod} — ${t.periodTo}`,
      ...Object.fromEntries(periods.map((p) => [`restate-${p.id}`, t.restatementOf({ period: periodText(ctx, p) })])),
    };
    const body = html`${notice(state.done)}${errorSummary(ctx, errors, labels)}${downloads}${closedSection}${closeSection}`;
    return layout(ctx, t.reportAndPeriods, body, consortiumId, { lead: t.reportAndPeriodsLead, trail: [{ href: `/c/${consortiumId}`, label: t.overview }] });
  }
}

const prefixed = (prefix: string, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}-${k}`, v]));

/** A period as people read it: its first and last days (« du 1er avril 2025 au 31 mars 2026 »). */
export function periodText(ctx: PortalContext, period: Days): string {
  return ctx.t.periodRange({ from: ctx.format.date(period.from), to: ctx.format.date(lastDay(period.to)) });
}

/** The choice of a period: presets (the whole history for files), or dates typed, each preset saying its dates. */
export function presetFields(ctx: PortalContext, prefix: 'files' | 'close' | 'dashboard', chosen: PeriodPreset, form: Record<string, string>, errors: Record<string, string>, withHistory: boolean): SafeHtml {
  const t = ctx.t;
  const options: [PeriodPreset, string][] = [
    ...(withHistory ? ([['history', t.wholeHistory]] as [PeriodPreset, string][]) : []),
    ['quarter', t.lastQuarter({ period: periodText(ctx, lastQuarter()) })],
    ['year', t.lastProgrammeYear({ period: periodText(ctx, lastProgrammeYear()) })],
    ['custom', t.customDates],
  ];
  const id = (name: string) => `${prefix}-${name}`;
  const checked = (preset: PeriodPreset) => (preset === chosen ? new SafeHtml('checked') : '');
  return html`<fieldset id="${id('preset')}" ${errors[id('preset')] ? new SafeHtml(`aria-describedby="${id('preset')}-error"`) : ''}><legend>${t.periodPreset}</legend>
      ${errorOf(errors, id('preset'))}
      <div class="choices">${options.map(([value, label]) => html`<label><input type="radio" name="preset" value="${value}" ${checked(value)}> ${label}</label>`)}</div>
      <p class="hint">${t.programmeYearHint}</p>
    </fieldset>
    <div class="date-range">
      <div><label for="${id('from')}">${t.periodFrom}</label><input type="date" id="${id('from')}" name="from" value="${form.from ?? ''}" ${invalid(errors, id('from'))}>${errorOf(errors, id('from'))}</div>
      <div><label for="${id('to')}">${t.periodTo}</label><input type="date" id="${id('to')}" name="to" value="${form.to ?? ''}" ${invalid(errors, id('to'))}>${errorOf(errors, id('to'))}</div>
    </div>
    <p class="hint">${t.customDatesHint}</p>`;
}
