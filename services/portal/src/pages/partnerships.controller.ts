import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { confirmationPage, confirmed } from '../views/confirmation';
import { actionForm, button, ButtonKind, emptyState, errorSummary, notice, problem, titleWithStatus, toneOf } from '../views/components';
import { errorOf, field, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus, fieldErrors, PageStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';

interface Partnership {
  id: string;
  organizationIds: string[];
  title: string;
  status: string;
  records: { kind: string; occurredOn: string; summary: string }[];
}

const steps: Record<string, string[]> = { negotiate: ['proposed'], confirm: ['proposed', 'in-negotiation'], end: ['proposed', 'in-negotiation', 'confirmed'] };

/** Coordinators follow the consortium's partnerships (outcome 4): propose, negotiate, confirm, end, record collaboration. */
@Controller('c/:consortiumId/partnerships')
export class PartnershipsController {
  constructor(private readonly api: Api) {}

  @Get()
  async list(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, {}, {}, request.query.done === 'updated' ? ctx.t.partnershipUpdated : undefined));
  }

  @Post()
  async propose(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const organizationIds = ([] as string[]).concat(form.organizationIds ?? []);
    const title = String(form.title ?? '').trim();
    const errors: Record<string, string> = {};
    if (organizationIds.length < 2) errors.organizationIds = ctx.t.partnersTooFew;
    if (!title) errors.title = ctx.t.required;
    if (!Object.keys(errors).length) {
      const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/partnerships`, { organizationIds, title }, ctx.lang);
      if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/partnerships?done=updated`);
      Object.assign(errors, fieldErrors(answer, 'title', ctx.lang, { title: 'title', organizationIds: 'organizationIds' }));
    }
    response.status(400).type('html').send(await this.render(ctx, consortiumId, { title, organizationIds }, errors));
  }

  @Post(':partnershipId/:step')
  async step(@Param('consortiumId') consortiumId: string, @Param('partnershipId') partnershipId: string, @Param('step') step: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    if (![...Object.keys(steps), 'records'].includes(step)) throw new PageStatus(404);
    // Ending is final: it is confirmed on a page of its own first.
    if (step === 'end' && !confirmed(form)) {
      const [partnership, organizations] = await Promise.all([
        this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/partnerships/${partnershipId}`, ctx.lang) as Promise<Partnership>,
        this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/organizations`, ctx.lang) as Promise<{ id: string; name: string }[]>,
      ]);
      const texts = ctx.t.confirmSteps.end;
      const partners = partnership.organizationIds.map((id) => organizations.find((o) => o.id === id)?.name ?? '').filter(Boolean);
      return response.type('html').send(
        confirmationPage(ctx, consortiumId, {
          title: texts.title({ who: partnership.title }),
          outcome: texts.outcome,
          facts: [[ctx.t.partnersShort, partners.join(', ')], [ctx.t.status, ctx.t.partnershipStatuses[partnership.status] ?? partnership.status]],
          button: texts.button,
          kind: 'danger',
          action: `/c/${consortiumId}/partnerships/${partnershipId}/end`,
          back: `/c/${consortiumId}/partnerships#p-${partnershipId}`,
          fields: form,
        }),
      );
    }
    const body = step === 'records' ? { kind: form.kind, occurredOn: form.occurredOn, summary: form.summary?.trim() } : undefined;
    const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/partnerships/${partnershipId}/${step}`, body, ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/partnerships?done=updated`);
    // A step's refusal (its buttons carry no field) is said under the partnership's title (`p-<id>`).
    const errors = Object.fromEntries(Object.entries(fieldErrors(answer, step === 'records' ? 'summary' : 'p', ctx.lang, { kind: 'kind', occurredOn: 'occurredOn', summary: 'summary' })).map(([k, v]) => [`${k}-${partnershipId}`, v]));
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, {}, errors, undefined, { partnershipId, form }));
  }

  private async render(ctx: PortalContext, consortiumId: string, form: Record<string, string | string[]>, errors: Record<string, string>, done?: string, record?: { partnershipId: string; form: Record<string, string> }): Promise<string> {
    const [partnerships, listed] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/partnerships`, ctx.lang) as Promise<Partnership[]>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/organizations`, ctx.lang) as Promise<{ id: string; name: string }[]>,
    ]);
    const organizations = listed.map((o): [string, string] => [o.id, o.name]).sort((a, b) => a[1].localeCompare(b[1]));
    const nameOf = (id: string) => organizations.find(([o]) => o === id)?.[1] ?? id;
    const chosen = ([] as string[]).concat(form.organizationIds ?? []);
    const csrf = html`<input type="hidden" name="csrf" value="${ctx.session?.csrf}">`;
    const today = new Date().toISOString().slice(0, 10);
    // What was typed in a collaboration's form that was refused comes back in it.
    const kept = (partnershipId: string): Record<string, string | undefined> => (record?.partnershipId === partnershipId ? record.form : {});
    const stepKinds: Record<string, ButtonKind> = { negotiate: 'secondary', confirm: 'primary', end: 'danger' };
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, {
        title: ctx.t.title,
        organizationIds: ctx.t.partners,
        ...Object.fromEntries(
          partnerships.flatMap((p) => [
            [`kind-${p.id}`, `${p.title}${ctx.t.colon}${ctx.t.collaborationKind}`],
            [`occurredOn-${p.id}`, `${p.title}${ctx.t.colon}${ctx.t.occurredOn}`],
            [`summary-${p.id}`, `${p.title}${ctx.t.colon}${ctx.t.summary}`],
            [`p-${p.id}`, p.title],
          ]),
        ),
      })}
      ${partnerships.length
        ? partnerships.map(
            (p) => html`<section class="card" aria-labelledby="p-${p.id}"><h2 id="p-${p.id}" tabindex="-1">${titleWithStatus(p.title, ctx.t.partnershipStatuses[p.status] ?? p.status, toneOf(p.status))}</h2>
              ${problem(errors[`p-${p.id}`])}
              <p class="card-meta">${p.organizationIds.map(nameOf).join(' · ')}</p>
              ${p.records.length ? html`<ul>${p.records.map((r) => html`<li>${ctx.format.date(r.occurredOn)} · ${ctx.t.collaborationKinds[r.kind] ?? r.kind}${ctx.t.colon}${r.summary}</li>`)}</ul>` : ''}
              <div class="actions">${Object.entries(steps)
                .filter(([, from]) => from.includes(p.status))
                .map(([step]) => actionForm(ctx, `/c/${consortiumId}/partnerships/${p.id}/${step}`, { negotiate: ctx.t.negotiate, confirm: ctx.t.confirmPartnership, end: ctx.t.endPartnership }[step]!, { kind: stepKinds[step] }))}</div>
              ${p.status === 'in-negotiation' || p.status === 'confirmed'
                ? html`<details ${['kind', 'occurredOn', 'summary'].some((f) => errors[`${f}-${p.id}`]) ? new SafeHtml('open') : ''}><summary>${ctx.t.recordCollaboration}</summary><form class="stack" method="post" action="/c/${consortiumId}/partnerships/${p.id}/records" novalidate>${csrf}
                    <div><label for="kind-${p.id}">${ctx.t.collaborationKind}</label><select id="kind-${p.id}" name="kind" ${invalid(errors, `kind-${p.id}`)}>${Object.entries(ctx.t.collaborationKinds).map(
                      ([k, v]) => html`<option value="${k}" ${kept(p.id).kind === k ? new SafeHtml('selected') : ''}>${v}</option>`,
                    )}</select>${errorOf(errors, `kind-${p.id}`)}</div>
                    ${field(`occurredOn-${p.id}`, ctx.t.occurredOn, html`<input type="date" id="occurredOn-${p.id}" name="occurredOn" max="${today}" value="${kept(p.id).occurredOn ?? today}" ${invalid(errors, `occurredOn-${p.id}`)}>`, errors)}
                    ${field(`summary-${p.id}`, ctx.t.summary, html`<textarea id="summary-${p.id}" name="summary" rows="2" ${invalid(errors, `summary-${p.id}`)}>${kept(p.id).summary ?? ''}</textarea>`, errors)}
                    <div>${button(ctx.t.record, { kind: 'secondary' })}</div></form></details>`
                : ''}</section>`,
          )
        : emptyState(ctx.t.noPartnerships, ctx.t.noPartnershipsNext)}
      <section class="card" aria-labelledby="propose-title">
      <h2 id="propose-title">${ctx.t.proposePartnership}</h2>
      <form class="stack" method="post" action="/c/${consortiumId}/partnerships" novalidate>${csrf}
        ${field('title', ctx.t.title, html`<input type="text" id="title" name="title" value="${String(form.title ?? '')}" ${invalid(errors, 'title')}>`, errors)}
        <fieldset id="organizationIds" tabindex="-1" ${errors.organizationIds ? html`aria-describedby="organizationIds-error"` : ''}><legend>${ctx.t.partners}</legend>
          ${errors.organizationIds ? html`<p class="field-error" id="organizationIds-error">${errors.organizationIds}</p>` : ''}
          <div class="checks">${organizations.map(([id, name]) => html`<label><input type="checkbox" name="organizationIds" value="${id}" ${chosen.includes(id) ? html`checked` : ''}> ${name}</label>`)}</div>
        </fieldset>
        <div>${button(ctx.t.propose)}</div>
      </form>
      </section>`;
    return layout(ctx, ctx.t.partnerships, body, consortiumId);
  }
}
