import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { provincesAndTerritories } from '@ccndr/contracts';
import { button, errorSummary, notice } from '../views/components';
import { errorOf, field, invalid } from '../views/fields';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { Api, fieldErrors, refusedStatus } from './api';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';
import { Framework, stageNamer } from './framework';
import { membersOf } from './members';

const offeringSlots = [0, 1, 2];
const stages = [1, 2, 3, 4, 5];

type Form = Record<string, string | string[]>;
const list = (form: Form, name: string) => ([] as string[]).concat(form[name] ?? []);
const one = (form: Form, name: string) => String(form[name] ?? '');
const checked = (yes: boolean) => (yes ? new SafeHtml('checked') : '');

/** A provider's profile: offerings mapped to readiness dimensions and stages, languages, places, cost, capacity, response time. */
@Controller('c/:consortiumId/provider-profile')
export class ProviderController {
  constructor(private readonly api: Api) {}

  @Get()
  async page(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const organizationId = await this.myOrganization(ctx, consortiumId);
    const current = await this.api.call(ctx.session, 'provider-matching', 'GET', `/consortia/${consortiumId}/providers/${organizationId}`, undefined, ctx.lang);
    const form: Form = current.status === 200 ? formFromProfile(current.body) : { languages: ['fr'], costKind: 'free', capacity: '1', responseTimeDays: '5' };
    response.type('html').send(await this.render(ctx, consortiumId, form, {}, request.query.done === 'saved' ? ctx.t.profileSaved : undefined));
  }

  @Post()
  async save(@Param('consortiumId') consortiumId: string, @Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    const organizationId = await this.myOrganization(ctx, consortiumId);
    const offerings = offeringSlots
      .filter((i) => one(form, `title${i}`).trim())
      .map((i) => ({ title: one(form, `title${i}`).trim(), dimensions: list(form, `dimensions${i}`), stages: list(form, `stages${i}`).map(Number) }));
    const kind = one(form, 'costKind');
    const body = {
      offerings,
      languages: list(form, 'languages'),
      provincesServed: list(form, 'provinces'),
      remote: one(form, 'remote') === 'on',
      costModel: { kind, feeRange: kind === 'free' ? null : { min: Number(one(form, 'feeMin') || 0), max: Number(one(form, 'feeMax') || 0) } },
      capacity: Number(one(form, 'capacity')),
      responseTimeDays: Number(one(form, 'responseTimeDays')),
    };
    const answer = await this.api.call(ctx.session, 'provider-matching', 'PUT', `/consortia/${consortiumId}/providers/${organizationId}`, body, ctx.lang);
    if (answer.status === 200) return response.redirect(303, `/c/${consortiumId}/provider-profile?done=saved`);
    const errors = fieldErrors(answer, 'offerings', ctx.lang);
    response.status(refusedStatus(answer)).type('html').send(await this.render(ctx, consortiumId, form, errors));
  }

  private async myOrganization(ctx: PortalContext, consortiumId: string): Promise<string> {
    return (await membersOf(this.api, ctx, consortiumId)).me.organizationId;
  }

