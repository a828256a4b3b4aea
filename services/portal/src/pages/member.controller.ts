import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { field, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, PageStatus, refusalText } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { dimensionNames, Framework } from './framework';
import { consortiumMembers, membersOf } from './members';
import { Form, Page } from './page.decorators';

/** What nonprofit staff do: self-assessment alone or as a team, profile and journey, needs and suggestions. */
@Controller('c/:consortiumId')
export class MemberController {
  constructor(private readonly api: Api) {}

  @Get('organization')
  async organization(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const { me, colleagues } = await this.me(ctx, consortiumId);
    const assessments: { id: string; mode: string; startedAt: string; completedAt: string | null; respondents: { submitted: boolean }[] }[] = await this.api.get(
      ctx.session,
      'assessments',
      `/consortia/${consortiumId}/assessments?organizationId=${me.organizationId}`,
      ctx.lang,
    );
    const body = html`
      <p>${me.organization.name}</p>
      <ul><li><a href="/c/${consortiumId}/organization/profile">${ctx.t.profile}</a></li><li><a href="/c/${consortiumId}/organization/journey">${ctx.t.journey}</a></li></ul>
      <h2>${ctx.t.assessments}</h2>
      ${assessments.length
        ? html`<ul>${assessments.map(
            (a) => html`<li><a href="/c/${consortiumId}/assessments/${a.id}">${ctx.t.assessment} · ${ctx.format.date(a.startedAt)}</a> —
              ${a.completedAt ? ctx.t.completedOn({ date: ctx.format.date(a.completedAt) }) : ctx.t.inProgress({ submitted: a.respondents.filter((r) => r.submitted).length, total: a.respondents.length })}</li>`,
          )}</ul>`
        : ''}
      <h2>${ctx.t.startAssessment}</h2>
      <form method="post" action="/c/${consortiumId}/assessments">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${colleagues.length
          ? html`<fieldset><legend>${ctx.t.teammates}</legend><div class="checks">${colleagues.map(
              (c) => html`<label><input type="checkbox" name="teammates" value="${c.id}"> ${c.displayName}</label>`,
            )}</div></fieldset>`
          : ''}
        <p><button type="submit">${ctx.t.start}</button></p>
      </form>`;
    response.type('html').send(layout(ctx, ctx.t.myOrganization, body, consortiumId));
  }

  @Post('assessments')
  async startAssessment(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const teammates = ([] as string[]).concat(form.teammates ?? []);
    const answer = await this.api.call(ctx.session, 'assessments', 'POST', `/consortia/${consortiumId}/assessments`, {
      organizationId: me.organizationId,
      respondentMemberIds: teammates.length ? [me.id, ...teammates] : null,
    }, ctx.lang);
    if (answer.status !== 201) throw new PageStatus(answer.status);
    response.redirect(303, `/c/${consortiumId}/assessments/${answer.body.id}`);
  }

  @Get('assessments/:assessmentId')
  async assessment(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const notice = request.query.done === 'saved' ? ctx.t.saved : request.query.done === 'submitted' ? ctx.t.submittedWaiting : undefined;
    response.type('html').send(await this.assessmentPage(ctx, consortiumId, assessmentId, { notice }));
  }

  @Post('assessments/:assessmentId')
  async answer(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const answers = Object.fromEntries(Object.entries(form).filter(([k]) => k.includes('/')));
    const saved = await this.api.call(ctx.session, 'assessments', 'PUT', `/consortia/${consortiumId}/assessments/${assessmentId}/answers`, { answers }, ctx.lang);
    if (saved.status === 200 && form.action === 'submit') {
      const submitted = await this.api.call(ctx.session, 'assessments', 'POST', `/consortia/${consortiumId}/assessments/${assessmentId}/submit`, undefined, ctx.lang);
      if (submitted.status === 200) return response.redirect(303, `/c/${consortiumId}/assessments/${assessmentId}?done=submitted`);
      return response.status(submitted.status).type('html').send(await this.assessmentPage(ctx, consortiumId, assessmentId, { problem: refusalText(submitted, ctx.lang), answers }));
    }
    if (saved.status === 200) return response.redirect(303, `/c/${consortiumId}/assessments/${assessmentId}?done=saved`);
    response.status(saved.status).type('html').send(await this.assessmentPage(ctx, consortiumId, assessmentId, { problem: refusalText(saved, ctx.lang), answers }));
  }

