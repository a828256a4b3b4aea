import { Controller, Get, Res } from '@nestjs/common';
import { Messages } from '../i18n/messages';
import { facts } from '../views/components';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { PortalContext, PortalResponse } from './context';
import { Page } from './page.decorators';

/** A heading and what sits under it: a paragraph, or the items of a list. */
const section = (title: string, content: string | Record<string, string | undefined>): SafeHtml =>
  html`<h2>${title}</h2>${typeof content === 'string' ? html`<p>${content}</p>` : html`<ul>${Object.values(content).map((item) => html`<li>${item}</li>`)}</ul>`}`;

/**
 * The pages the footer links to: help, privacy and accessibility. Public (they call no service, so
 * no sign-in is needed) and in both languages, like every page.
 */
@Controller()
export class AboutController {
  @Get('help')
  help(@Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const page = ctx.t.helpPage;
    // Each role's pages by the names the navigation gives them.
    const roles = Object.entries(page.roles).map(
      ([key, role]) => html`<section class="card" aria-labelledby="help-${key}">
        <h2 id="help-${key}">${role.title}</h2>
        ${facts(Object.entries(role.pages).map(([name, purpose]) => [ctx.t[name as keyof Messages] as string, purpose ?? '']))}
      </section>`,
    );
    const body = html`${roles}${section(page.contactTitle, page.contact)}${ctx.session ? '' : html`<p>${page.signIn}</p>`}`;
    response.type('html').send(layout(ctx, page.title, body, undefined, { lead: page.lead }));
  }

  @Get('privacy')
  privacy(@Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const page = ctx.t.privacyPage;
    const body = html`${section(page.keepsTitle, page.keeps)}${section(page.showsTitle, page.shows)}${section(page.eventsTitle, page.events)}${section(page.mailTitle, page.mail)}${section(page.contactTitle, page.contact)}`;
    response.type('html').send(layout(ctx, page.title, html`<div class="prose">${body}</div>`, undefined, { lead: page.lead }));
  }

  @Get('accessibility')
  accessibility(@Page() ctx: PortalContext, @Res() response: PortalResponse) {
    const page = ctx.t.accessibilityPage;
    const body = html`${section(page.targetTitle, page.target)}${section(page.testedTitle, page.tested)}${section(page.limitsTitle, page.limits)}${section(page.reportTitle, page.report)}<p class="hint">${page.updated}</p>`;
    response.type('html').send(layout(ctx, page.title, html`<div class="prose">${body}</div>`, undefined, { lead: page.lead }));
  }
}
