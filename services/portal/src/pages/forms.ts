import { ForbiddenException } from '@nestjs/common';
import { Session } from '../session/session';
import { PortalRequest } from './context';

/**
 * The form of a post, once it is shown to carry the session's token (a page from another site
 * cannot post for the person). Without a session there is nothing to check: the service call
 * that follows sends the person to sign in.
 */
export function postedForm(ctx: { session?: Session }, request: PortalRequest): Record<string, string | string[]> {
  const form = (request.body ?? {}) as Record<string, string | string[]>;
  if (ctx.session && form.csrf !== ctx.session.csrf) throw new ForbiddenException('the form is stale or comes from elsewhere: reload the page');
  return form;
}
