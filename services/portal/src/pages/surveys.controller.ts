import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { button, buttonLink, emptyState, errorSummary, meter, notice, problem } from '../views/components';
import { errorOf, field, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';

interface Survey {
  id: string;
  title: { fr: string; en: string };
  gatheringId: string | null;
  /** null: from 1 to 4 (community does not say how many). */
  responses: number | null;
}

/** A survey as a member answers it: its questions in both languages. */
interface SurveyToAnswer extends Survey {
  questions: { key: string; kind: 'scale' | 'text'; label: { fr: string; en: string } }[];
  closesAt: string | null;
}

/** A question's field on the answer page: its radio group (fieldset) or its text area. */
const answerField = (key: string) => `answer-${key}`;

/** Community's results; from 1 to 4 responses only the questions (`suppressed`), and a count under 5 is null. */
interface Results {
  responses: number | null;
  suppressed: boolean;
  questions: { key: string; kind: 'scale' | 'text'; label: { fr: string; en: string }; answered: number | null; average?: number | null; comments?: string[] }[];
}

/** Coordinators publish feedback surveys (outcome 1's feedback, outcome 4's perception) and read their results. */
@Controller('c/:consortiumId/surveys')
export class SurveysController {
  constructor(private readonly api: Api) {}

  @Get()
  async list(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, {}, {}, request.query.done === 'published' ? ctx.t.surveyPublished : undefined));
  }

  @Post()
  async publish(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const errors: Record<string, string> = {};
    if (!form.titleFr?.trim()) errors['title.fr'] = ctx.t.required;
    if (!form.titleEn?.trim()) errors['title.en'] = ctx.t.required;
    if (!Object.keys(errors).length) {
      const body = { title: { fr: form.titleFr.trim(), en: form.titleEn.trim() }, gatheringId: form.gatheringId || null };
      const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/surveys`, body, ctx.lang);
      if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/surveys?done=published`);
      Object.assign(errors, fieldErrors(answer, 'title.fr', ctx.lang, { 'title.fr': 'title.fr', 'title.en': 'title.en', gatheringId: 'gatheringId' }));
    }
    response.status(400).type('html').send(await this.render(ctx, consortiumId, form, errors));
  }

  /** A member answers a survey: each 1–5 question a radio group with its scale, each text question a text area (optional). */
  @Get(':surveyId/answer')
  async answerPage(@Param('consortiumId') consortiumId: string, @Param('surveyId') surveyId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.renderAnswer(ctx, consortiumId, surveyId, {}, {}, request.query.done === 'answered'));
  }

  @Post(':surveyId/answer')
  async answer(@Param('consortiumId') consortiumId: string, @Param('surveyId') surveyId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const survey = await this.survey(ctx, consortiumId, surveyId);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const answers: Record<string, number | string> = {};
    for (const q of survey.questions) {
      const posted = form[answerField(q.key)];
      const value = (values[answerField(q.key)] = typeof posted === 'string' ? posted : '');
      if (q.kind === 'scale') {
        // Only the five choices the page offers; anything else is asked again.
        if (/^[1-5]$/.test(value)) answers[q.key] = Number(value);
        else errors[answerField(q.key)] = ctx.t.chooseAnAnswer;
      } else if (value.trim()) answers[q.key] = value.trim();
    }
    let refusal: string | undefined;
    if (!Object.keys(errors).length) {
      const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/surveys/${surveyId}/responses`, { answers }, ctx.lang);
      if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/surveys/${surveyId}/answer?done=answered`);
      // Answered meanwhile (another tab) or closed: the page says so in place of the form.
      if (answer.body?.code === 'survey.already-answered' || answer.body?.code === 'survey.closed') return response.status(refusedStatus(answer)).type('html').send(await this.renderAnswer(ctx, consortiumId, surveyId, {}, {}, false));
      const onPage = Object.fromEntries(survey.questions.map((q) => [`answers.${q.key}`, answerField(q.key)]));
      if (answer.body?.errors?.length) Object.assign(errors, fieldErrors(answer, answerField(survey.questions[0].key), ctx.lang, onPage));
      else refusal = fieldErrors(answer, 'answer', ctx.lang).answer;
      return response.status(refusedStatus(answer)).type('html').send(await this.renderAnswer(ctx, consortiumId, surveyId, values, errors, false, refusal));
    }
    response.status(400).type('html').send(await this.renderAnswer(ctx, consortiumId, surveyId, values, errors, false));
  }

  @Get(':surveyId')
  async results(@Param('consortiumId') consortiumId: string, @Param('surveyId') surveyId: string, @Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const [survey, results] = await Promise.all([
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/surveys/${surveyId}`, ctx.lang) as Promise<Survey>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/surveys/${surveyId}/results`, ctx.lang) as Promise<Results>,
    ]);
    const { t, format } = ctx;
    const count = (n: number | null) => (n === null ? t.fewerThanFiveResponses : t.responsesCount({ count: n }));
    // Fewer than 5 responses: one person's answers could be read off them, so only the questions are listed.
    const body = results.suppressed
      ? html`<p class="lead">${count(results.responses)}</p>
        <div class="notice-box" role="note"><p><strong>${t.surveySuppressed}</strong></p><p>${t.surveyShownFrom}</p></div>
        <h2>${t.questionsAsked}</h2><ul>${results.questions.map((q) => html`<li>${q.label[ctx.lang]}</li>`)}</ul>`
      : html`<p class="lead">${count(results.responses)}</p>
        <ul class="cards">${results.questions.map(
          (q) => html`<li class="card"><h2>${q.kind === 'text' ? t.commentsTitle : q.label[ctx.lang]}</h2>${
            q.kind === 'scale'
              ? html`<p>${q.average === null || q.average === undefined ? t.surveyShownFrom : t.averageOutOfFive({ average: format.number(q.average) })}</p>${q.average ? meter(q.average / 5) : ''}<p class="hint">${count(q.answered)}</p>`
              : q.comments?.length
                ? html`<ul>${q.comments.map((c) => html`<li>${c}</li>`)}</ul>`
                : html`<p class="hint">${t.noComments}</p>`
          }</li>`,
        )}</ul>`;
    response.type('html').send(layout(ctx, survey.title[ctx.lang], body, consortiumId, { trail: [{ href: `/c/${consortiumId}/surveys`, label: ctx.t.surveys }] }));
  }

  private survey(ctx: PortalContext, consortiumId: string, surveyId: string): Promise<SurveyToAnswer> {
    return this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/surveys/${surveyId}`, ctx.lang) as Promise<SurveyToAnswer>;
  }

  /** The answer page: the form, or the thanks once answered (`done`), or that it was answered before or is closed. */
  private async renderAnswer(ctx: PortalContext, consortiumId: string, surveyId: string, values: Record<string, string>, errors: Record<string, string>, done: boolean, refusal?: string): Promise<string> {
    const [survey, mine] = await Promise.all([
      this.survey(ctx, consortiumId, surveyId),
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/surveys/${surveyId}/responses/mine`, ctx.lang) as Promise<{ answered: boolean; submittedAt: string | null }>,
    ]);
    const { t } = ctx;
    const back = buttonLink(`/c/${consortiumId}/organization`, t.surveyBackToOrganization);
    const closed = survey.closesAt !== null && new Date(survey.closesAt).getTime() <= Date.now();
    const labels = Object.fromEntries(survey.questions.map((q) => [answerField(q.key), q.label[ctx.lang]]));
    const body = mine.answered
      ? html`${notice(done ? t.surveyThanks : undefined)}<p>${t.surveyAnsweredOn({ date: ctx.format.date(mine.submittedAt!) })}</p><p>${back}</p>`
      : closed
        ? html`<p>${t.surveyClosedNow}</p><p>${back}</p>`
        : html`
      ${problem(refusal)}
      ${errorSummary(ctx, errors, labels)}
      ${survey.closesAt ? html`<p class="hint">${t.surveyOpenUntil({ date: ctx.format.dateTime(survey.closesAt) })}</p>` : ''}
      <form class="stack" method="post" action="/c/${consortiumId}/surveys/${surveyId}/answer" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${survey.questions.map((q) => {
          const name = answerField(q.key);
          if (q.kind === 'text') {
            return html`<div><label for="${name}">${q.label[ctx.lang]}</label><p class="hint" id="${name}-hint">${t.surveyCommentHint}</p>
              <textarea id="${name}" name="${name}" rows="5" maxlength="5000" aria-describedby="${name}-hint${errors[name] ? ` ${name}-error` : ''}" ${errors[name] ? new SafeHtml('aria-invalid="true"') : ''}>${values[name] ?? ''}</textarea>${errorOf(errors, name)}</div>`;
          }
          return html`<fieldset id="${name}" ${errors[name] ? new SafeHtml(`aria-describedby="${name}-error"`) : ''}><legend>${q.label[ctx.lang]}</legend>
            ${errorOf(errors, name)}
            <div class="choices">${(['1', '2', '3', '4', '5'] as const).map(
              (n) => html`<label><input type="radio" name="${name}" value="${n}" ${values[name] === n ? new SafeHtml('checked') : ''}> ${t.scaleLabels[n]}</label>`,
            )}</div></fieldset>`;
        })}
        <div>${button(t.sendAnswers)}</div>
      </form>`;
    return layout(ctx, survey.title[ctx.lang], body, consortiumId, { trail: [{ href: `/c/${consortiumId}/organization`, label: t.myOrganization }] });
  }

  private async render(ctx: PortalContext, consortiumId: string, form: Record<string, string>, errors: Record<string, string>, done?: string): Promise<string> {
    const [surveys, gatherings] = await Promise.all([
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/surveys`, ctx.lang) as Promise<Survey[]>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/gatherings`, ctx.lang) as Promise<{ id: string; title: string }[]>,
    ]);
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, { 'title.fr': ctx.t.surveyTitleFr, 'title.en': ctx.t.surveyTitleEn, gatheringId: ctx.t.gathering })}
      ${surveys.length
        ? html`<ul class="link-list">${surveys.map((s) => html`<li><a href="/c/${consortiumId}/surveys/${s.id}">${s.title[ctx.lang]}</a> <span class="muted">${s.responses === null ? ctx.t.fewerThanFiveResponses : ctx.t.responsesCount({ count: s.responses })}</span></li>`)}</ul>`
        : emptyState(ctx.t.noSurveys, ctx.t.noSurveysNext)}
      <section class="card" aria-labelledby="publish-title">
      <h2 id="publish-title">${ctx.t.publishSurvey}</h2>
      <form class="stack" method="post" action="/c/${consortiumId}/surveys" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        ${field('title.fr', ctx.t.surveyTitleFr, html`<input type="text" id="title.fr" name="titleFr" lang="fr" value="${form.titleFr ?? ''}" ${invalid(errors, 'title.fr')}>`, errors)}
        ${field('title.en', ctx.t.surveyTitleEn, html`<input type="text" id="title.en" name="titleEn" lang="en" value="${form.titleEn ?? ''}" ${invalid(errors, 'title.en')}>`, errors)}
        <div><label for="gatheringId">${ctx.t.gathering}</label><select id="gatheringId" name="gatheringId" ${invalid(errors, 'gatheringId')}><option value="">${ctx.t.none}</option>${gatherings.map(
          (g) => html`<option value="${g.id}" ${form.gatheringId === g.id ? new SafeHtml('selected') : ''}>${g.title}</option>`,
        )}</select>${errorOf(errors, 'gatheringId')}</div>
        <div>${button(ctx.t.publish)}</div>
      </form>
      </section>`;
    return layout(ctx, ctx.t.surveys, body, consortiumId);
  }
}
