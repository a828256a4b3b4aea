import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { quartilesChart } from '@ccndr/charts';
import { Bilingual } from '@ccndr/contracts';
import { outcomes, suppressedFigureText } from '@ccndr/indicators';
import { badge, button, emptyState, errorSummary, notice, tableBox, toneOf } from '../views/components';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';

/** One consortium's indicator as evaluation's programme view serves it (no breakdown). */
interface ProgrammeIndicator {
  key: string;
  outcome: number | null;
  label: Bilingual;
  unit: string;
  value: number | null;
  suppressed: boolean;
  target: { value: number } | null;
  status: string;
}

interface ProgrammeConsortium {
  consortiumId: string;
  name: Bilingual | null;
  indicators: ProgrammeIndicator[];
}

interface BenchmarkDimension {
  dimension: string;
  name: Bilingual;
  organizations: number | null;
  withheld: { reason: string; text: Bilingual } | null;
  lowerQuartile: number | null;
  median: number | null;
  upperQuartile: number | null;
}

/**
 * CCNDR staff's programme view (platform admins and programme leads; evaluation refuses anyone
 * else, and the page then says so): each outcome's indicators with the consortia side by side —
 * on a phone, each indicator a block listing the consortia — and the readiness benchmark.
 */
@Controller('programme')
export class ProgrammeController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const [{ consortia }, benchmark]: [{ consortia: ProgrammeConsortium[] }, { consortia: number; dimensions: BenchmarkDimension[] }] = await Promise.all([
      this.api.get(ctx.session, 'evaluation', '/programme/indicators', ctx.lang),
      this.api.get(ctx.session, 'evaluation', '/programme/readiness-benchmark', ctx.lang),
    ]);
    const names = consortia.map((c, i) => c.name?.[ctx.lang] ?? ctx.t.unnamedConsortium({ position: i + 1 }));
    const shown = (i: ProgrammeIndicator | undefined): SafeHtml => {
      if (!i) return html`—`;
      const figure = i.value !== null ? ctx.format.number(i.value) + (i.unit === 'percent' ? ' %' : '') : i.suppressed ? suppressedFigureText[ctx.lang] : ctx.t.noFigure;
      return html`${figure}${i.target ? html` ${badge(ctx.t.statuses[i.status] ?? i.status, toneOf(i.status))}` : ''}`;
    };
    // Sections in the report's order; an indicator's row in the order the consortia list them.
    const sections = outcomes.map((o) => ({ id: o.outcome ? `outcome-${o.outcome}` : 'readiness', outcome: o.outcome, title: o.outcome ? `${o.heading[ctx.lang]}${ctx.t.colon}${o.title[ctx.lang]}` : o.heading[ctx.lang] }));
    const tables = sections.map((section) => {
      const rows = new Map<string, Bilingual>();
      for (const c of consortia) for (const i of c.indicators) if (i.outcome === section.outcome && !rows.has(i.key)) rows.set(i.key, i.label);
      if (!rows.size) return html``;
      const head = html`<tr><th scope="col">${ctx.t.indicatorColumn}</th>${names.map((name) => html`<th scope="col">${name}</th>`)}</tr>`;
      const body = [...rows].map(
        ([key, label]) => html`<tr><th scope="row">${label[ctx.lang]}</th>${consortia.map((c, n) => html`<td data-label="${names[n]}">${shown(c.indicators.find((i) => i.key === key))}</td>`)}</tr>`,
      );
      return html`<h2 id="${section.id}">${section.title}</h2>${tableBox(section.title, html`<table class="stacked" data-programme="${section.id}"><thead>${head}</thead><tbody>${body}</tbody></table>`)}`;
    });
    const figure = (value: number | null) => (value === null ? '—' : ctx.format.number(value));
    const benchmarkRows = benchmark.dimensions.map(
      (d) => html`<tr><th scope="row">${d.name[ctx.lang]}</th><td class="n" data-label="${ctx.t.organizationsColumn}">${d.organizations === null ? ctx.t.fewerThanFive : ctx.format.number(d.organizations)}</td>${
        d.withheld
          ? html`<td colspan="3" data-label="${ctx.t.medianColumn}">${d.withheld.text[ctx.lang]}</td>`
          : html`<td class="n" data-label="${ctx.t.lowerQuartile}">${figure(d.lowerQuartile)}</td><td class="n" data-label="${ctx.t.medianColumn}">${figure(d.median)}</td><td class="n" data-label="${ctx.t.upperQuartile}">${figure(d.upperQuartile)}</td>`
      }</tr>`,
    );
    const body = html`
      <p class="hint">${ctx.t.programmeLive}</p>
      ${consortia.length ? tables : emptyState(ctx.t.programmeNoConsortia)}
      <div class="card">
        <h2 id="benchmark">${ctx.t.benchmarkTitle}</h2>
        <p class="hint">${ctx.t.benchmarkLead}</p>
        <p>${ctx.t.benchmarkConsortia({ count: benchmark.consortia })}</p>
        ${
          benchmark.dimensions.some((d) => !d.withheld)
            ? new SafeHtml(
                quartilesChart({
                  id: 'benchmark-chart',
                  locale: ctx.t.chartLocale,
                  text: { title: ctx.t.benchmarkTitle, description: ctx.t.benchmarkChartDescription, showData: ctx.t.showData, suppressed: ctx.t.fewerThanFive },
                  labels: { row: ctx.t.dimension, lowerQuartile: ctx.t.lowerQuartile, median: ctx.t.medianColumn, upperQuartile: ctx.t.upperQuartile, range: ctx.t.middleHalf },
                  max: 100,
                  rows: benchmark.dimensions.map((d) => ({ label: d.name[ctx.lang], lowerQuartile: d.lowerQuartile, median: d.median, upperQuartile: d.upperQuartile, withheld: d.withheld?.text[ctx.lang] })),
                }),
              )
            : ''
        }
        ${
          benchmark.dimensions.length
            ? tableBox(
                ctx.t.benchmarkTitle,
                html`<table class="stacked" data-benchmark><thead><tr><th scope="col">${ctx.t.dimension}</th><th scope="col" class="n">${ctx.t.organizationsColumn}</th><th scope="col" class="n">${ctx.t.lowerQuartile}</th><th scope="col" class="n">${ctx.t.medianColumn}</th><th scope="col" class="n">${ctx.t.upperQuartile}</th></tr></thead><tbody>${benchmarkRows}</tbody></table>`,
              )
            : html`<p class="muted">${ctx.t.benchmarkNone}</p>`
        }
      </div>`;
    response.type('html').send(layout(ctx, ctx.t.programme, body, undefined, { lead: ctx.t.programmeLead }));
  }
}

