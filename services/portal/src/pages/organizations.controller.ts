import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { capitalised, organizationCategoryLabels } from '@ccndr/indicators';
import type { OrganizationCategory } from '@ccndr/contracts';
import { button, emptyState, notice } from '../views/components';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, PageStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Form, Page } from './page.decorators';

/** An organisation as community serves it (the fields this page shows). */
interface Organization {
  id: string;
  name: string;
  category: OrganizationCategory;
  nameInReports: boolean;
}

/**
 * The consortium's organisations and, for each, its consent to be named in the programme's reports:
 * off unless the organisation asks (an advisor organisation may be one person, whose name is theirs).
 */
@Controller('c/:consortiumId/organizations')
export class OrganizationsController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const organizations: Organization[] = await this.api.get(ctx.session, 'community', `/consortia/${consortiumId}/organizations`, ctx.lang);
    const saved = organizations.find((o) => o.id === request.query.done);
    const forms = organizations.map(
      (o) => html`
      <section class="card" aria-labelledby="organization-${o.id}">
        <h2 id="organization-${o.id}" tabindex="-1">${o.name}</h2>
        <p class="muted">${capitalised(organizationCategoryLabels[o.category][ctx.lang])}</p>
        <form class="stack" method="post" action="/c/${consortiumId}/organizations/${o.id}" novalidate>
          <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
          <div><label class="check"><input type="checkbox" id="name-in-reports-${o.id}" name="nameInReports" aria-describedby="name-in-reports-${o.id}-hint" ${o.nameInReports ? new SafeHtml('checked') : ''}> ${ctx.t.nameInReports}</label>
          <p class="hint" id="name-in-reports-${o.id}-hint">${ctx.t.nameInReportsHint}</p></div>
          <div>${button(ctx.t.saveOrganization)}</div>
        </form>
      </section>`,
    );
    const body = html`
      ${notice(saved ? ctx.t.organizationSaved({ name: saved.name }) : undefined)}
      ${organizations.length ? forms : emptyState(ctx.t.noOrganizations)}`;
    response.type('html').send(layout(ctx, ctx.t.organizations, body, consortiumId, { lead: ctx.t.organizationsLead, trail: [{ href: `/c/${consortiumId}`, label: ctx.t.overview }] }));
  }

  @Post(':organizationId')
  async save(@Param('consortiumId') consortiumId: string, @Param('organizationId') organizationId: string, @Page() ctx: PortalContext, @Form() form: Record<string, string>, @Res() response: PortalResponse) {
    // A checkbox: present when ticked, absent otherwise.
    const answer = await this.api.call(ctx.session, 'community', 'PATCH', `/consortia/${consortiumId}/organizations/${encodeURIComponent(organizationId)}`, { nameInReports: form.nameInReports !== undefined }, ctx.lang);
    if (answer.status !== 200) throw new PageStatus(answer.status);
    response.redirect(303, `/c/${consortiumId}/organizations?done=${encodeURIComponent(organizationId)}#organization-${encodeURIComponent(organizationId)}`);
  }
}
