import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { field, invalid } from '../views/fields';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, PageStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';
import { consortiumMembers } from './members';

interface Engagement {
  id: string;
  nonprofitId: string;
  providerId: string;
  status: string;
  scope: string | null;
  milestones: { milestone: 'kick-off' | 'completion'; amount: number; dueOn: string; paidAmount: number | null; paidOn: string | null }[];
  ratings: { side: 'nonprofit' | 'provider'; score: number }[];
}

/**
 * Both sides follow their engagements: scope and payments, start, completion, ratings. Coordinators
 * see every engagement of the consortium and record the programme's milestone payments.
 */
@Controller('c/:consortiumId/engagements')
export class EngagementsController {
  constructor(private readonly api: Api) {}

  @Get()
  async list(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const done = { updated: ctx.t.engagementUpdated, paid: ctx.t.paymentRecorded }[String(request.query.done)];
    response.type('html').send(await this.render(ctx, consortiumId, {}, done));
  }

  @Post(':engagementId/payments/:milestone')
  async payment(@Param('consortiumId') consortiumId: string, @Param('engagementId') engagementId: string, @Param('milestone') milestone: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const errors: Record<string, string> = {};
    if (!form.amount?.trim()) errors.amount = ctx.t.required;
    if (!form.paidOn) errors.paidOn = ctx.t.required;
    const answer = Object.keys(errors).length
      ? undefined
      : await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements/${engagementId}/payments/${milestone}`, { amount: Number(form.amount), paidOn: form.paidOn }, ctx.lang);
    if (answer && answer.status < 300) return response.redirect(303, `/c/${consortiumId}/engagements?done=paid`);
    // Field errors of this milestone's form carry the engagement and the milestone.
    const refused = answer ? fieldErrors(answer, 'milestone', ctx.lang) : errors;
    const keyed = Object.fromEntries(Object.entries(refused).map(([k, v]) => [`${engagementId}:${milestone}.${k === 'milestone' ? 'status' : k}`, v]));
    response.status(answer?.status ?? 400).type('html').send(await this.render(ctx, consortiumId, { errors: keyed, form, engagementId }));
  }

  @Post(':engagementId/:step')
  async step(@Param('consortiumId') consortiumId: string, @Param('engagementId') engagementId: string, @Param('step') step: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const path = `/consortia/${consortiumId}/engagements/${engagementId}`;
    const bodies: Record<string, unknown> = {
      scope: {
        scope: form.scope?.trim(),
        kickOff: { amount: Number(form.kickOffAmount), dueOn: form.kickOffDue },
        completion: { amount: Number(form.completionAmount), dueOn: form.completionDue },
      },
      ratings: { score: Number(form.score), comment: form.comment?.trim() || null },
    };
    if (!['scope', 'start', 'complete', 'ratings'].includes(step)) throw new PageStatus(404);
    const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `${path}/${step}`, bodies[step], ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/engagements?done=updated`);
    const errors = Object.fromEntries(Object.entries(fieldErrors(answer, 'status', ctx.lang)).map(([k, v]) => [`${engagementId}:${k}`, v]));
    response.status(answer.status).type('html').send(await this.render(ctx, consortiumId, { errors, form, engagementId }));
  }

  private async render(ctx: PortalContext, consortiumId: string, state: { errors?: Record<string, string>; form?: Record<string, string>; engagementId?: string }, done?: string): Promise<string> {
    const [engagements, { members, me }] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/engagements`, ctx.lang) as Promise<Engagement[]>,
      consortiumMembers(this.api, ctx, consortiumId),
    ]);
    const coordinator = (ctx.session?.consortia[consortiumId] ?? []).includes('coordinator');
    const nameOf = (organizationId: string) => members.find((m) => m.organizationId === organizationId)?.organization.name ?? organizationId;
    const errorsFor = (id: string) => Object.fromEntries(Object.entries(state.errors ?? {}).filter(([k]) => k.startsWith(`${id}:`)).map(([k, v]) => [k.slice(id.length + 1), v]));
    const section = (e: Engagement) => {
      const side = e.providerId === me?.organizationId ? 'provider' : e.nonprofitId === me?.organizationId ? 'nonprofit' : 'coordinator';
      const heading = side === 'coordinator' ? `${nameOf(e.nonprofitId)} ${ctx.t.with} ${nameOf(e.providerId)}` : `${ctx.t.with} ${nameOf(side === 'provider' ? e.nonprofitId : e.providerId)}`;
      const errors = errorsFor(e.id);
      const form = state.engagementId === e.id ? (state.form ?? {}) : {};
      const action = (step: string) => `/c/${consortiumId}/engagements/${e.id}/${step}`;
      const id = (name: string) => `${name}-${e.id}`;
      const csrf = html`<input type="hidden" name="csrf" value="${ctx.session?.csrf}">`;
      const mine = e.ratings.find((r) => r.side === side);
      // The programme pays each milestone once the engagement allows it; the service says when.
      const paymentForm = (m: Engagement['milestones'][number]) => {
        const fieldId = (name: string) => id(`${m.milestone}-${name}`);
        const own = Object.fromEntries(['status', 'amount', 'paidOn'].filter((n) => errors[`${m.milestone}.${n}`]).map((n) => [fieldId(n), errors[`${m.milestone}.${n}`]]));
        const values = form.milestone === m.milestone ? form : {};
        return html`<form class="inline" method="post" action="${action(`payments/${m.milestone}`)}" novalidate>${csrf}
          <input type="hidden" name="milestone" value="${m.milestone}">
          ${own[fieldId('status')] ? html`<p class="field-error" role="alert">${own[fieldId('status')]}</p>` : ''}
          ${field(fieldId('amount'), ctx.t.paidAmount, html`<input type="number" min="0" step="0.01" id="${fieldId('amount')}" name="amount" value="${values.amount ?? m.amount}" ${invalid(own, fieldId('amount'))}>`, own)}
          ${field(fieldId('paidOn'), ctx.t.paidOn, html`<input type="date" id="${fieldId('paidOn')}" name="paidOn" value="${values.paidOn ?? ''}" ${invalid(own, fieldId('paidOn'))}>`, own)}
          <div><button type="submit">${ctx.t.recordPayment}</button></div></form>`;
      };
      // The API names fields of its body; on this page each field's id carries the engagement.
      const shown: Record<string, string> = {};
      for (const [apiField, name] of [['scope', 'scope'], ['kickOff.amount', 'kickOffAmount'], ['kickOff.dueOn', 'kickOffDue'], ['completion.amount', 'completionAmount'], ['completion.dueOn', 'completionDue']]) {
        if (errors[apiField]) shown[id(name)] = errors[apiField];
      }
      return html`<section aria-labelledby="${id('h')}">
        <h2 id="${id('h')}">${heading} — ${ctx.t.engagementStatuses[e.status] ?? e.status}</h2>
        ${errors.status ? html`<p class="problem" role="alert">${errors.status}</p>` : ''}
        ${e.scope && e.status !== 'requested' ? html`<p>${e.scope}</p>` : ''}
        ${e.milestones.length
          ? html`<h3>${ctx.t.milestones}</h3><ul>${e.milestones.map(
              (m) => html`<li>${m.milestone === 'kick-off' ? ctx.t.kickOff : ctx.t.completion}${ctx.t.colon}${ctx.format.money(m.paidOn ? (m.paidAmount ?? m.amount) : m.amount)} — ${m.paidOn ? ctx.t.paid({ date: ctx.format.date(m.paidOn) }) : ctx.t.due({ date: ctx.format.date(m.dueOn) })}
                ${coordinator && !m.paidOn ? paymentForm(m) : ''}</li>`,
            )}</ul>`
          : ''}
        ${e.status === 'accepted'
          ? html`<form class="stack" method="post" action="${action('scope')}" novalidate>${csrf}<h3>${ctx.t.scopeTitle}</h3>
              ${field(id('scope'), ctx.t.scopeText, html`<textarea id="${id('scope')}" name="scope" rows="3" ${invalid(shown, id('scope'))}>${form.scope ?? ''}</textarea>`, shown)}
              ${field(id('kickOffAmount'), ctx.t.kickOffAmount, html`<input type="number" min="0" id="${id('kickOffAmount')}" name="kickOffAmount" value="${form.kickOffAmount ?? ''}" ${invalid(shown, id('kickOffAmount'))}>`, shown)}
              ${field(id('kickOffDue'), ctx.t.kickOffDue, html`<input type="date" id="${id('kickOffDue')}" name="kickOffDue" value="${form.kickOffDue ?? ''}" ${invalid(shown, id('kickOffDue'))}>`, shown)}
              ${field(id('completionAmount'), ctx.t.completionAmount, html`<input type="number" min="0" id="${id('completionAmount')}" name="completionAmount" value="${form.completionAmount ?? ''}" ${invalid(shown, id('completionAmount'))}>`, shown)}
              ${field(id('completionDue'), ctx.t.completionDue, html`<input type="date" id="${id('completionDue')}" name="completionDue" value="${form.completionDue ?? ''}" ${invalid(shown, id('completionDue'))}>`, shown)}
              <div><button type="submit">${ctx.t.agree}</button></div></form>`
          : ''}
        ${e.status === 'scoped' ? html`<form method="post" action="${action('start')}">${csrf}<button type="submit">${ctx.t.startWork}</button></form>` : ''}
        ${e.status === 'active' ? html`<form method="post" action="${action('complete')}">${csrf}<button type="submit">${ctx.t.completeWork}</button></form>` : ''}
        ${e.status === 'completed' && side !== 'coordinator' && !mine
          ? html`<form class="stack" method="post" action="${action('ratings')}" novalidate>${csrf}
              <div><label for="${id('score')}">${ctx.t.rating}</label><select id="${id('score')}" name="score">${[5, 4, 3, 2, 1].map((n) => html`<option value="${n}">${n}</option>`)}</select></div>
              ${field(id('comment'), ctx.t.comment, html`<textarea id="${id('comment')}" name="comment" rows="2">${form.comment ?? ''}</textarea>`, {})}
              <div><button type="submit">${ctx.t.rate}</button></div></form>`
          : ''}
        ${e.ratings.length ? html`<ul>${e.ratings.map((r) => html`<li>${ctx.t.ratedBy[r.side]({ score: r.score })}</li>`)}</ul>` : ''}
      </section>`;
    };
    const body = html`${done ? html`<p class="notice" role="status">${done}</p>` : ''}${engagements.length ? engagements.map(section) : html`<p>${ctx.t.noEngagements}</p>`}`;
    return layout(ctx, ctx.t.engagements, body, consortiumId);
  }
}
