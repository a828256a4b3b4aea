import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { badge, button, buttonLink, errorSummary, meter, notice, problem, tableBox } from '../views/components';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, PageStatus, refusalText, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Framework, frameworkVersion, namesOf, stageNamer } from './framework';
import { maturityChart } from './member.controller';
import { consortiumMembers, Member } from './members';
import { Form, Page } from './page.decorators';

interface AssessmentView {
  id: string;
  organizationId: string;
  /** The framework version the assessment was started with: its questions, steps and result are that version's. */
  frameworkVersion: string;
  mode: 'individual' | 'team';
  startedAt: string;
  completedAt: string | null;
  respondents: { memberId: string; answered: number; submitted: boolean }[];
  questions: number;
  mine: { answers: Record<string, string> } | null;
  result: {
    overall: { score: number; stage: number };
    dimensions: { dimension: string; score: number; stage: number; spread: { range: number } | null }[];
    gaps: { dimension: string; currentStage: number; targetStage: number; priority: number }[];
  } | null;
}

type Dimension = Framework['dimensions'][number];

/** A question's anchor on the pages (its fieldset on a step, its row on the check page). */
const anchorOf = (dimension: string, question: string) => `q-${dimension}-${question}`;
const refOf = (dimension: string, question: string) => `${dimension}/${question}`;

/**
 * The self-assessment, GOV.UK style: an overview (who answers, who has submitted, where to
 * resume), one step per readiness dimension saved as the person goes, a "check your answers" page
 * that submits, and the result (radar, gaps against targets, next steps) once the team is done.
 */
@Controller('c/:consortiumId/assessments/:assessmentId')
export class AssessmentController {
  constructor(private readonly api: Api) {}

  @Get()
  async overview(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const { assessment, framework, members, me } = await this.load(ctx, consortiumId, assessmentId);
    const notices: Record<string, string> = { saved: ctx.t.saved, submitted: ctx.t.submittedWaiting };
    const said = notice(notices[String(request.query.done)]);
    if (assessment.result) {
      // Once complete, the result is the outcome of the step just taken: no notice about waiting for the team.
      return response.type('html').send(await this.resultPage(ctx, consortiumId, assessment, framework, request.query.done === 'saved' ? said : notice(undefined)));
    }
    const submitted = assessment.respondents.filter((r) => r.submitted).length;
    const answers = assessment.mine?.answers ?? {};
    const mine = assessment.respondents.find((r) => r.memberId === me?.id);
    const answered = Object.keys(answers).length;
    const resumeAt = firstStepToAnswer(framework, answers);
    const yours = !assessment.mine
      ? html`<p>${ctx.t.notRespondent}</p>`
      : mine?.submitted
      ? html`<p>${badge(ctx.t.hasSubmitted, 'success')} ${ctx.t.youSubmitted}</p>`
      : html`<section class="card" aria-labelledby="yours-title"><h2 id="yours-title">${ctx.t.yourAnswers}</h2>
          <p>${ctx.t.answeredCount({ answered, total: assessment.questions })}</p>${meter(answered / Math.max(1, assessment.questions))}
          <p class="actions">${
            resumeAt === null
              ? buttonLink(`${this.base(consortiumId, assessmentId)}/check`, ctx.t.reviewAndSubmit, 'primary')
              : buttonLink(`${this.base(consortiumId, assessmentId)}/steps/${resumeAt}`, answered ? ctx.t.resumeAnswering : ctx.t.startAnswering, 'primary')
          }</p></section>`;
    const body = html`
      ${said}
      <p>${badge(ctx.t.inProgressBadge, 'info')} ${ctx.t.inProgress({ submitted, total: assessment.respondents.length })}</p>
      ${yours}
      ${assessment.respondents.length > 1 ? respondentsList(ctx, assessment, members, me) : ''}`;
    response.type('html').send(layout(ctx, ctx.t.assessment, body, consortiumId, { trail: this.trail(ctx, consortiumId) }));
  }