/**
 * The coordinator's choice to count the consortium's readiness scores in the programme's
 * benchmark: a yes/no question on a page of its own, linked from the overview.
 */
@Controller('c/:consortiumId/programme-benchmark')
export class ProgrammeBenchmarkController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, { done: request.query.done === 'saved' ? ctx.t.benchmarkSaved : undefined }));
  }

  @Post()
  async choose(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    // Only the two choices the page offers: anything else (nothing ticked, a forged value) asks again.
    const optIn = form.optIn === 'yes' ? true : form.optIn === 'no' ? false : undefined;
    if (optIn === undefined) return response.status(400).type('html').send(await this.render(ctx, consortiumId, { errors: { 'optIn-yes': ctx.t.benchmarkChooseOne } }));
    const answer = await this.api.call(ctx.session, 'evaluation', 'PUT', `/consortia/${consortiumId}/programme-benchmark`, { optIn }, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/programme-benchmark?done=saved`);
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, { errors: { 'optIn-yes': ctx.t.benchmarkChooseOne } }));
  }

  private async render(ctx: PortalContext, consortiumId: string, state: { done?: string; errors?: Record<string, string> }): Promise<string> {
    const current: { optIn: boolean; decidedAt: string | null } = await this.api.get(ctx.session, 'evaluation', `/consortia/${consortiumId}/programme-benchmark`, ctx.lang);
    const errors = state.errors ?? {};
    const error = errors['optIn-yes'];
    const choice = (value: 'yes' | 'no', label: string) =>
      html`<label><input type="radio" id="optIn-${value}" name="optIn" value="${value}" ${(value === 'yes') === current.optIn && current.decidedAt ? new SafeHtml('checked') : ''}> ${label}</label>`;
    const body = html`
      ${notice(state.done)}
      ${errorSummary(ctx, errors)}
      <p>${current.optIn && current.decidedAt ? ctx.t.benchmarkTakesPart({ when: ctx.format.date(current.decidedAt) }) : ctx.t.benchmarkStaysOut}</p>
      <form class="stack card" method="post" action="/c/${consortiumId}/programme-benchmark" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <fieldset ${error ? new SafeHtml('aria-describedby="optIn-error"') : ''}><legend>${ctx.t.benchmarkChoice}</legend>
          ${error ? html`<p class="field-error" id="optIn-error">${error}</p>` : ''}
          <div class="choices">${choice('yes', ctx.t.benchmarkYes)}${choice('no', ctx.t.benchmarkNo)}</div>
        </fieldset>
        <div>${button(ctx.t.saveChoice)}</div>
      </form>`;
    return layout(ctx, ctx.t.programmeBenchmark, body, consortiumId, { lead: ctx.t.programmeBenchmarkLead, trail: [{ href: `/c/${consortiumId}`, label: ctx.t.overview }] });
  }
}
