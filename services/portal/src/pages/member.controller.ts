import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { journeyProgressChart, maturityRadar } from '@ccndr/charts';
import { badge, button, buttonLink, emptyState, errorSummary, meter, notice, problem, tableBox, toneOf } from '../views/components';
import { errorOf, field, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus, fieldErrors, PageStatus, refusalText } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { dimensionNames, Framework, frameworkAt, frameworkOf, namesOf, stageNamer } from './framework';
import { consortiumMembers, membersOf } from './members';
import { Form, Page } from './page.decorators';

/** What nonprofit staff do: self-assessment alone or as a team, profile and journey, needs and suggestions. */
@Controller('c/:consortiumId')
export class MemberController {
  constructor(private readonly api: Api) {}

  @Get('organization')
  async organization(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const { me, colleagues } = await this.me(ctx, consortiumId);
    const assessments: { id: string; mode: string; startedAt: string; completedAt: string | null; respondents: { memberId: string; submitted: boolean }[] }[] = await this.api.get(
      ctx.session,
      'assessments',
      `/consortia/${consortiumId}/assessments?organizationId=${me.organizationId}`,
      ctx.lang,
    );
    // The surveys waiting for this person's answer: the consortium's, and those of gatherings they attended.
    const surveys: { id: string; title: { fr: string; en: string }; closesAt: string | null }[] = await this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/surveys/to-answer`, ctx.lang);
    const body = html`
      ${surveys.length
        ? html`<section class="card" aria-labelledby="feedback-title"><h2 id="feedback-title">${ctx.t.giveFeedback}</h2><p class="hint">${ctx.t.giveFeedbackHint}</p>
          <ul class="link-list">${surveys.map(
            (s) => html`<li><a href="/c/${consortiumId}/surveys/${s.id}/answer">${s.title[ctx.lang]}</a>${s.closesAt ? html` <span class="muted">${ctx.t.surveyOpenUntil({ date: ctx.format.date(s.closesAt) })}</span>` : ''}</li>`,
          )}</ul></section>`
        : ''}
      <ul class="cards">
        <li class="card"><a href="/c/${consortiumId}/organization/profile">${ctx.t.profile}</a><p class="hint">${ctx.t.profileCardHint}</p></li>
        <li class="card"><a href="/c/${consortiumId}/organization/journey">${ctx.t.journey}</a><p class="hint">${ctx.t.journeyCardHint}</p></li>
      </ul>
      <h2>${ctx.t.assessments}</h2>
      ${assessments.length
        ? html`<ul class="link-list">${assessments.map(
            (a) => html`<li><a href="/c/${consortiumId}/assessments/${a.id}">${ctx.t.assessment} · ${ctx.format.date(a.startedAt)}</a>
              <span>${a.completedAt
                ? html`${badge(ctx.t.completedBadge, 'success')} <span class="muted">${ctx.t.completedOn({ date: ctx.format.date(a.completedAt) })}</span>`
                : html`${a.respondents.some((r) => r.memberId === me.id && !r.submitted) ? badge(ctx.t.yourTurn, 'warning') : badge(ctx.t.inProgressBadge, 'info')} <span class="muted">${ctx.t.inProgress({ submitted: a.respondents.filter((r) => r.submitted).length, total: a.respondents.length })}</span>`}</span></li>`,
          )}</ul>`
        : emptyState(ctx.t.noAssessments)}
      <section class="card" aria-labelledby="start-title">
      <h2 id="start-title">${ctx.t.startAssessment}</h2>
      <form method="post" action="/c/${consortiumId}/assessments">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${colleagues.length
          ? html`<fieldset aria-describedby="teammates-hint"><legend>${ctx.t.teammates}</legend><p class="hint" id="teammates-hint">${ctx.t.teammatesHint}</p><div class="checks">${colleagues.map(
              (c) => html`<label><input type="checkbox" name="teammates" value="${c.id}"> ${c.displayName}</label>`,
            )}</div></fieldset>`
          : ''}
        <p>${button(ctx.t.start)}</p>
      </form>
      </section>`;
    response.type('html').send(layout(ctx, ctx.t.myOrganization, body, consortiumId, { lead: me.organization.name }));
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

  @Get('organization/profile')
  async profile(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const base = `/consortia/${consortiumId}/organizations/${me.organizationId}`;
    const [profile, benchmark, targets] = await Promise.all([
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/profile`, undefined, ctx.lang),
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/benchmark`, undefined, ctx.lang),
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/targets`, undefined, ctx.lang),
    ]);
    // The profile shown is the latest assessment's: its dimensions are named as in its framework version.
    const history = profile.status === 200 ? (profile.body.history as { frameworkVersion: string }[]) : [];
    const framework = await frameworkAt(this.api, ctx, consortiumId, history[history.length - 1]?.frameworkVersion);
    const names = namesOf(framework, ctx);
    const stage = stageNamer(framework, ctx);
    const trail = [{ href: `/c/${consortiumId}/organization`, label: ctx.t.myOrganization }];
    if (profile.status === 404) return response.type('html').send(layout(ctx, ctx.t.profile, emptyState(ctx.t.noProfile, { href: `/c/${consortiumId}/organization`, label: ctx.t.noProfileNext }), consortiumId, { trail }));
    if (profile.status !== 200) throw new PageStatus(profile.status);
    const n = ctx.format.number;
    const peers = benchmark.status === 200 && benchmark.body.available ? (benchmark.body.dimensions as { dimension: string; quartiles: { lowerQuartile: number; median: number; upperQuartile: number } }[]) : [];
    const dimensions = profile.body.latest.dimensions as { dimension: string; score: number; stage: number; spread: { range: number } | null }[];
    const changes = (profile.body.change ?? []) as { dimension: string; delta: number | null }[];
    const changeOf = (dimension: string) => changes.find((c) => c.dimension === dimension)?.delta ?? null;
    // A column only when it says something: team disagreement for a team, change after a retake, peers from 5 organisations.
    const columns: { label: string; numeric: boolean; cell: (d: (typeof dimensions)[number], name: string) => SafeHtml | string }[] = [
      {
        label: ctx.t.scoreColumn,
        numeric: true,
        cell: (d, name) => html`<span class="score">${n(d.score)}<svg class="track" role="img" aria-label="${name}${ctx.t.colon}${n(d.score)} / 100" viewBox="0 0 100 1" preserveAspectRatio="none"><rect class="fill" width="${d.score}" height="1"/></svg></span>`,
      },
      { label: ctx.t.stageColumn, numeric: false, cell: (d) => html`<span class="nowrap">${stage(d.stage)}</span>` },
      ...(dimensions.some((d) => d.spread) ? [{ label: ctx.t.disagreementColumn, numeric: true, cell: (d: (typeof dimensions)[number]) => (d.spread ? n(d.spread.range) : '—') }] : []),
      ...(changes.some((c) => c.delta !== null && c.delta !== undefined)
        ? [{ label: ctx.t.changeColumn, numeric: true, cell: (d: (typeof dimensions)[number]) => { const delta = changeOf(d.dimension); return delta === null ? '—' : (delta > 0 ? '+' : '') + n(delta); } }]
        : []),
      ...(peers.length
        ? [{ label: ctx.t.peers, numeric: true, cell: (d: (typeof dimensions)[number]) => { const peer = peers.find((p) => p.dimension === d.dimension); return peer ? `${n(peer.quartiles.median)} (${n(peer.quartiles.lowerQuartile)}–${n(peer.quartiles.upperQuartile)})` : '—'; } }]
        : []),
    ];
    // On a phone each dimension is a block of labelled lines (a stacked table): nothing to scroll sideways.
    const rows = dimensions.map((d) => {
      const name = names[d.dimension] ?? d.dimension;
      return html`<tr><th scope="row">${name}</th>${columns.map((c) => html`<td class="${c.numeric ? 'n' : ''}" data-label="${c.label}">${c.cell(d, name)}</td>`)}</tr>`;
    });
    const radar = maturityChart(ctx, framework, profile.body.latest.dimensions, targets.status === 200 ? targets.body : {}, benchmark.status === 200 && benchmark.body.available ? benchmark.body.dimensions : null);
    const body = html`
      ${radar}
      ${tableBox(ctx.t.profile, html`<table class="stacked" data-profile><thead><tr><th scope="col">${ctx.t.dimension}</th>${columns.map((c) => html`<th scope="col" class="${c.numeric ? 'n' : ''}">${c.label}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`)}
      ${benchmark.status === 200 && !benchmark.body.available ? html`<p class="hint">${benchmark.body.message[ctx.lang]}</p>` : ''}
      <p>${buttonLink(`/c/${consortiumId}/organization/journey`, ctx.t.journey)}</p>`;
    response.type('html').send(layout(ctx, ctx.t.profile, body, consortiumId, { trail }));
  }

  @Get('organization/journey')
  async journey(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const done = request.query.done === 'milestone' ? ctx.t.milestoneDone : request.query.done === 'due' ? ctx.t.milestoneDueSaved : undefined;
    await this.renderJourney(consortiumId, ctx, response, done);
  }

  /** The journey page, with a notice of what was just done or why a change was refused. */
  private async renderJourney(consortiumId: string, ctx: PortalContext, response: PortalResponse, done?: string, refused?: { milestoneId: string; message: string }) {
    const { me } = await this.me(ctx, consortiumId);
    const answer = await this.api.call(ctx.session, 'assessments', 'GET', `/consortia/${consortiumId}/organizations/${me.organizationId}/journey`, undefined, ctx.lang);
    // The journey is drawn from one assessment: its dimensions are named as in that assessment's framework version.
    const source = answer.status === 200 ? await this.api.call(ctx.session, 'assessments', 'GET', `/consortia/${consortiumId}/assessments/${answer.body.assessmentId}`, undefined, ctx.lang) : undefined;
    const framework = await frameworkAt(this.api, ctx, consortiumId, source?.status === 200 ? (source.body as { frameworkVersion: string }).frameworkVersion : null);
    const names = namesOf(framework, ctx);
    const stage = stageNamer(framework, ctx);
    const trail = [{ href: `/c/${consortiumId}/organization`, label: ctx.t.myOrganization }];
    if (answer.status === 404) return response.type('html').send(layout(ctx, ctx.t.journey, emptyState(ctx.t.noJourney, { href: `/c/${consortiumId}/organization`, label: ctx.t.noProfileNext }), consortiumId, { trail }));
    if (answer.status !== 200) throw new PageStatus(answer.status);
    const journey = answer.body as {
      progress: number;
      milestones: { id: string; dimension: string; fromStage: number; toStage: number; step: { fr: string; en: string }; resources: { url: string; title: { fr: string; en: string } }[]; completedAt: string | null; dueOn: string | null }[];
    };
    // Per dimension, in the order of the milestones: reached and in all.
    const perDimension = new Map<string, { done: number; total: number }>();
    for (const m of journey.milestones) {
      const counts = perDimension.get(m.dimension) ?? { done: 0, total: 0 };
      perDimension.set(m.dimension, { done: counts.done + (m.completedAt ? 1 : 0), total: counts.total + 1 });
    }
    const chart = perDimension.size
      ? new SafeHtml(
          journeyProgressChart({
            id: 'journey-progress',
            locale: ctx.t.chartLocale,
            text: { title: ctx.t.journeyChart, description: ctx.t.journeyChartDescription, showData: ctx.t.showData, suppressed: ctx.t.fewerThanFive },
            labels: { dimension: ctx.t.dimension, done: ctx.t.milestonesReached, remaining: ctx.t.milestonesLeft, total: ctx.t.milestonesTotal },
            dimensions: [...perDimension].map(([dimension, counts]) => ({ label: names[dimension] ?? dimension, ...counts })),
          }),
        )
      : '';
    const reached = journey.milestones.filter((m) => m.completedAt).length;
    const dueErrors = (milestoneId: string): Record<string, string> => (refused?.milestoneId === milestoneId ? { [`due-${milestoneId}`]: refused.message } : {});
    const body = html`
      ${notice(done)}
      ${refused ? errorSummary(ctx, { [`due-${refused.milestoneId}`]: refused.message }, { [`due-${refused.milestoneId}`]: ctx.t.milestoneDueOn }) : ''}
      <div class="card">
        <p><strong>${ctx.t.progress}${ctx.t.colon}${ctx.format.percent(journey.progress / 100)}</strong> <span class="muted">· ${ctx.t.milestonesDone({ done: reached, total: journey.milestones.length })}</span></p>
        ${meter(journey.progress / 100)}
      </div>
      ${chart}
      <ol class="steps">${journey.milestones.map(
        (m) => html`<li class="card${m.completedAt ? ' done' : ''}"><h2>${names[m.dimension] ?? m.dimension}${m.completedAt ? badge(ctx.t.stepDone, 'success') : ''}</h2>
          <p class="card-meta">${stage(m.fromStage)} → ${stage(m.toStage)}</p>
          <p>${m.step[ctx.lang]}</p>
          ${m.resources.length ? html`<p>${ctx.t.resources}${ctx.t.colon}</p><ul>${m.resources.map((r) => html`<li><a href="${r.url}" rel="noopener">${r.title[ctx.lang]}</a></li>`)}</ul>` : ''}
          ${m.completedAt
            ? html`<p class="muted">${ctx.t.doneOn({ date: ctx.format.date(m.completedAt) })}</p>`
            : html`<form method="post" action="/c/${consortiumId}/organization/journey/${m.id}"><input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                ${button(ctx.t.markDone, { kind: 'secondary', ariaLabel: `${ctx.t.markDone}${ctx.t.colon}${m.step[ctx.lang]}` })}</form>
              <form method="post" action="/c/${consortiumId}/organization/journey/${m.id}/due" novalidate><input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                ${field(`due-${m.id}`, ctx.t.milestoneDueOn, html`<input type="date" id="due-${m.id}" name="dueOn" value="${m.dueOn ?? ''}" ${invalid(dueErrors(m.id), `due-${m.id}`)}>`, dueErrors(m.id))}
                ${button(ctx.t.saveDueDate, { kind: 'secondary', ariaLabel: `${ctx.t.saveDueDate}${ctx.t.colon}${m.step[ctx.lang]}` })}</form>`}</li>`,
      )}</ol>`;
    response.type('html').send(layout(ctx, ctx.t.journey, body, consortiumId, { trail }));
  }

  @Post('organization/journey/:milestoneId')
  async completeMilestone(@Param('consortiumId') consortiumId: string, @Param('milestoneId') milestoneId: string, @Page() ctx: PortalContext, @Form() _form: PostedForm, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const answer = await this.api.call(ctx.session, 'assessments', 'POST', `/consortia/${consortiumId}/organizations/${me.organizationId}/journey/milestones/${milestoneId}/complete`, {}, ctx.lang);
    if (answer.status !== 200) throw new PageStatus(answer.status);
    response.redirect(303, `/c/${consortiumId}/organization/journey?done=milestone`);
  }

  /** The day the organisation plans to reach a milestone by (empty: none); its members are reminded the day before. */
  @Post('organization/journey/:milestoneId/due')
  async setMilestoneDue(@Param('consortiumId') consortiumId: string, @Param('milestoneId') milestoneId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const { me } = await this.me(ctx, consortiumId);
    const dueOn = typeof form.dueOn === 'string' && form.dueOn.trim() ? form.dueOn.trim() : null;
    const answer = await this.api.call(ctx.session, 'assessments', 'PUT', `/consortia/${consortiumId}/organizations/${me.organizationId}/journey/milestones/${milestoneId}/due`, { dueOn }, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/organization/journey?done=due`);
    // A day refused comes back as the form with its error; anything else (a milestone not theirs, a forged id) is refused as such.
    const dayRefused = answer.status === 400 && (answer.body?.errors ?? []).some((e: { field?: string }) => e.field === 'dueOn');
    if (!dayRefused) throw new PageStatus(answer.status);
    response.status(400);
    await this.renderJourney(consortiumId, ctx, response, undefined, { milestoneId, message: fieldErrors(answer, 'dueOn', ctx.lang).dueOn });
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
    const body = html`<p>${buttonLink(`/c/${consortiumId}/needs/new`, ctx.t.postNeed, 'primary')}</p>${needs.length
      ? html`<ul class="link-list">${needs.map((n) => html`<li><a href="/c/${consortiumId}/needs/${n.id}">${names[n.dimension] ?? n.dimension}</a> ${badge(status(n.status), toneOf(n.status))}</li>`)}</ul>`
      : emptyState(ctx.t.noNeeds, { href: `/c/${consortiumId}/organization`, label: ctx.t.noNeedsNext })}`;
    response.type('html').send(layout(ctx, ctx.t.yourNeeds, body, consortiumId, { lead: ctx.t.needsLead }));
  }

  @Get('needs/new')
  async newNeed(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const dimension = typeof request.query.dimension === 'string' ? request.query.dimension : '';
    response.type('html').send(await this.newNeedPage(ctx, consortiumId, { dimension, language: ctx.lang }, {}));
  }

  @Post('needs')
  async postNeed(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() posted: PostedForm, @Res() response: PortalResponse) {
    const form = Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v ?? '')]));
    const { me } = await this.me(ctx, consortiumId);
    const errors: Record<string, string> = {};
    let status = 400;
    if (!form.dimension) errors.dimension = ctx.t.required;
    if (!form.description?.trim()) errors.description = ctx.t.required;
    if (!form.staffHoursPerWeek) errors.staffHoursPerWeek = ctx.t.required;
    if (!Object.keys(errors).length) {
      const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/needs`, {
        organizationId: me.organizationId,
        dimension: form.dimension,
        description: form.description.trim(),
        language: form.language,
        budgetMax: form.budgetMax ? Number(form.budgetMax) : null,
        startsOn: form.startsOn || null,
        endsOn: form.endsOn || null,
        staffHoursPerWeek: Number(form.staffHoursPerWeek),
      }, ctx.lang);
      if (answer.status === 201 || answer.status === 200) return response.redirect(303, `/c/${consortiumId}/needs/${answer.body.id}?done=posted`);
      status = refusedStatus(answer);
      Object.assign(errors, fieldErrors(answer, 'description', ctx.lang, { dimension: 'dimension', description: 'description', language: 'language', budgetMax: 'budgetMax', startsOn: 'startsOn', endsOn: 'endsOn', staffHoursPerWeek: 'staffHoursPerWeek' }));
    }
    response.status(status).type('html').send(await this.newNeedPage(ctx, consortiumId, form, errors));
  }

  @Get('needs/:needId')
  async need(@Param('consortiumId') consortiumId: string, @Param('needId') needId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const notice = request.query.done === 'confirmed' ? ctx.t.confirmed : request.query.done === 'requested' ? ctx.t.introductionRequested : request.query.done === 'posted' ? ctx.t.needPosted : undefined;
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
      Object.assign(errors, fieldErrors(answer, 'description', ctx.lang, { description: 'description', language: 'language', budgetMax: 'budgetMax', staffHoursPerWeek: 'staffHoursPerWeek' }));
    }
    response.status(400).type('html').send(await this.needPage(ctx, consortiumId, needId, { form, errors }));
  }

  @Post('needs/:needId/introductions')
  async requestIntroduction(@Param('consortiumId') consortiumId: string, @Param('needId') needId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const providerId = String(form.providerId ?? '');
    const answer = await this.api.call(ctx.session, 'provider-matching', 'POST', `/consortia/${consortiumId}/engagements`, { needId, providerId }, ctx.lang);
    if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/needs/${needId}?done=requested`);
    response.status(refusedStatus(answer)).type('html').send(await this.needPage(ctx, consortiumId, needId, { problem: refusalText(answer, ctx.lang) }));
  }

  private me(ctx: PortalContext, consortiumId: string) {
    return membersOf(this.api, ctx, consortiumId);
  }

  /** A new need of the person's organisation: one readiness dimension, what is needed, the staff time set aside; budget and dates if known. */
  private async newNeedPage(ctx: PortalContext, consortiumId: string, form: Record<string, string>, errors: Record<string, string>): Promise<string> {
    const framework = await frameworkOf(this.api, ctx, consortiumId);
    const selected = (on: boolean) => (on ? new SafeHtml('selected') : '');
    const labels = {
      dimension: ctx.t.needDimension,
      description: ctx.t.description,
      language: ctx.t.language,
      budgetMax: ctx.t.budget,
      startsOn: ctx.t.needStartsOn,
      endsOn: ctx.t.needEndsOn,
      staffHoursPerWeek: ctx.t.staffHours,
    };
    const body = html`
      ${errorSummary(ctx, errors, labels)}
      <form class="stack" method="post" action="/c/${consortiumId}/needs" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${field('dimension', labels.dimension, html`<select id="dimension" name="dimension" required ${invalid(errors, 'dimension')}><option value="">${ctx.t.chooseDimension}</option>${framework.dimensions.map(
          (d) => html`<option value="${d.key}" ${selected(form.dimension === d.key)}>${d.name[ctx.lang]}</option>`,
        )}</select>`, errors)}
        ${field('description', labels.description, html`<textarea id="description" name="description" rows="4" required ${invalid(errors, 'description')}>${form.description ?? ''}</textarea>`, errors)}
        ${field('language', labels.language, html`<select id="language" name="language" ${invalid(errors, 'language')}><option value="fr" ${selected(form.language !== 'en')}>${ctx.t.french}</option><option value="en" ${selected(form.language === 'en')}>${ctx.t.english}</option></select>`, errors)}
        ${field('staffHoursPerWeek', labels.staffHoursPerWeek, html`<input type="number" id="staffHoursPerWeek" name="staffHoursPerWeek" min="0.5" max="80" step="0.5" value="${form.staffHoursPerWeek ?? ''}" required ${invalid(errors, 'staffHoursPerWeek')}>`, errors)}
        ${field('budgetMax', labels.budgetMax, html`<input type="number" id="budgetMax" name="budgetMax" min="0" value="${form.budgetMax ?? ''}" ${invalid(errors, 'budgetMax')}>`, errors)}
        ${field('startsOn', labels.startsOn, html`<input type="date" id="startsOn" name="startsOn" value="${form.startsOn ?? ''}" ${invalid(errors, 'startsOn')}>`, errors)}
        ${field('endsOn', labels.endsOn, html`<input type="date" id="endsOn" name="endsOn" value="${form.endsOn ?? ''}" ${invalid(errors, 'endsOn')}>`, errors)}
        <div>${button(ctx.t.postNeed)}</div>
      </form>`;
    return layout(ctx, ctx.t.postNeed, body, consortiumId, { trail: [{ href: `/c/${consortiumId}/needs`, label: ctx.t.needs }], lead: ctx.t.postNeedLead });
  }

  private async needPage(ctx: PortalContext, consortiumId: string, needId: string, state: { notice?: string; problem?: string; form?: Record<string, string>; errors?: Record<string, string> }): Promise<string> {
    const [needs, suggestions, names, { members }, sent] = await Promise.all([
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/needs`, ctx.lang) as Promise<{ id: string; dimension: string; status: string; description: string | null }[]>,
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/needs/${needId}/suggestions`, ctx.lang) as Promise<
        { providerId: string; rank: number; score: number; full: boolean; factors: { key: string; points: number; max: number; explanation: { fr: string; en: string } }[] }[]
      >,
      dimensionNames(this.api, ctx, consortiumId),
      consortiumMembers(this.api, ctx, consortiumId),
      this.api.get(ctx.session, 'provider-matching', `/consortia/${consortiumId}/engagements?needId=${needId}`, ctx.lang) as Promise<{ id: string; providerId: string; status: string }[]>,
    ]);
    // A provider already asked shows how that request stands instead of offering to ask again
    // (the latest request counts: one declined or cancelled may be followed by a new one).
    const latest = new Map(sent.map((e) => [e.providerId, e]));
    const pendingWith = (providerId: string) => {
      const e = latest.get(providerId);
      return e && !['declined', 'cancelled', 'expired'].includes(e.status) ? e : undefined;
    };
    const need = needs.find((n) => n.id === needId);
    if (!need) throw new PageStatus(404);
    const providerName = (id: string) => members.find((m) => m.organizationId === id)?.organization.name ?? id;
    const form = state.form ?? {};
    const errors = state.errors ?? {};
    const status = need.status === 'draft' ? ctx.t.draft : need.status === 'open' ? ctx.t.openNeed : ctx.t.closedNeed;
    const body = html`
      ${notice(state.notice)}
      ${errorSummary(ctx, { ...errors, ...(state.problem ? { suggestions: state.problem } : {}) }, { description: ctx.t.description, language: ctx.t.language, budgetMax: ctx.t.budget, staffHoursPerWeek: ctx.t.staffHours, suggestions: ctx.t.suggestions })}
      <p>${badge(status, toneOf(need.status))}</p>
      ${need.description && need.status !== 'draft' ? html`<p>${need.description}</p>` : ''}
      ${need.status === 'draft'
        ? html`<section class="card" aria-labelledby="confirm-title"><h2 id="confirm-title">${ctx.t.confirmNeed}</h2>
          <form class="stack" method="post" action="/c/${consortiumId}/needs/${needId}/confirm" novalidate>
            <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
            ${field('description', ctx.t.description, html`<textarea id="description" name="description" rows="3" required ${invalid(errors, 'description')}>${form.description ?? ''}</textarea>`, errors)}
            <div><label for="language">${ctx.t.language}</label><select id="language" name="language" ${invalid(errors, 'language')}>
              <option value="fr" ${form.language === 'en' ? '' : new SafeHtml('selected')}>${ctx.t.french}</option><option value="en" ${form.language === 'en' ? new SafeHtml('selected') : ''}>${ctx.t.english}</option></select>${errorOf(errors, 'language')}</div>
            ${field('budgetMax', ctx.t.budget, html`<input type="number" id="budgetMax" name="budgetMax" min="0" value="${form.budgetMax ?? ''}" ${invalid(errors, 'budgetMax')}>`, errors)}
            ${field('staffHoursPerWeek', ctx.t.staffHours, html`<input type="number" id="staffHoursPerWeek" name="staffHoursPerWeek" min="0.5" max="80" step="0.5" value="${form.staffHoursPerWeek ?? ''}" required ${invalid(errors, 'staffHoursPerWeek')}>`, errors)}
            <div>${button(ctx.t.confirm)}</div>
          </form></section>`
        : ''}
      <h2 id="suggestions" tabindex="-1">${ctx.t.suggestions}</h2>
      ${problem(state.problem)}
      ${suggestions.length
        ? html`<ol class="cards">${suggestions.map(
            (s) => html`<li class="card"><p><strong>${providerName(s.providerId)}</strong> ${s.full ? badge(ctx.t.full, 'warning') : ''}</p>
              <p class="card-meta">${ctx.t.score}${ctx.t.colon}${ctx.t.scoreOutOf({ score: ctx.format.number(s.score) })}</p>
              ${meter(s.score / 100)}
              <details><summary>${ctx.t.why}</summary><ul>${s.factors.map((f) => html`<li>${f.explanation[ctx.lang]} (${ctx.format.number(f.points)}${f.max ? `/${ctx.format.number(f.max)}` : ''})</li>`)}</ul></details>
              ${pendingWith(s.providerId)
                ? html`<p>${badge(ctx.t.requestSentStatus({ status: ctx.t.requestStatusNames[pendingWith(s.providerId)!.status] ?? '' }), 'info')} <a href="/c/${consortiumId}/engagements#engagement-${pendingWith(s.providerId)!.id}">${ctx.t.seeEngagements}</a></p>`
                : need.status === 'open'
                ? html`<form class="actions" method="post" action="/c/${consortiumId}/needs/${needId}/introductions"><input type="hidden" name="csrf" value="${ctx.session?.csrf}">
                    <input type="hidden" name="providerId" value="${s.providerId}">${button(ctx.t.requestIntroduction, { ariaLabel: `${ctx.t.requestIntroduction}${ctx.t.colon}${providerName(s.providerId)}` })}</form>`
                : ''}</li>`,
          )}</ol>`
        : emptyState(ctx.t.noSuggestions, ctx.t.noSuggestionsNext)}
      ${[...latest.values()].some((e) => !suggestions.some((s) => s.providerId === e.providerId))
        ? html`<h2>${ctx.t.sentRequests}</h2><ul>${[...latest.values()]
            .filter((e) => !suggestions.some((s) => s.providerId === e.providerId))
            .map((e) => html`<li>${providerName(e.providerId)} — ${ctx.t.requestSentStatus({ status: ctx.t.requestStatusNames[e.status] ?? '' })}</li>`)}</ul>`
        : ''}`;
    return layout(ctx, names[need.dimension] ?? need.dimension, body, consortiumId, { trail: [{ href: `/c/${consortiumId}/needs`, label: ctx.t.needs }] });
  }
}

