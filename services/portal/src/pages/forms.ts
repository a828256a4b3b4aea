import { DomainError } from '@ccndr/contracts';
import { carriesSessionToken } from '../session/cross-site';
import { Session } from '../session/session';
import { PortalRequest } from './context';

/**
 * The form of a post, once it is shown to carry the session's token (a page from another site
 * cannot post for the person; SameOriginGuard has checked where it came from). Without a session
 * there is nothing to check: the service call that follows sends the person to sign in.
 */
export function postedForm(ctx: { session?: Session }, request: PortalRequest): Record<string, string | string[]> {
  const form = (request.body ?? {}) as Record<string, string | string[]>;
  if (ctx.session && !carriesSessionToken(ctx.session, form.csrf)) {
    throw new DomainError('session.stale-form');
  }
  return form;
}