  @Get('organization/profile')
  async profile(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const base = `/consortia/${consortiumId}/organizations/${me.organizationId}`;
    const [profile, benchmark, names] = await Promise.all([
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/profile`, undefined, ctx.lang),
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/benchmark`, undefined, ctx.lang),
      dimensionNames(this.api, ctx, consortiumId),
    ]);
    if (profile.status === 404) return response.type('html').send(layout(ctx, ctx.t.profile, html`<p>${ctx.t.noProfile}</p>`, consortiumId));
    if (profile.status !== 200) throw new PageStatus(profile.status);
    const peers = benchmark.status === 200 && benchmark.body.available ? (benchmark.body.dimensions as { dimension: string; quartiles: { lowerQuartile: number; median: number; upperQuartile: number } }[]) : [];
    const rows = (profile.body.latest.dimensions as { dimension: string; score: number; stage: number; spread: { range: number } | null }[]).map((d) => {
      const change = (profile.body.change ?? []).find((c: { dimension: string }) => c.dimension === d.dimension);
      const peer = peers.find((p) => p.dimension === d.dimension);
      const name = names[d.dimension] ?? d.dimension;
      return html`<tr>
        <th scope="row">${name}</th>
        <td><svg class="track" role="img" aria-label="${name}${ctx.t.colon}${d.score} / 100" viewBox="0 0 100 1" preserveAspectRatio="none"><rect class="fill" width="${d.score}" height="1"/></svg></td>
        <td class="n">${d.score}</td><td class="n">${d.stage}</td>
        <td class="n">${d.spread ? d.spread.range : '—'}</td>
        <td class="n">${change?.delta === null || change?.delta === undefined ? '—' : (change.delta > 0 ? '+' : '') + change.delta}</td>
        <td class="n">${peer ? `${peer.quartiles.median} (${peer.quartiles.lowerQuartile}–${peer.quartiles.upperQuartile})` : '—'}</td>
      </tr>`;
    });
    const body = html`
      <div class="table-scroll" role="region" aria-label="${ctx.t.profile}" tabindex="0"><table><thead><tr><th scope="col">${ctx.t.dimension}</th><th scope="col"><span class="sr-only">${ctx.t.score}</span></th><th scope="col">${ctx.t.score}</th><th scope="col">${ctx.t.stage}</th>
        <th scope="col">${ctx.t.disagreement}</th><th scope="col">${ctx.t.change}</th><th scope="col">${ctx.t.peers}</th></tr></thead><tbody>${rows}</tbody></table></div>
      ${benchmark.status === 200 && !benchmark.body.available ? html`<p>${benchmark.body.message[ctx.lang]}</p>` : ''}
      <p><a href="/c/${consortiumId}/organization/journey">${ctx.t.journey}</a></p>`;
    response.type('html').send(layout(ctx, ctx.t.profile, body, consortiumId));
  }

  @Get('organization/journey')
  async journey(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const [answer, names] = await Promise.all([
      this.api.call(ctx.session, 'assessments', 'GET', `/consortia/${consortiumId}/organizations/${me.organizationId}/journey`, undefined, ctx.lang),
      dimensionNames(this.api, ctx, consortiumId),
    ]);
    if (answer.status === 404) return response.type('html').send(layout(ctx, ctx.t.journey, html`<p>${ctx.t.noJourney}</p>`, consortiumId));
    if (answer.status !== 200) throw new PageStatus(answer.status);
    const journey = answer.body as {
      progress: number;
      milestones: { id: string; dimension: string; fromStage: number; toStage: number; step: { fr: string; en: string }; resources: { url: string; title: { fr: string; en: string } }[]; completedAt: string | null }[];
    };
    const body = html`
      ${request.query.done === 'milestone' ? html`<p class="notice" role="status">${ctx.t.milestoneDone}</p>` : ''}
      <p>${ctx.t.progress}${ctx.t.colon}${ctx.format.percent(journey.progress / 100)}</p>
      <ol>${journey.milestones.map(
        (m) => html`<li><h2>${names[m.dimension] ?? m.dimension} · ${ctx.t.stage} ${m.fromStage} → ${m.toStage}</h2>
          <p>${m.step[ctx.lang]}</p>
          ${m.resources.length ? html`<p>${ctx.t.resources}${ctx.t.colon}</p><ul>${m.resources.map((r) => html`<li><a href="${r.url}" rel="noopener">${r.title[ctx.lang]}</a></li>`)}</ul>` : ''}
          ${m.completedAt
            ? html`<p>${ctx.t.doneOn({ date: ctx.format.date(m.completedAt) })}</p>`
            : html`<form method="post" action="/c/${consortiumId}/organization/journey/${m.id}"><input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                <button type="submit" aria-label="${ctx.t.markDone}${ctx.t.colon}${m.step[ctx.lang]}">${ctx.t.markDone}</button></form>`}</li>`,
      )}</ol>`;
    response.type('html').send(layout(ctx, ctx.t.journey, body, consortiumId));
  }

  @Post('organization/journey/:milestoneId')
  async completeMilestone(@Param('consortiumId') consortiumId: string, @Param('milestoneId') milestoneId: string, @Page() ctx: PortalContext, @Form() _form: PostedForm, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const answer = await this.api.call(ctx.session, 'assessments', 'POST', `/consortia/${consortiumId}/organizations/${me.organizationId}/journey/milestones/${milestoneId}/complete`, {}, ctx.lang);
    if (answer.status !== 200) throw new PageStatus(answer.status);
    response.redirect(303, `/c/${consortiumId}/organization/journey?done=milestone`);
  }

  @Get('needs')
  async needs(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const needs: { id: string; dimension: string; status: string; priority: number | null }[] = await this.api.get(
      ctx.session,
      'provider-matching',
      `/consortia/${consortiumId}/needs?organizationId=${me.organizationId}`,
      ctx.lang,
    );
    const names = await dimensionNames(this.api, ctx, consortiumId);
    const status = (s: string) => (s === 'draft' ? ctx.t.draft : s === 'open' ? ctx.t.openNeed : ctx.t.closedNeed);
    const body = needs.length
      ? html`<ul>${needs.map((n) => html`<li><a href="/c/${consortiumId}/needs/${n.id}">${names[n.dimension] ?? n.dimension}</a> — ${status(n.status)}</li>`)}</ul>`
      : html`<p>${ctx.t.noNeeds}</p>`;
    response.type('html').send(layout(ctx, ctx.t.yourNeeds, body, consortiumId));
  }

  @Get('needs/:needId')
  async need(@Param('consortiumId') consortiumId: string, @Param('needId') needId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const notice = request.query.done === 'confirmed' ? ctx.t.confirmed : request.query.done === 'requested' ? ctx.t.introductionRequested : undefined;
    response.type('html').send(await this.needPage(ctx, consortiumId, needId, { notice }));
  }

  @Post('needs/:needId/confirm')
  async confirm(@Param('consortiumId') consortiumId: string, @Param('needId') needId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const errors: Record<string, string> = {};
    if (!form.description?.trim()) errors.description = ctx.t.required;
    if (!form.staffHoursPerWeek) errors.staffHoursPerWeek = ctx.t.required;
    if (!Object.keys(errors).length) {
      const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/needs/${needId}/confirm`, {
        description: form.description.trim(),
        language: form.language,
        budgetMax: form.budgetMax ? Number(form.budgetMax) : null,
        staffHoursPerWeek: Number(form.staffHoursPerWeek),
      }, ctx.lang);
      if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/needs/${needId}?done=confirmed`);
      Object.assign(errors, fieldErrors(answer, 'description', ctx.lang));
    }
    response.status(400).type('html').send(await this.needPage(ctx, consortiumId, needId, { form, errors }));
  }

  @Post('needs/:needId/introductions')
  async requestIntroduction(@Param('consortiumId') consortiumId: string, @Param('needId') needId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const providerId = String(form.providerId ?? '');
    const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements`, { needId, providerId }, ctx.lang);
    if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/needs/${needId}?done=requested`);
    response.status(answer.status).type('html').send(await this.needPage(ctx, consortiumId, needId, { problem: refusalText(answer, ctx.lang) }));
  }

  private me(ctx: PortalContext, consortiumId: string) {
    return membersOf(this.api, ctx, consortiumId);
  }

  private async assessmentPage(ctx: PortalContext, consortiumId: string, assessmentId: string, state: { notice?: string; problem?: string; answers?: Record<string, string> }): Promise<string> {
    const [assessment, framework] = await Promise.all([
      this.api.get(ctx.session, 'assessments', `/consortia/${consortiumId}/assessments/${assessmentId}`, ctx.lang),
      this.api.get(ctx.session, 'assessments', `/consortia/${consortiumId}/framework`, ctx.lang) as Promise<Framework>,
    ]);
    const submitted = assessment.respondents.filter((r: { submitted: boolean }) => r.submitted).length;
    const answers: Record<string, string> = state.answers ?? assessment.mine?.answers ?? {};
    const names = Object.fromEntries(framework.dimensions.map((d) => [d.key, d.name[ctx.lang]]));
    let content: SafeHtml;
    if (assessment.result) {
      content = html`<h2>${ctx.t.result}</h2><div class="table-scroll" role="region" aria-label="${ctx.t.result}" tabindex="0"><table><thead><tr><th scope="col">${ctx.t.dimension}</th><th scope="col">${ctx.t.score}</th><th scope="col">${ctx.t.stage}</th><th scope="col">${ctx.t.disagreement}</th></tr></thead><tbody>
        ${assessment.result.dimensions.map(
          (d: { dimension: string; score: number; stage: number; spread: { range: number } | null }) =>
            html`<tr><th scope="row">${names[d.dimension] ?? d.dimension}</th><td class="n">${d.score}</td><td class="n">${d.stage}</td><td class="n">${d.spread ? d.spread.range : '—'}</td></tr>`,
        )}
        <tr><th scope="row">${ctx.t.overall}</th><td class="n">${assessment.result.overall.score}</td><td class="n">${assessment.result.overall.stage}</td><td></td></tr></tbody></table></div>
        <p><a href="/c/${consortiumId}/needs">${ctx.t.needs}</a></p>`;
    } else if (!assessment.mine) {
      content = html`<p>${ctx.t.notRespondent}</p>`;
    } else {
      content = html`<form method="post" action="/c/${consortiumId}/assessments/${assessmentId}">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${framework.dimensions.map(
          (d) => html`<h2>${d.name[ctx.lang]}</h2>${d.questions.map(
            (q) => html`<fieldset><legend>${q.text[ctx.lang]}</legend>${q.options.map(
              (o) => html`<label><input type="radio" name="${d.key}/${q.key}" value="${o.key}" ${answers[`${d.key}/${q.key}`] === o.key ? new SafeHtml('checked') : ''}> ${o.label[ctx.lang]}</label>`,
            )}</fieldset>`,
          )}`,
        )}
        <p><button type="submit" name="action" value="save">${ctx.t.saveAnswers}</button> <button type="submit" name="action" value="submit">${ctx.t.submitAnswers}</button></p>
      </form>`;
    }
    const body = html`
      ${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
      ${state.problem ? html`<p class="problem" role="alert">${state.problem}</p>` : ''}
      <p>${assessment.completedAt ? ctx.t.completedOn({ date: ctx.format.date(assessment.completedAt) }) : ctx.t.inProgress({ submitted, total: assessment.respondents.length })}</p>
      ${content}`;
    return layout(ctx, ctx.t.assessment, body, consortiumId);
  }

  private async needPage(ctx: PortalContext, consortiumId: string, needId: string, state: { notice?: string; problem?: string; form?: Record<string, string>; errors?: Record<string, string> }): Promise<string> {
    const [needs, suggestions, names, { members }] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/needs`, ctx.lang) as Promise<{ id: string; dimension: string; status: string; description: string | null }[]>,
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/needs/${needId}/suggestions`, ctx.lang) as Promise<
        { providerId: string; rank: number; score: number; full: boolean; factors: { key: string; points: number; max: number; explanation: { fr: string; en: string } }[] }[]
      >,
      dimensionNames(this.api, ctx, consortiumId),
      consortiumMembers(this.api, ctx, consortiumId),
    ]);
    const need = needs.find((n) => n.id === needId);
    if (!need) throw new PageStatus(404);
    const providerName = (id: string) => members.find((m) => m.organizationId === id)?.organization.name ?? id;
    const form = state.form ?? {};
    const errors = state.errors ?? {};
    const body = html`
      ${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
      ${state.problem ? html`<p class="problem" role="alert">${state.problem}</p>` : ''}
      ${Object.keys(errors).length ? html`<p class="problem" role="alert">${ctx.t.fixErrors}</p>` : ''}
      ${need.status === 'draft'
        ? html`<h2>${ctx.t.confirmNeed}</h2>
          <form class="stack" method="post" action="/c/${consortiumId}/needs/${needId}/confirm" novalidate>
            <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
            ${field('description', ctx.t.description, html`<textarea id="description" name="description" rows="3" required ${invalid(errors, 'description')}>${form.description ?? ''}</textarea>`, errors)}
            <div><label for="language">${ctx.t.language}</label><select id="language" name="language">
              <option value="fr" ${form.language === 'en' ? '' : new SafeHtml('selected')}>${ctx.t.french}</option><option value="en" ${form.language === 'en' ? new SafeHtml('selected') : ''}>${ctx.t.english}</option></select></div>
            ${field('budgetMax', ctx.t.budget, html`<input type="number" id="budgetMax" name="budgetMax" min="0" value="${form.budgetMax ?? ''}" ${invalid(errors, 'budgetMax')}>`, errors)}
            ${field('staffHoursPerWeek', ctx.t.staffHours, html`<input type="number" id="staffHoursPerWeek" name="staffHoursPerWeek" min="0.5" max="80" step="0.5" value="${form.staffHoursPerWeek ?? ''}" required ${invalid(errors, 'staffHoursPerWeek')}>`, errors)}
            <div><button type="submit">${ctx.t.confirm}</button></div>
          </form>`
        : ''}
      <h2>${ctx.t.suggestions}</h2>
      ${suggestions.length
        ? html`<ol>${suggestions.map(
            (s) => html`<li><p><strong>${providerName(s.providerId)}</strong> — ${ctx.t.score} ${s.score}/100 ${s.full ? html`(${ctx.t.full})` : ''}</p>
              <details><summary>${ctx.t.why}</summary><ul>${s.factors.map((f) => html`<li>${f.explanation[ctx.lang]} (${f.points}${f.max ? `/${f.max}` : ''})</li>`)}</ul></details>
              ${need.status === 'open'
                ? html`<form method="post" action="/c/${consortiumId}/needs/${needId}/introductions"><input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                    <input type="hidden" name="providerId" value="${s.providerId}"><button type="submit" aria-label="${ctx.t.requestIntroduction}${ctx.t.colon}${providerName(s.providerId)}">${ctx.t.requestIntroduction}</button></form>`
                : ''}</li>`,
          )}</ol>`
        : html`<p>${ctx.t.noSuggestions}</p>`}`;
    return layout(ctx, names[need.dimension] ?? need.dimension, body, consortiumId);
  }
}