  @Get('steps/:step')
  async step(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Param('step') step: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const { assessment, framework, me } = await this.load(ctx, consortiumId, assessmentId);
    const index = stepIndex(framework, step);
    if (!answering(assessment, me)) return response.redirect(303, this.base(consortiumId, assessmentId));
    const fromCheck = request.query.from === 'check';
    response.type('html').send(this.stepPage(ctx, consortiumId, assessmentId, framework, index, assessment.mine!.answers, { fromCheck, markUnanswered: fromCheck }));
  }

  @Post('steps/:step')
  async saveStep(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Param('step') step: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const { framework } = await this.assessmentAndFramework(ctx, consortiumId, assessmentId);
    const index = stepIndex(framework, step);
    const dimension = framework.dimensions[index];
    const answers = Object.fromEntries(
      dimension.questions.map((q) => [refOf(dimension.key, q.key), form[refOf(dimension.key, q.key)]]).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
    );
    const fromCheck = form.from === 'check';
    const saved = await this.api.call(ctx.session, 'assessments', 'PUT', `/consortia/${consortiumId}/assessments/${assessmentId}/answers`, { answers }, ctx.lang);
    if (saved.status !== 200) {
      return response.status(refusedStatus(saved)).type('html').send(this.stepPage(ctx, consortiumId, assessmentId, framework, index, answers, { fromCheck, problem: refusalText(saved, ctx.lang) }));
    }
    const base = this.base(consortiumId, assessmentId);
    const last = framework.dimensions.length - 1;
    const next =
      form.action === 'later' ? `${base}?done=saved`
      : form.action === 'previous' ? (index === 0 ? base : `${base}/steps/${index}`)
      : fromCheck || index === last ? `${base}/check`
      : `${base}/steps/${index + 2}`;
    response.redirect(303, next);
  }

  /** Check your answers, each dimension with a link to change it, before submitting. */
  @Get('check')
  async check(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const { assessment, framework, me } = await this.load(ctx, consortiumId, assessmentId);
    if (!answering(assessment, me)) return response.redirect(303, this.base(consortiumId, assessmentId));
    response.type('html').send(this.checkPage(ctx, consortiumId, assessmentId, framework, assessment.mine!.answers, []));
  }

  @Post('submit')
  async submit(@Param('consortiumId') consortiumId: string, @Param('assessmentId') assessmentId: string, @Page() ctx: PortalContext, @Form() _form: PostedForm, @Res() response: PortalResponse) {
    const submitted = await this.api.call(ctx.session, 'assessments', 'POST', `/consortia/${consortiumId}/assessments/${assessmentId}/submit`, undefined, ctx.lang);
    if (submitted.status === 200) return response.redirect(303, `${this.base(consortiumId, assessmentId)}?done=submitted`);
    // Refused like every form: the check page again, questions left unanswered marked and linked from the summary.
    const { assessment, framework } = await this.load(ctx, consortiumId, assessmentId);
    const answers = assessment.mine?.answers ?? {};
    const unanswered = submitted.body?.code === 'assessment.unanswered-questions';
    const page = this.checkPage(ctx, consortiumId, assessmentId, framework, answers, unanswered ? unansweredOf(framework, answers) : [], unanswered ? undefined : refusalText(submitted, ctx.lang));
    response.status(refusedStatus(submitted)).type('html').send(page);
  }

