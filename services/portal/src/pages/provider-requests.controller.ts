import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { confirmationPage, confirmed } from '../views/confirmation';
import { button, emptyState, errorSummary, notice, problem, titleWithStatus, toneOf } from '../views/components';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { Api, PageStatus, refusalText, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { frameworkNames } from './framework';
import { PostedForm } from './forms';
import { consortiumMembers, Member } from './members';
import { Form, Page } from './page.decorators';

/** An introduction request as the provider sees it, with the need it answers. */
interface IncomingRequest {
  id: string;
  status: string;
  nonprofitId: string;
  respondBy: string;
  message: string | null;
  need: { dimension: string; currentStage: number | null; targetStage: number | null; description: string | null; language: 'fr' | 'en' | null; budgetMax: number | null; startsOn: string | null; endsOn: string | null; staffHoursPerWeek: number | null };
}

/** Requests that are over: they sit below those still to answer or under way. */
const finished = ['completed', 'declined', 'cancelled', 'expired'];

/** What a provider does with the introductions nonprofits request of it: read each with the need it answers, accept or decline. */
@Controller('c/:consortiumId')
export class ProviderRequestsController {
  constructor(private readonly api: Api) {}

  @Get('requests')
  async requests(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, request.query.done === 'answered' ? ctx.t.answered : undefined));
  }

  /** The requests, new ones first; a refused answer is said under its request's title (`request-<id>`) and in the summary. */
  private async render(ctx: PortalContext, consortiumId: string, done: string | undefined, errors: Record<string, string> = {}): Promise<string> {
    const [listed, { members }, framework]: [IncomingRequest[], { members: Member[] }, { dimensions: Record<string, string>; stage: (stage: number) => string }] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/engagements`, ctx.lang),
      consortiumMembers(this.api, ctx, consortiumId),
      frameworkNames(this.api, ctx, consortiumId),
    ]);
    const names = framework.dimensions;
    // New requests first, by the date an answer is due; answered ones below.
    const engagements = [...listed].sort((a, b) => Number(b.status === 'requested') - Number(a.status === 'requested') || a.respondBy.localeCompare(b.respondBy));
    const nameOf = (organizationId: string) => members.find((m) => m.organizationId === organizationId)?.organization.name ?? organizationId;
    const { t, format } = ctx;
    // What the provider weighs before answering: the readiness gap, budget, period, the team's time.
    const summary = (e: IncomingRequest) => {
      const n = e.need;
      const period = n.startsOn || n.endsOn ? `${n.startsOn ? format.date(n.startsOn) : '…'} – ${n.endsOn ? format.date(n.endsOn) : '…'}` : t.notStated;
      return html`<dl class="facts">
        <dt>${t.dimension}</dt><dd>${names[n.dimension] ?? n.dimension}</dd>
        ${n.currentStage !== null && n.targetStage !== null ? html`<dt>${t.readiness}</dt><dd>${t.stageGapNamed({ from: framework.stage(n.currentStage), to: framework.stage(n.targetStage) })}</dd>` : ''}
        <dt>${t.budgetMax}</dt><dd>${n.budgetMax === null ? t.notStated : format.money(n.budgetMax)}</dd>
        <dt>${t.period}</dt><dd>${period}</dd>
        <dt>${t.teamTime}</dt><dd>${n.staffHoursPerWeek === null ? t.notStated : t.hoursPerWeek({ hours: n.staffHoursPerWeek })}</dd>
        ${n.language ? html`<dt>${t.language}</dt><dd>${n.language === 'fr' ? t.french : t.english}</dd>` : ''}
        ${n.description ? html`<dt>${t.description}</dt><dd lang="${n.language ?? ctx.lang}">${n.description}</dd>` : ''}
        ${e.message ? html`<dt>${t.note}</dt><dd>${e.message}</dd>` : ''}
      </dl>`;
    };
    // New requests first, then those under way, then the finished ones (each in the order they came).
    const rank = (e: IncomingRequest) => (e.status === 'requested' ? 0 : finished.includes(e.status) ? 2 : 1);
    const ordered = [...engagements].sort((a, b) => rank(a) - rank(b));
    const firstFinished = ordered.findIndex((e) => rank(e) === 2);
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, Object.fromEntries(engagements.map((e) => [`request-${e.id}`, nameOf(e.nonprofitId)])))}
      ${ordered.length
        ? ordered.map(
            (e, index) => html`${index === firstFinished ? html`<h2>${t.earlierRequests}</h2>` : ''}<section class="card" aria-labelledby="request-${e.id}">
              <h2 id="request-${e.id}" tabindex="-1">${titleWithStatus(nameOf(e.nonprofitId), t.requestStatusNames[e.status] ?? e.status, toneOf(e.status))}</h2>
              ${problem(errors[`request-${e.id}`])}
              ${e.status === 'requested' ? html`<p class="card-meta">${t.respondBy} ${format.date(e.respondBy)}</p>` : ''}
              <h3>${t.needSummary}</h3>
              ${summary(e)}
              ${e.status === 'requested'
                ? html`<form class="inline" method="post" action="/c/${consortiumId}/requests/${e.id}">
                    <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                    <div>${button(t.accept, { name: 'answer', value: 'accept' })}</div>
                    <div><label for="reason-${e.id}">${t.reason}</label>
                    <select id="reason-${e.id}" name="reason">${Object.entries(t.declineReasons).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
                    <div>${button(t.decline, { kind: 'danger', name: 'answer', value: 'decline' })}</div>
                  </form>`
                : !finished.includes(e.status)
                  ? html`<p><a href="/c/${consortiumId}/engagements#engagement-${e.id}">${t.seeEngagements}</a></p>`
                  : ''}
            </section>`,
          )
        : emptyState(t.noRequests, t.noRequestsNext, { href: `/c/${consortiumId}/provider-profile`, label: t.providerProfile })}`;
    return layout(ctx, t.requestsTitle, body, consortiumId, { lead: t.requestsLead });
  }

  @Post('requests/:engagementId')
  async answerRequest(@Param('consortiumId') consortiumId: string, @Param('engagementId') engagementId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    if (form.answer !== 'accept' && form.answer !== 'decline') throw new PageStatus(400);
    if (!confirmed(form)) {
      const engagement: IncomingRequest = await this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/engagements/${engagementId}`, ctx.lang);
      const { members } = await consortiumMembers(this.api, ctx, consortiumId);
      const who = members.find((m) => m.organizationId === engagement.nonprofitId)?.organization.name ?? '';
      const texts = ctx.t.confirmSteps[form.answer];
      const declining = form.answer === 'decline';
      return response.type('html').send(
        confirmationPage(ctx, consortiumId, {
          title: texts.title({ who }),
          outcome: texts.outcome({ who }),
          facts: declining ? [[ctx.t.reason, ctx.t.declineReasons[String(form.reason)] ?? '']] : [],
          button: texts.button,
          kind: declining ? 'danger' : 'primary',
          action: `/c/${consortiumId}/requests/${engagementId}`,
          back: `/c/${consortiumId}/requests`,
          fields: form,
        }),
      );
    }
    const answer =
      form.answer === 'accept'
        ? await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements/${engagementId}/accept`, undefined, ctx.lang)
        : await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements/${engagementId}/decline`, { reason: form.reason }, ctx.lang);
    if (answer.status !== 200) {
      return response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, undefined, { [`request-${engagementId}`]: refusalText(answer, ctx.lang) }));
    }
    // After accepting, the next step is the provider's: proposing the scope.
    if (form.answer === 'accept') return response.redirect(303, `/c/${consortiumId}/engagements?done=accepted#engagement-${engagementId}`);
    response.redirect(303, `/c/${consortiumId}/requests?done=answered`);
  }
}
