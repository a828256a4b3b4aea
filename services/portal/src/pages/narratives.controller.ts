import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { outcomes } from '@ccndr/indicators';
import { button, buttonLink, errorSummary, notice } from '../views/components';
import { field } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';

/** The parts of the evaluation report the coordinator writes, in the report's order. */
const sections = ['outcome-1', 'outcome-2', 'outcome-3', 'outcome-4', 'learnings'] as const;
type Section = (typeof sections)[number];

/** A section's latest version, as evaluation serves it (a language not written is null). */
interface Narrative {
  section: Section;
  version: number;
  fr: string | null;
  en: string | null;
  writtenAt: string;
}

/**
 * The coordinator writes the report's texts: a narrative under each outcome and the learnings, in
 * French and English, one form per section. Each save is a new version (evaluation keeps them all);
 * the page shows the latest and when it was saved. The report covers the whole history, and so do these texts.
 */
@Controller('c/:consortiumId/narratives')
export class NarrativesController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, { done: sections.includes(request.query.done as Section) ? ctx.t.narrativeSaved : undefined }));
  }

  @Post(':section')
  async write(@Param('consortiumId') consortiumId: string, @Param('section') section: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    // A section the page does not offer: refused like any unknown value, next to its first field.
    const known = sections.find((s) => s === section) ?? sections[0];
    const answer = await this.api.call(ctx.session, 'evaluation', 'PUT', `/consortia/${consortiumId}/narratives/${encodeURIComponent(section)}`, { fr: String(form.fr ?? ''), en: String(form.en ?? '') }, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/narratives?done=${known}#${known}`);
    const errors = fieldErrors(answer, `${known}-fr`, ctx.lang, { fr: `${known}-fr`, en: `${known}-en` });
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, { errors, posted: { section: known, fr: String(form.fr ?? ''), en: String(form.en ?? '') } }));
  }

  private async render(ctx: PortalContext, consortiumId: string, state: { done?: string; errors?: Record<string, string>; posted?: { section: Section; fr: string; en: string } }): Promise<string> {
    const latest: Narrative[] = await this.api.get(ctx.session, 'evaluation', `/consortia/${consortiumId}/narratives`, ctx.lang);
    const errors = state.errors ?? {};
    const title = (section: Section) => {
      if (section === 'learnings') return ctx.t.narrativeLearnings;
      const outcome = outcomes[Number(section.slice(-1)) - 1];
      return `${outcome.heading[ctx.lang]}${ctx.t.colon}${outcome.title[ctx.lang]}`;
    };
    const labels = Object.fromEntries(sections.flatMap((s) => [[`${s}-fr`, `${title(s)} — ${ctx.t.narrativeFr}`], [`${s}-en`, `${title(s)} — ${ctx.t.narrativeEn}`]]));
    /** The hint, and the error when there is one, describe the field. */
    const described = (id: string, hint: string) => new SafeHtml(errors[id] ? `aria-invalid="true" aria-describedby="${hint} ${id}-error"` : `aria-describedby="${hint}"`);
    const forms = sections.map((section) => {
      const current = latest.find((n) => n.section === section);
      // After a refusal, the section's form keeps what was typed.
      const value = (language: 'fr' | 'en') => (state.posted?.section === section ? state.posted[language] : (current?.[language] ?? ''));
      const textarea = (language: 'fr' | 'en') =>
        html`<textarea id="${section}-${language}" name="${language}" lang="${language}" rows="8" ${described(`${section}-${language}`, `${section}-hint`)}>${value(language)}</textarea>`;
      return html`
      <section class="card" aria-labelledby="${section}">
        <h2 id="${section}" tabindex="-1">${title(section)}</h2>
        <p class="muted">${current ? ctx.t.narrativeVersion({ version: current.version, when: ctx.format.dateTime(current.writtenAt) }) : ctx.t.narrativeNotWritten}</p>
        <form class="stack" method="post" action="/c/${consortiumId}/narratives/${section}" novalidate>
          <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
          <p class="hint" id="${section}-hint">${ctx.t.narrativeHint}</p>
          ${field(`${section}-fr`, ctx.t.narrativeFr, textarea('fr'), errors)}
          ${field(`${section}-en`, ctx.t.narrativeEn, textarea('en'), errors)}
          <div>${button(ctx.t.saveNarrative)}</div>
        </form>
      </section>`;
    });
    const report = `/api/evaluation/consortia/${consortiumId}/report?lang=${ctx.lang}&format=html`;
    const body = html`
      ${notice(state.done)}
      ${errorSummary(ctx, errors, labels)}
      <p class="actions">${buttonLink(report, ctx.t.readReport)}</p>
      ${forms}`;
    return layout(ctx, ctx.t.narratives, body, consortiumId, { lead: ctx.t.narrativesLead, trail: [{ href: `/c/${consortiumId}`, label: ctx.t.overview }] });
  }
}