  private stepPage(
    ctx: PortalContext,
    consortiumId: string,
    assessmentId: string,
    framework: Framework,
    index: number,
    answers: Record<string, string>,
    state: { fromCheck: boolean; markUnanswered?: boolean; problem?: string },
  ): string {
    const dimension = framework.dimensions[index];
    const total = framework.dimensions.length;
    const errors: Record<string, string> = {};
    const labels: Record<string, string> = {};
    if (state.markUnanswered) {
      for (const q of dimension.questions) {
        if (!answers[refOf(dimension.key, q.key)]) {
          errors[anchorOf(dimension.key, q.key)] = ctx.t.unansweredQuestion;
          labels[anchorOf(dimension.key, q.key)] = q.text[ctx.lang];
        }
      }
    }
    if (state.problem) {
      // A refused save names no question the page could point at more precisely than the step's first.
      const first = dimension.questions[0];
      errors[anchorOf(dimension.key, first.key)] ??= state.problem;
      labels[anchorOf(dimension.key, first.key)] ??= first.text[ctx.lang];
    }
    const base = this.base(consortiumId, assessmentId);
    const body = html`
      ${errorSummary(ctx, errors, labels)}
      ${stepProgress(ctx, framework, index, answers)}
      <form class="stack" method="post" action="${base}/steps/${index + 1}">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${state.fromCheck ? html`<input type="hidden" name="from" value="check">` : ''}
        ${dimension.questions.map((q) => {
          const anchor = anchorOf(dimension.key, q.key);
          const ref = refOf(dimension.key, q.key);
          return html`<fieldset id="${anchor}" ${errors[anchor] ? new SafeHtml(`aria-describedby="${anchor}-error"`) : ''}><legend>${q.text[ctx.lang]}</legend>
            ${errors[anchor] ? html`<p class="field-error" id="${anchor}-error">${errors[anchor]}</p>` : ''}
            <div class="choices">${q.options.map(
              (o) => html`<label><input type="radio" name="${ref}" value="${o.key}" ${answers[ref] === o.key ? new SafeHtml('checked') : ''}> ${o.label[ctx.lang]}</label>`,
            )}</div></fieldset>`;
        })}
        <div class="actions">${button(state.fromCheck ? ctx.t.checkAnswers : ctx.t.continueStep, { name: 'action', value: 'next' })}${
          index > 0 && !state.fromCheck ? button(ctx.t.previousStep, { kind: 'secondary', name: 'action', value: 'previous' }) : ''
        }${button(ctx.t.saveForLater, { kind: 'link', name: 'action', value: 'later' })}</div>
      </form>`;
    const title = `${dimension.name[ctx.lang]}`;
    return layout(ctx, title, body, consortiumId, {
      trail: [...this.trail(ctx, consortiumId), { href: base, label: ctx.t.assessment }],
      lead: ctx.t.stepOf({ step: index + 1, total }),
    });
  }

  private checkPage(ctx: PortalContext, consortiumId: string, assessmentId: string, framework: Framework, answers: Record<string, string>, missing: string[], refusal?: string): string {
    const base = this.base(consortiumId, assessmentId);
    const errors: Record<string, string> = {};
    const labels: Record<string, string> = {};
    for (const d of framework.dimensions) {
      for (const q of d.questions) {
        if (missing.includes(refOf(d.key, q.key))) {
          errors[anchorOf(d.key, q.key)] = ctx.t.unansweredQuestion;
          labels[anchorOf(d.key, q.key)] = q.text[ctx.lang];
        }
      }
    }
    const body = html`
      ${problem(refusal)}
      ${errorSummary(ctx, errors, labels)}
      ${framework.dimensions.map((d, i) => {
        const name = d.name[ctx.lang];
        return html`<section class="card" aria-labelledby="check-${d.key}">
          <div class="section-head"><h2 id="check-${d.key}">${name}</h2><a href="${base}/steps/${i + 1}?from=check" aria-label="${ctx.t.changeAnswers}${ctx.t.colon}${name}">${ctx.t.changeAnswers}</a></div>
          <dl class="facts answers">${d.questions.map((q) => {
            const anchor = anchorOf(d.key, q.key);
            const chosen = q.options.find((o) => o.key === answers[refOf(d.key, q.key)]);
            return html`<dt id="${anchor}">${q.text[ctx.lang]}</dt><dd>${
              chosen
                ? chosen.label[ctx.lang]
                : html`${errors[anchor] ? html`<p class="field-error">${errors[anchor]}</p>` : html`<span class="muted">${ctx.t.noAnswer}</span>`}
                  <a href="${base}/steps/${i + 1}?from=check#${anchor}">${ctx.t.answerQuestion}<span class="sr-only">${ctx.t.colon}${q.text[ctx.lang]}</span></a>`
            }</dd>`;
          })}</dl></section>`;
      })}
      <form method="post" action="${base}/submit">
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <div class="actions">${button(ctx.t.submitAnswers)}${buttonLink(`${base}/steps/${framework.dimensions.length}`, ctx.t.previousStep)}</div>
      </form>`;
    return layout(ctx, ctx.t.checkAnswers, body, consortiumId, { trail: [...this.trail(ctx, consortiumId), { href: base, label: ctx.t.assessment }], lead: ctx.t.checkAnswersLead });
  }

