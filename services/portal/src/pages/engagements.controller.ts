import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { confirmationPage, confirmed } from '../views/confirmation';
import { button, emptyState, errorSummary, notice, problem, titleWithStatus, toneOf } from '../views/components';
import { field, invalid } from '../views/fields';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus, fieldErrors, PageStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';
import { consortiumMembers } from './members';

interface Engagement {
  id: string;
  nonprofitId: string;
  providerId: string;
  status: string;
  scope: string | null;
  /** When the scope on the page was proposed: agreeing to it names this proposal. */
  scopeProposedAt: string | null;
  milestones: { milestone: 'kick-off' | 'completion'; amount: number; dueOn: string; paidAmount: number | null; paidOn: string | null }[];
  ratings: { side: 'nonprofit' | 'provider'; score: number }[];
}

/** Steps the page posts; all but the scope proposal (which a new one replaces) are confirmed first. */
const steps = ['scope', 'agree-scope', 'start', 'complete', 'confirm-completion', 'cancel', 'ratings'];
type EngagementStep = 'agree-scope' | 'start' | 'complete' | 'confirm-completion' | 'cancel' | 'ratings';
const finished = ['completed', 'declined', 'cancelled', 'expired'];

/**
 * Both sides follow their engagements: the provider proposes the scope and payments and the
 * nonprofit agrees them; the provider starts and delivers the work and the nonprofit confirms it;
 * then both rate it. Coordinators see every engagement of the consortium and record the
 * programme's milestone payments.
 */
@Controller('c/:consortiumId/engagements')
export class EngagementsController {
  constructor(private readonly api: Api) {}

  @Get()
  async list(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const done = { updated: ctx.t.engagementUpdated, paid: ctx.t.paymentRecorded, accepted: ctx.t.acceptedNext }[String(request.query.done)];
    response.type('html').send(await this.render(ctx, consortiumId, {}, done));
  }

