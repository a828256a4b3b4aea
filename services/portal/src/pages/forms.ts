import { DomainError } from '@ccndr/contracts';
import { carriesSessionToken } from '../session/cross-site';
import { Session } from '../session/session';
import { PortalRequest } from './context';

/** A posted form's fields: a field given several times (check boxes) is a list. */
export type PostedForm = Record<string, string | string[]>;

/**
 * The form of a post, once it is shown to carry the session's token (a page from another site
 * cannot post for the person; SameOriginGuard has checked where it came from). Without a session
 * there is nothing to check: the service call that follows sends the person to sign in.
 */
export function postedForm(ctx: { session?: Session }, request: PortalRequest): PostedForm {
  const form = (request.body ?? {}) as PostedForm;
  if (ctx.session && !carriesSessionToken(ctx.session, form.csrf)) {
    throw new DomainError('session.stale-form');
  }
  return form;
}