/**
 * The maturity profile as a radar on stages 1–5: the organisation's stage, its target stage (the
 * next stage up where none is set, as the journeys take it) and, when the benchmark is shown,
 * the peers' median stage.
 */
export function maturityChart(
  ctx: PortalContext,
  framework: Framework,
  dimensions: { dimension: string; stage: number }[],
  targets: Record<string, number>,
  peers: { dimension: string; medianStage: number }[] | null,
): SafeHtml {
  const names = namesOf(framework, ctx);
  const stageName = stageNamer(framework, ctx);
  return new SafeHtml(
    maturityRadar({
      id: 'maturity-profile',
      locale: ctx.t.chartLocale,
      text: {
        title: peers ? ctx.t.maturityChart : ctx.t.maturityChartNoPeers,
        description: ctx.t.maturityChartDescription({ peers: peers !== null ? 'shown' : 'hidden' }),
        showData: ctx.t.showData,
        suppressed: ctx.t.fewerThanFive,
      },
      showPeers: peers !== null,
      labels: { dimension: ctx.t.dimension, stage: ctx.t.yourStage, target: ctx.t.targetStage, peerMedian: ctx.t.peerMedianStage, stageName },
      dimensions: dimensions.map((d) => {
        const peer = peers?.find((p) => p.dimension === d.dimension);
        return { label: names[d.dimension] ?? d.dimension, stage: d.stage, target: targets[d.dimension] ?? Math.min(5, d.stage + 1), peerMedian: peer?.medianStage ?? null };
      }),
    }),
  );
}
