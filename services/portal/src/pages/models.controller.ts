import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { button, emptyState, errorSummary, notice, tableBox } from '../views/components';
import { errorOf } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus, refusalText } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';

type Summary = Record<string, { raters: number; average: number | null; agreement: number | null }>;

interface Model {
  id: string;
  title: string;
  description: string;
  prototype: number | null;
  viability: { scalability: boolean; efficientUseOfResources: boolean; sustainability: boolean } | null;
  experts: string[];
  stakeholderReviews: Summary;
  expertReviews: Summary;
}

/** Coordinators follow the collaboration models (outcome 3): reviews with rater agreement, experts, viability. */
@Controller('c/:consortiumId/models')
export class ModelsController {
  constructor(private readonly api: Api) {}

  @Get()
  async list(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, request.query.done === 'updated' ? ctx.t.modelUpdated : undefined));
  }

  @Post(':modelId/:what')
  async update(@Param('consortiumId') consortiumId: string, @Param('modelId') modelId: string, @Param('what') what: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const body =
      what === 'viability'
        ? { scalability: form.scalability === 'on', efficientUseOfResources: form.efficientUseOfResources === 'on', sustainability: form.sustainability === 'on' }
        : { memberIds: ([] as string[]).concat(form.memberIds ?? []) };
    const answer = await this.api.call(ctx.session, 'community', 'PUT', `/consortia/${consortiumId}/collaboration-models/${modelId}/${what === 'viability' ? 'viability' : 'experts'}`, body, ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/models?done=updated`);
    // Said next to the form it is about (its fieldset's id), and in the summary.
    const fieldset = `${what === 'viability' ? 'viability' : 'experts'}-${modelId}`;
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, undefined, { [fieldset]: refusalText(answer, ctx.lang) }));
  }

  private async render(ctx: PortalContext, consortiumId: string, done?: string, errors: Record<string, string> = {}): Promise<string> {
    const [models, members] = await Promise.all([
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/collaboration-models`, ctx.lang) as Promise<Model[]>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/members`, ctx.lang) as Promise<{ id: string; displayName: string; organization: { name: string } }[]>,
    ]);
    const csrf = html`<input type="hidden" name="csrf" value="${ctx.session?.csrf}">`;
    const n = (value: number | null) => (value === null ? '—' : ctx.format.number(value));
    const reviews = (title: string, summary: Summary) =>
      tableBox(title, html`<table><caption>${title}</caption><thead><tr><th scope="col">${ctx.t.criterion}</th><th scope="col" class="n">${ctx.t.score}</th><th scope="col" class="n">${ctx.t.raters}</th><th scope="col" class="n">${ctx.t.agreement}</th></tr></thead><tbody>
      ${Object.entries(summary).map(
        ([criterion, s]) => html`<tr><th scope="row">${ctx.t.criteria[criterion] ?? criterion}</th><td class="n">${n(s.average)}</td><td class="n">${ctx.format.number(s.raters)}</td><td class="n">${n(s.agreement)}</td></tr>`,
      )}</tbody></table>`);
    const on = (yes: boolean | undefined) => (yes ? new SafeHtml('checked') : '');
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, Object.fromEntries(models.flatMap((m) => [[`viability-${m.id}`, `${m.title}${ctx.t.colon}${ctx.t.viabilityCheck}`], [`experts-${m.id}`, `${m.title}${ctx.t.colon}${ctx.t.experts}`]])))}
      ${models.length
        ? models.map(
            (m) => html`<section class="card" aria-labelledby="m-${m.id}"><h2 id="m-${m.id}">${m.title}${m.prototype ? ` (prototype ${m.prototype})` : ''}</h2>
              <p>${m.description}</p>
              <div class="columns">${reviews(ctx.t.stakeholderReviews, m.stakeholderReviews)}${reviews(ctx.t.expertReviews, m.expertReviews)}</div>
              <form method="post" action="/c/${consortiumId}/models/${m.id}/viability">${csrf}<fieldset id="viability-${m.id}" tabindex="-1" ${errors[`viability-${m.id}`] ? new SafeHtml(`aria-describedby="viability-${m.id}-error"`) : ''}><legend>${ctx.t.viabilityCheck}</legend>${errorOf(errors, `viability-${m.id}`)}
                ${Object.entries(ctx.t.viabilityCriteria).map(
                  ([key, label]) => html`<label><input type="checkbox" name="${key}" ${on(m.viability?.[key as keyof NonNullable<Model['viability']>])}> ${label}</label>`,
                )}</fieldset><p>${button(ctx.t.save, { kind: 'secondary' })}</p></form>
              <form method="post" action="/c/${consortiumId}/models/${m.id}/experts">${csrf}<fieldset id="experts-${m.id}" tabindex="-1" ${errors[`experts-${m.id}`] ? new SafeHtml(`aria-describedby="experts-${m.id}-error"`) : ''}><legend>${ctx.t.experts}</legend>${errorOf(errors, `experts-${m.id}`)}<div class="checks">${members.map(
                (p) => html`<label><input type="checkbox" name="memberIds" value="${p.id}" ${on(m.experts.includes(p.id))}> ${p.displayName} (${p.organization.name})</label>`,
              )}</div></fieldset><p>${button(ctx.t.designate, { kind: 'secondary' })}</p></form></section>`,
          )
        : emptyState(ctx.t.noModels, { href: `/c/${consortiumId}/circles`, label: ctx.t.noModelsNext })}`;
    return layout(ctx, ctx.t.models, body, consortiumId);
  }
}