  private async render(ctx: PortalContext, consortiumId: string, form: Form, errors: Record<string, string>, done?: string): Promise<string> {
    const framework: Framework = await this.api.get(ctx.session, 'assessments', `/consortia/${consortiumId}/framework`, ctx.lang);
    const stageName = stageNamer(framework, ctx);
    // Each error by the id of the page's field it is about: next to that field and in the summary.
    const shown = summaryOf(errors);
    const offeringError = (i: number) => shown[`offering-${i}`];
    const body = html`
      ${notice(done)}
      ${errorSummary(ctx, shown, { ...Object.fromEntries(offeringSlots.map((i) => [`offering-${i}`, ctx.t.offering({ position: i + 1 })])), languages: ctx.t.languages, provincesServed: ctx.t.provinces, costKind: ctx.t.costKind, feeMax: ctx.t.feeMax, capacity: ctx.t.capacityOpen, responseTimeDays: ctx.t.responseTime })}
      <form class="stack" method="post" action="/c/${consortiumId}/provider-profile" novalidate>
        <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
        <p>${ctx.t.offeringHelp}</p>
        ${offeringSlots.map(
          (i) => html`<fieldset id="offering-${i}"><legend>${ctx.t.offering({ position: i + 1 })}</legend>
            ${field(`title${i}`, ctx.t.title, html`<input type="text" id="title${i}" name="title${i}" value="${one(form, `title${i}`)}">`, {})}
            <fieldset><legend>${ctx.t.dimensions}</legend><div class="checks">${framework.dimensions.map(
              (d) => html`<label><input type="checkbox" name="dimensions${i}" value="${d.key}" ${checked(list(form, `dimensions${i}`).includes(d.key))}> ${d.name[ctx.lang]}</label>`,
            )}</div></fieldset>
            <fieldset><legend>${ctx.t.stages}</legend><div class="checks">${stages.map(
              (n) => html`<label><input type="checkbox" name="stages${i}" value="${n}" ${checked(list(form, `stages${i}`).includes(String(n)))}> ${stageName(n)}</label>`,
            )}</div></fieldset>
            ${offeringError(i) ? html`<p class="field-error" role="alert">${offeringError(i)}</p>` : ''}
          </fieldset>`,
        )}
        <fieldset id="languages"><legend>${ctx.t.languages}</legend>
          <label><input type="checkbox" name="languages" value="fr" ${checked(list(form, 'languages').includes('fr'))}> ${ctx.t.french}</label>
          <label><input type="checkbox" name="languages" value="en" ${checked(list(form, 'languages').includes('en'))}> ${ctx.t.english}</label>
          ${errorOf(shown, 'languages')}</fieldset>
        <fieldset id="provincesServed"><legend>${ctx.t.provinces}</legend><div class="checks">${provincesAndTerritories.map(
          (p) => html`<label><input type="checkbox" name="provinces" value="${p}" ${checked(list(form, 'provinces').includes(p))}> ${p}</label>`,
        )}</div>
          <label><input type="checkbox" name="remote" ${checked(one(form, 'remote') === 'on')}> ${ctx.t.remote}</label>${errorOf(shown, 'provincesServed')}</fieldset>
        <div><label for="costKind">${ctx.t.costKind}</label><select id="costKind" name="costKind" ${invalid(shown, 'costKind')}>${['free', 'subsidised', 'fee'].map(
          (k) => html`<option value="${k}" ${one(form, 'costKind') === k ? new SafeHtml('selected') : ''}>${ctx.t.costKinds[k]}</option>`,
        )}</select>${errorOf(shown, 'costKind')}</div>
        ${field('feeMin', ctx.t.feeMin, html`<input type="number" id="feeMin" name="feeMin" min="0" value="${one(form, 'feeMin')}" ${invalid(shown, 'feeMax')}>`, {})}
        ${field('feeMax', ctx.t.feeMax, html`<input type="number" id="feeMax" name="feeMax" min="0" value="${one(form, 'feeMax')}">`, shown)}
        ${field('capacity', ctx.t.capacityOpen, html`<input type="number" id="capacity" name="capacity" min="0" value="${one(form, 'capacity')}" ${invalid(shown, 'capacity')}>`, shown)}
        ${field('responseTimeDays', ctx.t.responseTime, html`<input type="number" id="responseTimeDays" name="responseTimeDays" min="1" max="90" value="${one(form, 'responseTimeDays')}" ${invalid(shown, 'responseTimeDays')}>`, shown)}
        <div>${button(ctx.t.save)}</div>
      </form>`;
    return layout(ctx, ctx.t.providerProfile, body, consortiumId);
  }
}

function formFromProfile(p: {
  offerings: { title: string; dimensions: string[]; stages: number[] }[];
  languages: string[];
  provincesServed: string[];
  remote: boolean;
  costModel: { kind: string; feeRange: { min: number; max: number } | null };
  capacity: number;
  responseTimeDays: number;
}): Form {
  const form: Form = {
    languages: p.languages,
    provinces: p.provincesServed,
    remote: p.remote ? 'on' : '',
    costKind: p.costModel.kind,
    feeMin: p.costModel.feeRange ? String(p.costModel.feeRange.min) : '',
    feeMax: p.costModel.feeRange ? String(p.costModel.feeRange.max) : '',
    capacity: String(p.capacity),
    responseTimeDays: String(p.responseTimeDays),
  };
  p.offerings.slice(0, offeringSlots.length).forEach((o, i) => {
    form[`title${i}`] = o.title;
    form[`dimensions${i}`] = o.dimensions;
    form[`stages${i}`] = o.stages.map(String);
  });
  return form;
}

/** The API's field names as the ids of this page's fields, for the error summary's links. */
function summaryOf(errors: Record<string, string>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const offering = /^offerings\.(\d+)\./.exec(key);
    const id = offering
      ? `offering-${offering[1]}`
      : key.startsWith('costModel.feeRange')
        ? 'feeMax'
        : key.startsWith('costModel')
          ? 'costKind'
          : key === 'remote'
            ? 'provincesServed'
            : ['languages', 'provincesServed', 'capacity', 'responseTimeDays'].includes(key)
              ? key
              : // The offerings as a whole, or anything else: the first offering, where the form starts.
                'offering-0';
    ids[id] ??= message;
  }
  return ids;
}
