import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { say, DomainError } from '@ccndr/contracts';
import { PortalConfig } from '@ccndr/config';
import { PORTAL_CONFIG } from '../pages/api';
import { PortalRequest } from '../pages/context';
import { Session } from './session';

const safeMethods = ['GET', 'HEAD', 'OPTIONS'];
const ANY_ORIGIN = 'portal:any-origin';

/**
 * A route any site may post to: it uses no session, and what it does is authorised by a signed
 * token it is given (the one-click unsubscribe of RFC 8058, posted by mail clients).
 */
export const AnyOrigin = () => SetMetadata(ANY_ORIGIN, true);

/**
 * Every request that changes something (form posts of the pages, the sign-in, the proxy's writing
 * calls) must come from the portal's own pages: the browser says so in `Sec-Fetch-Site:
 * same-origin`, or, where it sends no fetch metadata (plain HTTP to a host other than localhost),
 * in an `Origin` equal to the portal's. Neither header: refused too. SameSite=Lax lets a page of
 * any same-site origin (another port, a sibling subdomain) post with the session cookie; this
 * stops it. The session's token (forms' field, the proxy's header) is checked on top.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<PortalRequest>();
    if (safeMethods.includes(request.method.toUpperCase())) return true;
    if (this.reflector.get<boolean>(ANY_ORIGIN, context.getHandler())) return true;
    if (!fromOwnPages(request, this.config.PORTAL_URL)) {
      throw new DomainError('session.cross-site', {
        detail: say('this request does not come from the portal’s own pages (Sec-Fetch-Site or Origin): reload the page', 'cette requête ne vient pas des pages du portail (Sec-Fetch-Site ou Origin)\u00a0: rechargez la page'),
      });
    }
    return true;
  }
}

function fromOwnPages(request: PortalRequest, portalUrl: string | undefined): boolean {
  const site = header(request, 'sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = header(request, 'origin');
  if (!origin) return false;
  // The portal's public address when configured, else the one this request was sent to.
  const own = portalUrl ? new URL(portalUrl).origin : `${header(request, 'x-forwarded-proto') === 'https' ? 'https' : 'http'}://${header(request, 'host')}`;
  return origin === own;
}

function header(request: PortalRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The session's token, given back by a form or a page script: compared in constant time. */
export function carriesSessionToken(session: Session, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(session.csrf);
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
