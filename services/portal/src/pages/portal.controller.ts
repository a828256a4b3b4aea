import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ConsortiumRole, consortiumRoles, Limited, signDevelopmentToken } from '@ccndr/auth';
import { isLoopbackAddress, PortalConfig } from '@ccndr/config';
import { OidcClient, PendingSignIn, pendingSignInCookie } from '../session/oidc';
import { demoCoordinator, demoProgrammeLead, maxNameLength, SessionCodec, sessionCookie } from '../session/session';
import { button, emptyState, errorSummary, problem } from '../views/components';
import { field, invalid } from '../views/fields';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { Api, PORTAL_CONFIG } from './api';
import { appendCookie, cookies, PortalContext, PortalRequest, PortalResponse, sessionCookieHeader } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';

/** Member role in community → the consortium role a token carries. */
const tokenRole: Record<string, ConsortiumRole> = {
  coordinator: 'coordinator',
  'nonprofit-staff': 'member',
  'provider-staff': 'provider',
  'technical-advisor': 'advisor',
  'sector-advisor': 'advisor',
  observer: 'observer',
};

/** Home, sign-in and sign-out. */
@Controller()
export class PortalController {
  constructor(
    private readonly codec: SessionCodec,
    private readonly oidc: OidcClient,
    private readonly api: Api,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  /** The consortia the person takes part in, each opening where the person's work is. */
  @Get()
  async home(@Page() ctx: PortalContext, @Res() response: PortalResponse) {
    if (!ctx.session) return response.redirect(303, '/sign-in');
    const consortia = Object.entries(ctx.session.consortia);
    const known: { id: string; nameFr: string; nameEn: string }[] = consortia.length ? await this.api.get(ctx.session, 'community', '/consortia', ctx.lang) : [];
    const nameOf = (id: string) => {
      const consortium = known.find((c) => c.id === id);
      return consortium ? (ctx.lang === 'fr' ? consortium.nameFr : consortium.nameEn) : id;
    };
    const body = consortia.length
      ? html`<h2>${ctx.t.yourConsortia}</h2><ul class="cards">${consortia.map(
          ([id, roles]) => html`<li class="card"><a href="${landingOf(id, roles)}">${nameOf(id)}</a> <span class="muted">(${roles.map((r) => ctx.t.roles[r] ?? r).join(', ')})</span></li>`,
        )}</ul>`
      : emptyState(ctx.t.noConsortia, ctx.t.noConsortiaNext);
    response.type('html').send(layout(ctx, ctx.t.home, body, undefined, { lead: consortia.length ? ctx.t.homeLead : undefined }));
  }

  /** Sign-in: with the identity provider when configured, else the embedded default's development sign-in. */
  @Get('sign-in')
  @Limited('sign-in')
  async signInPage(@Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const returnTo = safeReturn(request.query.return);
    if (this.oidc.enabled) {
      const { url, pending } = await this.oidc.begin(returnTo);
      appendCookie(response, `${pendingSignInCookie}=${this.codec.seal(pending)}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=600`);
      return response.redirect(303, url);
    }
    const secret = this.developmentSignIn(request, response, ctx);
    if (!secret) return;
    response.type('html').send(await this.signInForm(ctx, secret, returnTo, Boolean(request.query.expired)));
  }

  /** The development sign-in's page: a list of the demo people; after a choice it cannot use, with the error. */
  private async signInForm(ctx: PortalContext, secret: string, returnTo: string, expired: boolean, error?: string): Promise<string> {
    const admin = await signDevelopmentToken(secret, { subject: 'portal-development-sign-in', platformRoles: ['platform-admin'] });
    const consortia = (await (await fetch(`${this.config.COMMUNITY_URL}/consortia`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { id: string; nameFr: string; nameEn: string }[];
    // CCNDR's programme lead first: every consortium's figures side by side, read only.
    const people: { value: string; label: string }[] = [{ value: JSON.stringify(['', 'programme-lead', demoProgrammeLead, '']), label: ctx.t.demoProgrammeLead }];
    for (const consortium of consortia) {
      const name = ctx.lang === 'fr' ? consortium.nameFr : consortium.nameEn;
      people.push({ value: JSON.stringify([consortium.id, 'coordinator', demoCoordinator, '']), label: `${name} — ${ctx.t.coordinatorOf}` });
      const members = (await (await fetch(`${this.config.COMMUNITY_URL}/consortia/${consortium.id}/members`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
        subject: string | null;
        displayName: string;
        role: string;
        organization: { name: string };
      }[];
      for (const m of members.filter((m) => m.subject)) {
        people.push({ value: JSON.stringify([consortium.id, tokenRole[m.role] ?? 'member', m.subject, m.displayName]), label: `${name} — ${m.displayName} (${m.organization.name})` });
      }
    }
    const body = html`
      <p class="dev" role="note">${ctx.t.developmentWarning}</p>
      ${expired ? problem(ctx.t.sessionExpired) : ''}
      ${errorSummary(ctx, error ? { person: error } : {})}
      <form class="stack card" method="post" action="/sign-in">
        <input type="hidden" name="return" value="${returnTo}">
        ${field('person', ctx.t.choosePerson, html`<select id="person" name="person" required ${invalid(error ? { person: error } : {}, 'person')}>${people.map((p) => html`<option value="${p.value}">${p.label}</option>`)}</select>`, error ? { person: error } : {})}
        <div>${button(ctx.t.continueAs)}</div>
      </form>`;
    return layout(ctx, ctx.t.developmentSignIn, body, undefined, { lead: ctx.t.signInLead });
  }

  /** The identity provider sends the browser back here with a code. */
  @Get('auth/callback')
  @Limited('sign-in')
  async callback(@Req() request: PortalRequest, @Res() response: PortalResponse) {
    const pending = this.codec.openValue<PendingSignIn>(cookies(request)[pendingSignInCookie]);
    const { accessToken, name } = await this.oidc.finish(request.query, pending);
    const session = this.codec.fromToken(accessToken, name);
    appendCookie(response, `${pendingSignInCookie}=; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=0`);
    appendCookie(response, sessionCookieHeader(request, this.codec.seal(session), session.expiresAt - Math.floor(Date.now() / 1000)));
    response.redirect(303, pending!.returnTo);
  }

  @Post('sign-in')
  @Limited('sign-in')
  async signIn(@Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const secret = this.developmentSignIn(request, response, ctx);
    if (!secret) return;
    const form = (request.body ?? {}) as Record<string, string>;
    // Subjects may hold any character (idp|123): the choice travels as JSON.
    const [consortiumId, role, subject, name] = parseChoice(form.person);
    if (role === 'programme-lead' && subject === demoProgrammeLead) {
      const token = await signDevelopmentToken(secret, { subject, platformRoles: ['programme-lead'] });
      const session = this.codec.fromToken(token, subject);
      appendCookie(response, sessionCookieHeader(request, this.codec.seal(session), session.expiresAt - Math.floor(Date.now() / 1000)));
      return response.redirect(303, '/programme');
    }
    const consortiumRole = consortiumRoles.find((r) => r === role);
    if (!consortiumId || !consortiumRole || !subject) {
      return response.status(400).type('html').send(await this.signInForm(ctx, secret, safeReturn(form.return), false, ctx.t.choosePersonError));
    }
    // Both travel in the session cookie, whose size browsers and servers bound.
    if (subject.length > maxNameLength || (name ?? '').length > maxNameLength) {
      return response.status(400).type('html').send(layout(ctx, ctx.t.signInTooLong, html`${problem(ctx.t.signInTooLong)}<p><a href="/sign-in">${ctx.t.developmentSignIn}</a></p>`));
    }
    const token = await signDevelopmentToken(secret, { subject, consortia: { [consortiumId]: [consortiumRole] } });
    const session = this.codec.fromToken(token, name ?? subject);
    appendCookie(response, sessionCookieHeader(request, this.codec.seal(session), session.expiresAt - Math.floor(Date.now() / 1000)));
    const returnTo = safeReturn(form.return);
    response.redirect(303, returnTo === '/' ? landingOf(consortiumId, [consortiumRole]) : returnTo);
  }

  @Post('sign-out')
  signOut(@Form() _form: PostedForm, @Res() response: PortalResponse) {
    appendCookie(response, `${sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    response.redirect(303, '/sign-in');
  }

  /**
   * The development sign-in's secret, when this request may use it: the portal runs as part of the
   * embedded default (EMBEDDED_DEFAULT, which only the run command sets) and the connection comes
   * from this machine itself. The socket's own address, never a forwarded header, which anyone may
   * write. Else the person gets a 403 page saying why, and undefined.
   */
  private developmentSignIn(request: PortalRequest, response: PortalResponse, ctx: PortalContext): string | undefined {
    const remoteAddress = (request as PortalRequest & { socket?: { remoteAddress?: string } }).socket?.remoteAddress;
    if (this.config.DEVELOPMENT_SIGN_IN_SECRET && this.config.EMBEDDED_DEFAULT && isLoopbackAddress(remoteAddress)) return this.config.DEVELOPMENT_SIGN_IN_SECRET;
    response.status(403).type('html').send(layout(ctx, ctx.t.developmentSignIn, problem(ctx.t.developmentSignInRefused)));
    return undefined;
  }
}

function parseChoice(value: unknown): [string, string, string, string] | [] {
  try {
    const parsed = JSON.parse(String(value));
    return Array.isArray(parsed) && parsed.length === 4 && parsed.every((p) => typeof p === 'string') ? (parsed as [string, string, string, string]) : [];
  } catch {
    return [];
  }
}

/** Only a path of this portal: never an address elsewhere (an open redirect). */
function safeReturn(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/** Each role lands where its work is: coordination on the overview, members on their organisation, providers on their requests. */
function landingOf(consortiumId: string, roles: string[]): string {
  const landing = roles.includes('coordinator') ? '' : roles.includes('member') ? '/organization' : roles.includes('provider') ? '/requests' : '/dashboard';
  return `/c/${consortiumId}${landing}`;
}