  @Post(':engagementId/payments/:milestone')
  async payment(@Param('consortiumId') consortiumId: string, @Param('engagementId') engagementId: string, @Param('milestone') milestone: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const errors: Record<string, string> = {};
    if (!form.amount?.trim()) errors.amount = ctx.t.required;
    if (!form.paidOn) errors.paidOn = ctx.t.required;
    // An amount that is no number or a date that is none goes straight to the service, which says what is wrong with it.
    if (!Object.keys(errors).length && !confirmed(form) && Number.isFinite(Number(form.amount)) && !Number.isNaN(Date.parse(form.paidOn))) {
      const kind = milestone === 'completion' ? 'completion' : 'kick-off';
      const facts: [string, string][] = [[ctx.t.amount, ctx.format.money(Number(form.amount))], [ctx.t.paidOn, ctx.format.date(form.paidOn)]];
      return response.type('html').send(await this.confirmation(ctx, consortiumId, engagementId, `payments/${milestone}`, form, 'payment', facts, { milestone: ctx.t.milestoneLower[kind] }));
    }
    const answer = Object.keys(errors).length
      ? undefined
      : await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements/${engagementId}/payments/${milestone}`, { amount: Number(form.amount), paidOn: form.paidOn }, ctx.lang);
    if (answer && answer.status < 300) return response.redirect(303, `/c/${consortiumId}/engagements?done=paid`);
    // Field errors of this milestone's form carry the engagement and the milestone.
    const refused = answer ? fieldErrors(answer, 'milestone', ctx.lang, { amount: 'amount', paidOn: 'paidOn' }) : errors;
    const keyed = Object.fromEntries(Object.entries(refused).map(([k, v]) => [`${engagementId}:${milestone}.${k === 'milestone' ? 'status' : k}`, v]));
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, { errors: keyed, form, engagementId }));
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
      'agree-scope': { proposedAt: form.proposedAt },
      ratings: { score: Number(form.score), comment: form.comment?.trim() || null },
      cancel: { reason: form.reason },
    };
    if (!steps.includes(step)) throw new PageStatus(404);
    if (step !== 'scope' && !confirmed(form)) {
      return response.type('html').send(await this.confirmation(ctx, consortiumId, engagementId, step, form, step as EngagementStep));
    }
    const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `${path}/${step}`, bodies[step], ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/engagements?done=updated`);
    // The scope's fields are on the page; any other refusal is said under the engagement's title.
    const onPage: Record<string, string> = step === 'scope' ? { scope: 'scope', kickOff: 'kickOff.amount', 'kickOff.dueOn': 'kickOff.dueOn', completion: 'completion.amount', 'completion.dueOn': 'completion.dueOn' } : {};
    const errors = Object.fromEntries(Object.entries(fieldErrors(answer, 'status', ctx.lang, onPage)).map(([k, v]) => [`${engagementId}:${k}`, v]));
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, { errors, form, engagementId }));
  }

  /**
   * The confirmation page of a step, naming the other side (both sides, for coordinators) and the
   * facts it fixes: the reason of a cancellation, the scope and payments agreed, the rating given.
   */
  private async confirmation(
    ctx: PortalContext,
    consortiumId: string,
    engagementId: string,
    path: string,
    form: Record<string, string>,
    step: EngagementStep | 'payment',
    given: [string, string][] = [],
    values: { milestone?: string } = {},
  ): Promise<string> {
    const [engagement, { members, me }] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/engagements/${engagementId}`, ctx.lang) as Promise<Engagement>,
      consortiumMembers(this.api, ctx, consortiumId),
    ]);
    const nameOf = (organizationId: string) => members.find((m) => m.organizationId === organizationId)?.organization.name ?? '';
    const who = [engagement.nonprofitId, engagement.providerId].filter((id) => id !== me?.organizationId).map(nameOf).join(' – ');
    const { t, format } = ctx;
    const milestone = (name: 'kick-off' | 'completion') => engagement.milestones.find((m) => m.milestone === name);
    const payment = (name: 'kick-off' | 'completion', label: string): [string, string][] => {
      const m = milestone(name);
      return m ? [[label, `${format.money(m.amount)} — ${t.due({ date: format.date(m.dueOn) })}`]] : [];
    };
    const facts: [string, string][] =
      step === 'cancel'
        ? [[t.cancelReason, t.cancelReasons[form.reason] ?? '']]
        : step === 'agree-scope'
          ? [...(engagement.scope ? ([[t.scopeText, engagement.scope]] as [string, string][]) : []), ...payment('kick-off', t.kickOff), ...payment('completion', t.completion)]
          : step === 'ratings'
            ? [[t.ratingScore, `${form.score ?? ''}/5`], ...(form.comment?.trim() ? ([[t.comment, form.comment.trim()]] as [string, string][]) : [])]
            : given;
    const texts = t.confirmSteps[step];
    const named = { who, score: String(form.score ?? ''), milestone: values.milestone ?? '' };
    return confirmationPage(ctx, consortiumId, {
      title: texts.title(named),
      // An outcome that names no one is a plain text in the catalogue.
      outcome: typeof texts.outcome === 'string' ? texts.outcome : texts.outcome(named),
      facts,
      button: texts.button,
      kind: step === 'cancel' ? 'danger' : 'primary',
      action: `/c/${consortiumId}/engagements/${engagementId}/${path}`,
      back: `/c/${consortiumId}/engagements#engagement-${engagementId}`,
      fields: form,
    });
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
      const heading = side === 'coordinator' ? `${nameOf(e.nonprofitId)} ${ctx.t.with} ${nameOf(e.providerId)}` : ctx.t.withOther({ name: nameOf(side === 'provider' ? e.nonprofitId : e.providerId) });
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
          <div>${button(ctx.t.recordPayment)}</div></form>`;
      };
      // The API names fields of its body; on this page each field's id carries the engagement.
      const shown: Record<string, string> = {};
      for (const [apiField, name] of [['scope', 'scope'], ['kickOff.amount', 'kickOffAmount'], ['kickOff.dueOn', 'kickOffDue'], ['completion.amount', 'completionAmount'], ['completion.dueOn', 'completionDue']]) {
        if (errors[apiField]) shown[id(name)] = errors[apiField];
      }
      const step = (name: string, label: string, fields: Record<string, string> = {}) =>
        html`<form class="actions" method="post" action="${action(name)}">${csrf}${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}${button(label)}</form>`;
      const proposes = side === 'provider' || side === 'coordinator';
      return html`<section class="card" id="engagement-${e.id}" aria-labelledby="${id('h')}">
        <h2 id="${id('h')}" tabindex="-1">${titleWithStatus(heading, ctx.t.engagementStatusNames[e.status] ?? e.status, toneOf(e.status))}</h2>
        ${errors.status ? problem(errors.status) : ''}
        ${e.scope && e.status !== 'requested' ? html`<p>${e.scope}</p>` : ''}
        ${e.milestones.length
          ? html`<h3>${ctx.t.milestones}</h3><ul class="link-list">${e.milestones.map(
              (m) => html`<li><span>${m.milestone === 'kick-off' ? ctx.t.kickOff : ctx.t.completion}${ctx.t.colon}${ctx.format.money(m.paidOn ? (m.paidAmount ?? m.amount) : m.amount)} — ${m.paidOn ? ctx.t.paid({ date: ctx.format.date(m.paidOn) }) : ctx.t.due({ date: ctx.format.date(m.dueOn) })}</span>
                ${coordinator && !m.paidOn ? paymentForm(m) : ''}</li>`,
            )}</ul>`
          : ''}
        ${e.status === 'proposed' ? html`<p>${side === 'nonprofit' ? ctx.t.scopeToAgree : ctx.t.scopeAwaitsNonprofit}</p>` : ''}
        ${e.status === 'proposed' && side === 'nonprofit' && e.scopeProposedAt ? step('agree-scope', ctx.t.agreeScope, { proposedAt: e.scopeProposedAt }) : ''}
        ${(e.status === 'accepted' || e.status === 'proposed') && proposes
          ? html`<form class="stack" method="post" action="${action('scope')}" novalidate>${csrf}<h3>${e.status === 'proposed' ? ctx.t.proposeAgain : ctx.t.proposeScopeTitle}</h3>
              ${field(id('scope'), ctx.t.scopeText, html`<textarea id="${id('scope')}" name="scope" rows="3" ${invalid(shown, id('scope'))}>${form.scope ?? ''}</textarea>`, shown)}
              ${field(id('kickOffAmount'), ctx.t.kickOffAmount, html`<input type="number" min="0" id="${id('kickOffAmount')}" name="kickOffAmount" value="${form.kickOffAmount ?? ''}" ${invalid(shown, id('kickOffAmount'))}>`, shown)}
              ${field(id('kickOffDue'), ctx.t.kickOffDue, html`<input type="date" id="${id('kickOffDue')}" name="kickOffDue" value="${form.kickOffDue ?? ''}" ${invalid(shown, id('kickOffDue'))}>`, shown)}
              ${field(id('completionAmount'), ctx.t.completionAmount, html`<input type="number" min="0" id="${id('completionAmount')}" name="completionAmount" value="${form.completionAmount ?? ''}" ${invalid(shown, id('completionAmount'))}>`, shown)}
              ${field(id('completionDue'), ctx.t.completionDue, html`<input type="date" id="${id('completionDue')}" name="completionDue" value="${form.completionDue ?? ''}" ${invalid(shown, id('completionDue'))}>`, shown)}
              <div>${button(ctx.t.proposeScope)}</div></form>`
          : ''}
        ${e.status === 'scoped' && side === 'provider' ? step('start', ctx.t.startWork) : ''}
        ${e.status === 'active' && side === 'provider' ? step('complete', ctx.t.deliverWork) : ''}
        ${e.status === 'delivered' ? html`<p>${side === 'nonprofit' ? ctx.t.deliveryToConfirm : ctx.t.deliveryAwaitsNonprofit}</p>` : ''}
        ${e.status === 'delivered' && side === 'nonprofit' ? step('confirm-completion', ctx.t.confirmCompletion) : ''}
        ${e.status === 'completed' && side !== 'coordinator' && !mine
          ? html`<form class="stack" method="post" action="${action('ratings')}" novalidate>${csrf}
              <div><label for="${id('score')}">${ctx.t.rating}</label><select id="${id('score')}" name="score">${[5, 4, 3, 2, 1].map((n) => html`<option value="${n}">${n}</option>`)}</select></div>
              ${field(id('comment'), ctx.t.comment, html`<textarea id="${id('comment')}" name="comment" rows="2">${form.comment ?? ''}</textarea>`, {})}
              <div>${button(ctx.t.rate)}</div></form>`
          : ''}
        ${e.ratings.length ? html`<ul>${e.ratings.map((r) => html`<li>${ctx.t.ratedBy[r.side]({ score: r.score })}</li>`)}</ul>` : ''}
        ${!finished.includes(e.status) && !(e.status === 'requested' && side === 'provider')
          ? html`<form class="inline" method="post" action="${action('cancel')}">${csrf}
              <div><label for="${id('reason')}">${ctx.t.cancelReason}</label><select id="${id('reason')}" name="reason">${Object.entries(ctx.t.cancelReasons).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
              <div>${button(ctx.t.cancelEngagement, { kind: 'danger' })}</div></form>`
          : ''}
      </section>`;
    };
    // Every field in error on the page, by its id, for the summary at the top.
    const summary: Record<string, string> = {};
    const labels: Record<string, string> = {};
    const fieldLabels: Record<string, string> = { scope: ctx.t.scopeText, kickOffAmount: ctx.t.kickOffAmount, kickOffDue: ctx.t.kickOffDue, completionAmount: ctx.t.completionAmount, completionDue: ctx.t.completionDue };
    for (const [key, message] of Object.entries(state.errors ?? {})) {
      const [engagementId, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const pageField: Record<string, string> = { scope: 'scope', 'kickOff.amount': 'kickOffAmount', 'kickOff.dueOn': 'kickOffDue', 'completion.amount': 'completionAmount', 'completion.dueOn': 'completionDue' };
      const payment = /^(kick-off|completion)\.(amount|paidOn)$/.exec(name);
      const id = pageField[name] ? `${pageField[name]}-${engagementId}` : payment ? `${payment[1]}-${payment[2]}-${engagementId}` : `h-${engagementId}`;
      summary[id] = message;
      // Named as the page names it: the field's label (the milestone's, for a payment), else the engagement's title.
      const engagement = engagements.find((e) => e.id === engagementId);
      const milestone = payment ? (payment[1] === 'kick-off' ? ctx.t.kickOff : ctx.t.completion) : '';
      labels[id] = pageField[name]
        ? fieldLabels[pageField[name]]
        : payment
          ? `${milestone}${ctx.t.colon}${payment[2] === 'amount' ? ctx.t.paidAmount : ctx.t.paidOn}`
          : engagement
            ? `${nameOf(engagement.nonprofitId)} ${ctx.t.with} ${nameOf(engagement.providerId)}`
            : '';
    }
    const empty = coordinator ? ctx.t.noEngagementsCoordinator : (ctx.session?.consortia[consortiumId] ?? []).includes('provider') ? ctx.t.noEngagementsProvider : ctx.t.noEngagementsMember;
    const body = html`${notice(done)}${errorSummary(ctx, summary, labels)}${engagements.length ? engagements.map(section) : emptyState(ctx.t.noEngagements, empty)}`;
    return layout(ctx, ctx.t.engagements, body, consortiumId, { lead: ctx.t.engagementsLead });
  }
}
