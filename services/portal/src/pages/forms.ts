import { ForbiddenException } from '@nestjs/common';
import { Session } from '../session/session';
import { PortalRequest } from './context';

/** A form must carry the session's token: a page from another site cannot post for the person. */
export function requireCsrf(session: Session, request: PortalRequest): void {
  const form = (request.body ?? {}) as Record<string, unknown>;
  if (form.csrf !== session.csrf) throw new ForbiddenException('the form is stale or comes from elsewhere: reload the page');
}

export function formOf(request: PortalRequest): Record<string, string | string[]> {
  return (request.body ?? {}) as Record<string, string | string[]>;
}
