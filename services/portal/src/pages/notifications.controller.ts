import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { DomainError } from '@ccndr/contracts';
import { Limited } from '@ccndr/auth';
import { button, errorSummary, notice, problem } from '../views/components';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { AnyOrigin } from '../session/cross-site';
import { Api, refusalText } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';

const categories = ['gatherings', 'engagements', 'journey', 'digest'] as const;
type Category = (typeof categories)[number];
const isCategory = (value: unknown): value is Category => categories.includes(value as Category);

/** A signed-in member chooses which e-mails they receive, per category (community keeps the choice). */
@Controller('c/:consortiumId/notifications')
export class NotificationsController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const answer = await this.api.call(ctx.session, 'community', 'GET', `/consortia/${consortiumId}/members/me/notification-preferences`, undefined, ctx.lang);
    // Someone without a member profile here (a coordinator who is not a member) is told why, not shown a form.
    if (answer.status === 403) return response.status(403).type('html').send(layout(ctx, ctx.t.myNotifications, problem(refusalText(answer, ctx.lang)), consortiumId));
    if (answer.status >= 300) throw new DomainError(answer.status === 404 ? 'resource.not-found' : 'request.invalid');
    response.type('html').send(this.render(ctx, consortiumId, answer.body, {}, request.query.done === 'saved' ? ctx.t.notificationsSaved : undefined));
  }

  @Post()
  async save(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const chosen = ([] as string[]).concat(form.categories ?? []);
    if (!chosen.every(isCategory)) {
      const current = await this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/members/me/notification-preferences`, ctx.lang);
      return response.status(400).type('html').send(this.render(ctx, consortiumId, current, { [categories[0]]: ctx.t.notificationsUnknownCategory }));
    }
    const body = Object.fromEntries(categories.map((c) => [c, chosen.includes(c)]));
    const answer = await this.api.call(ctx.session, 'community', 'PUT', `/consortia/${consortiumId}/members/me/notification-preferences`, body, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/notifications?done=saved`);
    response.status(answer.status === 403 ? 403 : 422).type('html').send(this.render(ctx, consortiumId, body as Record<Category, boolean>, { [categories[0]]: refusalText(answer, ctx.lang) }));
  }

  private render(ctx: PortalContext, consortiumId: string, preferences: Record<Category, boolean>, errors: Record<string, string>, done?: string): string {
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, { [categories[0]]: ctx.t.notificationCategories })}
      <form class="stack" method="post" action="/c/${consortiumId}/notifications" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <fieldset><legend>${ctx.t.notificationCategories}</legend>
          ${errors[categories[0]] ? html`<p class="field-error" id="${categories[0]}-error">${errors[categories[0]]}</p>` : ''}
          ${categories.map(
            (c) => html`<div class="check-with-hint"><label><input type="checkbox" id="${c}" name="categories" value="${c}" aria-describedby="${c}-hint" ${preferences[c] ? new SafeHtml('checked') : ''}> ${ctx.t.notificationCategory[c]}</label>
              <p class="hint" id="${c}-hint">${ctx.t.notificationCategoryHint[c]}</p></div>`,
          )}
        </fieldset>
        <div>${button(ctx.t.save)}</div>
      </form>`;
    return layout(ctx, ctx.t.myNotifications, body, consortiumId, { lead: ctx.t.myNotificationsLead });
  }
}

/**
 * The link at the foot of every message and in its List-Unsubscribe header. GET asks to confirm
 * (a link scanner opening it changes nothing); POST unsubscribes at once: the page's button, or a
 * mail client's one-click post (RFC 8058, body `List-Unsubscribe=One-Click`, from any origin, no
 * session). The token is signed by community, which checks it; nobody needs to sign in.
 */
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly api: Api) {}

  @Get()
  @Limited('unsubscribe')
  confirm(@Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const token = tokenOf(request);
    const body = html`<p>${ctx.t.unsubscribeQuestion({ category: categoryOf(token) })}</p>
      <form method="post" action="/unsubscribe"><input type="hidden" name="token" value="${token}"><div>${button(ctx.t.unsubscribeButton)}</div></form>`;
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(layout(ctx, ctx.t.unsubscribeTitle, body));
  }

  @Post()
  @AnyOrigin()
  @Limited('unsubscribe')
  async unsubscribe(@Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const token = tokenOf(request);
    categoryOf(token);
    const answer = await this.api.callPublic('community', 'POST', '/notifications/unsubscribe', { token }, ctx.lang);
    if (answer.status !== 200) throw new DomainError(answer.status === 429 ? 'request.too-many' : 'unsubscribe.invalid-link');
    const body = html`${notice(ctx.t.unsubscribed({ category: answer.body.category }))}<p>${ctx.t.unsubscribedNext}</p>`;
    response.setHeader('Cache-Control', 'no-store');
    response.status(200).type('html').send(layout(ctx, ctx.t.unsubscribeTitle, body));
  }
}

/** The link's token: in the query string (the link itself, a mail client's post) or the confirmation form's field. */
function tokenOf(request: PortalRequest): string {
  const posted = (request.body ?? {}) as Record<string, unknown>;
  const token = typeof request.query.token === 'string' ? request.query.token : typeof posted.token === 'string' ? posted.token : '';
  if (!token || token.length > 300) throw new DomainError('unsubscribe.invalid-link');
  return token;
}

/** The category a token names (checked for real by community when it is used). */
function categoryOf(token: string): Category {
  const category = token.split('.')[2];
  if (!isCategory(category)) throw new DomainError('unsubscribe.invalid-link');
  return category;
}