  private async resultPage(ctx: PortalContext, consortiumId: string, assessment: AssessmentView, framework: Framework, said: SafeHtml): Promise<string> {
    const result = assessment.result!;
    const base = `/consortia/${consortiumId}/organizations/${assessment.organizationId}`;
    const [targets, journey, needs] = await Promise.all([
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/targets`, undefined, ctx.lang),
      this.api.call(ctx.session, 'assessments', 'GET', `${base}/journey`, undefined, ctx.lang),
      this.api.call(ctx.session, 'provider-matching', 'GET', `/consortia/${consortiumId}/needs?organizationId=${assessment.organizationId}`, undefined, ctx.lang),
    ]);
    const names = namesOf(framework, ctx);
    const stage = stageNamer(framework, ctx);
    const n = ctx.format.number;
    const gapOf = new Map(result.gaps.map((g) => [g.dimension, g]));
    // The target each dimension was measured against: its gap's, else the one set, else the next stage up.
    const targetOf: Record<string, number> = Object.fromEntries(
      result.dimensions.map((d) => [d.dimension, gapOf.get(d.dimension)?.targetStage ?? (targets.status === 200 ? targets.body[d.dimension] : undefined) ?? Math.min(5, d.stage + 1)]),
    );
    const ordered = [...result.dimensions].sort((a, b) => (gapOf.get(a.dimension)?.priority ?? Infinity) - (gapOf.get(b.dimension)?.priority ?? Infinity));
    const gapRows = ordered.map((d) => {
      const gap = gapOf.get(d.dimension);
      return html`<tr><th scope="row">${names[d.dimension] ?? d.dimension}</th><td class="nowrap" data-label="${ctx.t.yourStage}">${stage(d.stage)}</td><td class="nowrap" data-label="${ctx.t.targetStage}">${stage(targetOf[d.dimension])}</td>
        <td data-label="${ctx.t.gapColumn}">${gap ? badge(ctx.t.gapStages({ count: gap.targetStage - gap.currentStage }), 'warning') : badge(ctx.t.targetReached, 'success')}</td><td class="n" data-label="${ctx.t.priorityColumn}">${gap ? n(gap.priority) : '—'}</td></tr>`;
    });
    const biggest = result.gaps.find((g) => g.priority === 1);
    // The need for the biggest gap: the one its gap already drafted (or one open), else a new one.
    const liveNeed = biggest && needs.status === 200 ? (needs.body as { id: string; dimension: string; status: string }[]).find((x) => x.dimension === biggest.dimension && x.status !== 'closed') : undefined;
    const milestones: { step: { fr: string; en: string }; dimension: string; completedAt: string | null }[] = journey.status === 200 ? journey.body.milestones : [];
    const upcoming = milestones.filter((m) => !m.completedAt).slice(0, 3);
    const c = `/c/${consortiumId}`;
    const body = html`
      ${said}
      <p>${badge(ctx.t.completedBadge, 'success')} ${ctx.t.completedOn({ date: ctx.format.date(assessment.completedAt!) })}</p>
      ${maturityChart(ctx, framework, result.dimensions, targetOf, null)}
      <section class="card" aria-labelledby="next-title"><h2 id="next-title">${ctx.t.nextSteps}</h2>
        ${biggest
          ? html`<p>${ctx.t.nextStepNeed({ dimension: names[biggest.dimension] ?? biggest.dimension })}</p>
            <p>${buttonLink(
              liveNeed ? `${c}/needs/${liveNeed.id}` : `${c}/needs/new?dimension=${encodeURIComponent(biggest.dimension)}`,
              (liveNeed?.status === 'draft' ? ctx.t.confirmNeedFor : liveNeed ? ctx.t.seeNeedFor : ctx.t.postNeedFor)({ dimension: names[biggest.dimension] ?? biggest.dimension }),
              'primary',
            )}</p>`
          : ''}
        ${upcoming.length
          ? html`<p>${ctx.t.nextStepJourney}</p><ol>${upcoming.map((m) => html`<li><strong>${names[m.dimension] ?? m.dimension}</strong>${ctx.t.colon}${m.step[ctx.lang]}</li>`)}</ol>`
          : ''}
        <p class="actions">${buttonLink(`${c}/organization/journey`, ctx.t.seeJourney)}${buttonLink(`${c}/organization/profile`, ctx.t.profile)}</p>
      </section>
      <h2>${ctx.t.gapsTitle}</h2>
      ${result.gaps.length ? '' : html`<p>${ctx.t.noGaps}</p>`}
      ${tableBox(ctx.t.gapsTitle, html`<table class="stacked" data-gaps><thead><tr><th scope="col">${ctx.t.dimension}</th><th scope="col">${ctx.t.yourStage}</th><th scope="col">${ctx.t.targetStage}</th><th scope="col">${ctx.t.gapColumn}</th><th scope="col" class="n">${ctx.t.priorityColumn}</th></tr></thead>
        <tbody>${gapRows}</tbody></table>`)}
      <h2>${ctx.t.scoresTitle}</h2>
      ${tableBox(ctx.t.scoresTitle, html`<table class="stacked"><thead><tr><th scope="col">${ctx.t.dimension}</th><th scope="col" class="n">${ctx.t.scoreColumn}</th><th scope="col">${ctx.t.stageColumn}</th><th scope="col" class="n">${ctx.t.disagreementColumn}</th></tr></thead><tbody>
        ${result.dimensions.map(
          (d) => html`<tr><th scope="row">${names[d.dimension] ?? d.dimension}</th><td class="n" data-label="${ctx.t.scoreColumn}">${n(d.score)}</td><td class="nowrap" data-label="${ctx.t.stageColumn}">${stage(d.stage)}</td><td class="n" data-label="${ctx.t.disagreementColumn}">${d.spread ? n(d.spread.range) : '—'}</td></tr>`,
        )}
        <tr><th scope="row">${ctx.t.overall}</th><td class="n" data-label="${ctx.t.scoreColumn}">${n(result.overall.score)}</td><td class="nowrap" data-label="${ctx.t.stageColumn}">${stage(result.overall.stage)}</td><td class="n" data-label="${ctx.t.disagreementColumn}">—</td></tr></tbody></table>`)}`;
    return layout(ctx, ctx.t.result, body, consortiumId, { trail: this.trail(ctx, consortiumId) });
  }

  private async load(ctx: PortalContext, consortiumId: string, assessmentId: string): Promise<{ assessment: AssessmentView; framework: Framework; members: Member[]; me?: Member }> {
    const [{ assessment, framework }, { members, me }] = await Promise.all([this.assessmentAndFramework(ctx, consortiumId, assessmentId), consortiumMembers(this.api, ctx, consortiumId)]);
    return { assessment, framework, members, me };
  }

  /** The assessment and the framework version it was started with (not the one the consortium has adopted since). */
  private async assessmentAndFramework(ctx: PortalContext, consortiumId: string, assessmentId: string): Promise<{ assessment: AssessmentView; framework: Framework }> {
    const assessment: AssessmentView = await this.api.get(ctx.session, 'assessments', `/consortia/${consortiumId}/assessments/${assessmentId}`, ctx.lang);
    return { assessment, framework: await frameworkVersion(this.api, ctx, assessment.frameworkVersion) };
  }

  private base(consortiumId: string, assessmentId: string): string {
    return `/c/${consortiumId}/assessments/${assessmentId}`;
  }

  private trail(ctx: PortalContext, consortiumId: string) {
    return [{ href: `/c/${consortiumId}/organization`, label: ctx.t.myOrganization }];
  }
}

/** Whether the person still has answers to give: a respondent who has not submitted, the result not in yet (else the steps lead back to the overview). */
function answering(assessment: AssessmentView, me: Member | undefined): boolean {
  return Boolean(assessment.mine && !assessment.result && assessment.respondents.some((r) => r.memberId === me?.id && !r.submitted));
}

/** The step's index from its number in the address (1 to the number of dimensions), else the page is not found. */
function stepIndex(framework: Framework, step: string): number {
  const n = Number(step);
  if (!Number.isInteger(n) || n < 1 || n > framework.dimensions.length) throw new PageStatus(404);
  return n - 1;
}

function unansweredOf(framework: Framework, answers: Record<string, string>): string[] {
  return framework.dimensions.flatMap((d) => d.questions.map((q) => refOf(d.key, q.key)).filter((ref) => !answers[ref]));
}

const complete = (d: Dimension, answers: Record<string, string>) => d.questions.every((q) => answers[refOf(d.key, q.key)]);

/** The number of the first step with a question left to answer, or null when every question is answered. */
export function firstStepToAnswer(framework: Framework, answers: Record<string, string>): number | null {
  const index = framework.dimensions.findIndex((d) => !complete(d, answers));
  return index === -1 ? null : index + 1;
}

/** The steps as a bar of segments, the current one marked, each named (and its state said) for screen readers. */
function stepProgress(ctx: PortalContext, framework: Framework, index: number, answers: Record<string, string>): SafeHtml {
  return html`<ol class="step-progress" aria-label="${ctx.t.stepsProgress}">${framework.dimensions.map((d, i) => {
    const state = i === index ? 'current' : complete(d, answers) ? 'done' : 'todo';
    const said = state === 'current' ? ctx.t.stepStateCurrent : state === 'done' ? ctx.t.stepStateDone : ctx.t.stepStateTodo;
    return html`<li class="${state}" ${i === index ? new SafeHtml('aria-current="step"') : ''}><span class="sr-only">${d.name[ctx.lang]}${ctx.t.colon}${said}</span></li>`;
  })}</ol>`;
}

/** Who answers the team's assessment and who has submitted (names are shown inside the organisation only). */
function respondentsList(ctx: PortalContext, assessment: AssessmentView, members: Member[], me: Member | undefined): SafeHtml {
  return html`<section class="card" aria-labelledby="respondents-title"><h2 id="respondents-title">${ctx.t.respondentsTitle}</h2>
    <ul class="link-list">${respondentsInOrder(assessment, members, me).map(({ respondent: r, member }) => {
      const name = member ? (member.id === me?.id ? ctx.t.respondentYou({ name: member.displayName }) : member.displayName) : ctx.t.formerColleague;
      return html`<li><span>${name}</span><span>${r.submitted ? badge(ctx.t.hasSubmitted, 'success') : html`${badge(ctx.t.notYetSubmitted, 'neutral')} <span class="muted">${ctx.t.answeredCount({ answered: r.answered, total: assessment.questions })}</span>`}</span></li>`;
    })}</ul></section>`;
}

/** The person first, then the colleagues by name (those no longer in the directory last). */
function respondentsInOrder(assessment: AssessmentView, members: Member[], me: Member | undefined) {
  const rank = (m: Member | undefined) => (m && m.id === me?.id ? 0 : m ? 1 : 2);
  return assessment.respondents
    .map((respondent) => ({ respondent, member: members.find((m) => m.id === respondent.memberId) }))
    .sort((a, b) => rank(a.member) - rank(b.member) || (a.member?.displayName ?? '').localeCompare(b.member?.displayName ?? ''));
}
