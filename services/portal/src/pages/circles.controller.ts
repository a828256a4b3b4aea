import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { badge, button, emptyState, errorSummary, notice } from '../views/components';
import { errorOf, field, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, refusedStatus, fieldErrors, refusalText } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';

interface Circle {
  id: string;
  name: string;
  prototype: number | null;
  activeMembers: number;
  members: { memberId: string; displayName: string }[];
}

/** Coordinators form the working groups (circles) and keep their membership: the co-design indicator comes from it. */
@Controller('c/:consortiumId/circles')
export class CirclesController {
  constructor(private readonly api: Api) {}

  @Get()
  async list(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    response.type('html').send(await this.render(ctx, consortiumId, {}, {}, request.query.done === 'updated' ? ctx.t.circleUpdated : undefined));
  }

  @Post()
  async create(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const errors: Record<string, string> = {};
    if (!form.name?.trim()) errors.name = ctx.t.required;
    if (!Object.keys(errors).length) {
      const answer = await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/circles`, { name: form.name.trim(), prototype: form.prototype ? Number(form.prototype) : null }, ctx.lang);
      if (answer.status === 201) return response.redirect(303, `/c/${consortiumId}/circles?done=updated`);
      Object.assign(errors, fieldErrors(answer, 'name', ctx.lang, { name: 'name', prototype: 'prototype' }));
    }
    response.status(400).type('html').send(await this.render(ctx, consortiumId, form, errors));
  }

  @Post(':circleId/members')
  async addMember(@Param('consortiumId') consortiumId: string, @Param('circleId') circleId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    const answer =
      form.remove
        ? await this.api.call(ctx.session, 'community', 'DELETE', `/consortia/${consortiumId}/circles/${circleId}/members/${form.remove}`, undefined, ctx.lang)
        : await this.api.call(ctx.session, 'community', 'POST', `/consortia/${consortiumId}/circles/${circleId}/members`, { memberId: form.memberId }, ctx.lang);
    if (answer.status < 300) return response.redirect(303, `/c/${consortiumId}/circles?done=updated`);
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, {}, { [`member-${circleId}`]: refusalText(answer, ctx.lang) }));
  }

  private async render(ctx: PortalContext, consortiumId: string, form: Record<string, string>, errors: Record<string, string>, done?: string): Promise<string> {
    const [summaries, members] = await Promise.all([
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/circles`, ctx.lang) as Promise<{ id: string }[]>,
      this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/members`, ctx.lang) as Promise<{ id: string; displayName: string; organization: { name: string } }[]>,
    ]);
    const circles: Circle[] = await Promise.all(summaries.map((c) => this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/circles/${c.id}`, ctx.lang)));
    const csrf = html`<input type="hidden" name="csrf" value="${ctx.session?.csrf}">`;
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, errors, { name: ctx.t.name, prototype: ctx.t.prototype, ...Object.fromEntries(circles.map((c) => [`member-${c.id}`, `${c.name}${ctx.t.colon}${ctx.t.addMember}`])) })}
      ${circles.length
        ? circles.map((c) => {
            const active = new Set(c.members.map((m) => m.memberId));
            return html`<section class="card" aria-labelledby="c-${c.id}"><h2 id="c-${c.id}">${c.name}${c.prototype ? ` (prototype ${c.prototype})` : ''}<span class="sr-only"> — </span>${badge(ctx.t.activeMembers({ count: c.activeMembers }), 'info')}</h2>
              <form method="post" action="/c/${consortiumId}/circles/${c.id}/members">${csrf}<ul class="link-list">${c.members.map(
                (m) => html`<li><span>${m.displayName}</span> ${button(ctx.t.remove, { kind: 'link', name: 'remove', value: m.memberId, ariaLabel: `${ctx.t.remove}${ctx.t.colon}${m.displayName}` })}</li>`,
              )}</ul></form>
              <form method="post" action="/c/${consortiumId}/circles/${c.id}/members" class="stack inline">${csrf}
                <div><label for="member-${c.id}">${ctx.t.addMember}</label>
                <select id="member-${c.id}" name="memberId" ${invalid(errors, `member-${c.id}`)}>${members
                  .filter((m) => !active.has(m.id))
                  .map((m) => html`<option value="${m.id}">${m.displayName} (${m.organization.name})</option>`)}</select>
                ${errors[`member-${c.id}`] ? html`<p class="field-error" id="member-${c.id}-error">${errors[`member-${c.id}`]}</p>` : ''}</div>
                <div>${button(ctx.t.add, { kind: 'secondary' })}</div></form></section>`;
          })
        : emptyState(ctx.t.noCircles, ctx.t.noCirclesNext)}
      <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">${ctx.t.createCircle}</h2>
      <form class="stack" method="post" action="/c/${consortiumId}/circles" novalidate>${csrf}
        ${field('name', ctx.t.name, html`<input type="text" id="name" name="name" value="${form.name ?? ''}" ${invalid(errors, 'name')}>`, errors)}
        <div><label for="prototype">${ctx.t.prototype}</label><select id="prototype" name="prototype" ${invalid(errors, 'prototype')}>
          <option value="">${ctx.t.none}</option>${[1, 2, 3].map((n) => html`<option value="${n}" ${form.prototype === String(n) ? new SafeHtml('selected') : ''}>${n}</option>`)}</select>${errorOf(errors, 'prototype')}</div>
        <div>${button(ctx.t.createCircle)}</div>
      </form>
      </section>`;
    return layout(ctx, ctx.t.circles, body, consortiumId);
  }
}
