import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { Api, PageStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { dimensionNames } from './framework';
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

/** What a provider does with the introductions nonprofits request of it: read each with the need it answers, accept or decline. */
@Controller('c/:consortiumId')
export class ProviderRequestsController {
  constructor(private readonly api: Api) {}

  @Get('requests')
  async requests(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const [engagements, { members }, names]: [IncomingRequest[], { members: Member[] }, Record<string, string>] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/engagements`, ctx.lang),
      consortiumMembers(this.api, ctx, consortiumId),
      dimensionNames(this.api, ctx, consortiumId),
    ]);
    const nameOf = (organizationId: string) => members.find((m) => m.organizationId === organizationId)?.organization.name ?? organizationId;
    const { t, format } = ctx;
    // What the provider weighs before answering: the readiness gap, budget, period, the team's time.
    const summary = (e: IncomingRequest) => {
      const n = e.need;
      const period = n.startsOn || n.endsOn ? `${n.startsOn ? format.date(n.startsOn) : '…'} – ${n.endsOn ? format.date(n.endsOn) : '…'}` : t.notStated;
      return html`<dl class="facts">
        <dt>${t.dimension}</dt><dd>${names[n.dimension] ?? n.dimension}</dd>
        ${n.currentStage !== null && n.targetStage !== null ? html`<dt>${t.readiness}</dt><dd>${t.stageGap({ from: n.currentStage, to: n.targetStage })}</dd>` : ''}
        <dt>${t.budgetMax}</dt><dd>${n.budgetMax === null ? t.notStated : format.money(n.budgetMax)}</dd>
        <dt>${t.period}</dt><dd>${period}</dd>
        <dt>${t.teamTime}</dt><dd>${n.staffHoursPerWeek === null ? t.notStated : t.hoursPerWeek({ hours: n.staffHoursPerWeek })}</dd>
        ${n.language ? html`<dt>${t.language}</dt><dd>${n.language === 'fr' ? t.french : t.english}</dd>` : ''}
        ${n.description ? html`<dt>${t.description}</dt><dd lang="${n.language ?? ctx.lang}">${n.description}</dd>` : ''}
        ${e.message ? html`<dt>${t.note}</dt><dd>${e.message}</dd>` : ''}
      </dl>`;
    };
    const body = html`
      ${request.query.done === 'answered' ? html`<p class="notice" role="status">${t.answered}</p>` : ''}
      ${engagements.length
        ? engagements.map(
            (e) => html`<section aria-labelledby="request-${e.id}">
              <h2 id="request-${e.id}">${nameOf(e.nonprofitId)} — ${t.engagementStatuses[e.status] ?? e.status}${e.status === 'requested' ? html` (${t.respondBy} ${format.date(e.respondBy)})` : ''}</h2>
              <h3>${t.needSummary}</h3>
              ${summary(e)}
              ${e.status === 'requested'
                ? html`<form class="inline" method="post" action="/c/${consortiumId}/requests/${e.id}">
                    <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                    <div><button type="submit" name="answer" value="accept">${t.accept}</button></div>
                    <div><label for="reason-${e.id}">${t.reason}</label>
                    <select id="reason-${e.id}" name="reason">${Object.entries(t.declineReasons).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></div>
                    <div><button type="submit" name="answer" value="decline">${t.decline}</button></div>
                  </form>`
                : ''}
            </section>`,
          )
        : html`<p>${t.noRequests}</p>`}`;
    response.type('html').send(layout(ctx, t.requestsTitle, body, consortiumId));
  }

  @Post('requests/:engagementId')
  async answerRequest(@Param('consortiumId') consortiumId: string, @Param('engagementId') engagementId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const answer =
      form.answer === 'accept'
        ? await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements/${engagementId}/accept`, undefined, ctx.lang)
        : await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements/${engagementId}/decline`, { reason: form.reason }, ctx.lang);
    if (answer.status !== 200) throw new PageStatus(answer.status);
    response.redirect(303, `/c/${consortiumId}/requests?done=answered`);
  }
}
