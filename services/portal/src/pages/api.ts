import { Inject, Injectable } from '@nestjs/common';
import { PortalConfig } from '@ccndr/config';
import { codeOfStatus, errorText, isErrorCode } from '@ccndr/contracts';
import { Language } from '../i18n/messages';
import { Session } from '../session/session';

export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
/** A page waits this long for a service before saying it does not answer. */
const serviceTimeoutMs = 30_000;
export type PlatformService = 'community' | 'assessments' | 'provider-matching' | 'evaluation';

/** The session is gone or the token was refused: the person signs in again and comes back. */
export class SessionExpired extends Error {}

/** A service did not answer: its pages say so, the rest of the portal keeps working. */
export class ServiceUnavailable extends Error {
  constructor(readonly service: PlatformService, cause: unknown) {
    super(`${service} does not answer`, { cause });
  }
}

export interface ApiAnswer {
  status: number;
  body: any;
}

/** Calls the platform's services with the signed-in person's token; the portal has no rules of its own. */
@Injectable()
export class Api {
  constructor(@Inject(PORTAL_CONFIG) private readonly config: PortalConfig) {}

  baseUrl(service: PlatformService): string {
    return {
      community: this.config.COMMUNITY_URL,
      assessments: this.config.ASSESSMENTS_URL,
      'provider-matching': this.config.PROVIDER_MATCHING_URL,
      evaluation: this.config.EVALUATION_URL,
    }[service];
  }

  async call(session: Session | undefined, service: PlatformService, method: string, path: string, body?: unknown, lang = 'fr'): Promise<ApiAnswer> {
    if (!session) throw new SessionExpired();
    return this.send(session.token, service, method, path, body, lang);
  }

  /** A call without anyone's token, to a service's public route (a signed link is its own authority). */
  callPublic(service: PlatformService, method: string, path: string, body?: unknown, lang = 'fr'): Promise<ApiAnswer> {
    return this.send(undefined, service, method, path, body, lang);
  }

  private async send(token: string | undefined, service: PlatformService, method: string, path: string, body: unknown, lang: string): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl(service)}${path}`, {
      method,
      signal: AbortSignal.timeout(serviceTimeoutMs),
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'accept-language': lang,
        ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: typeof body === 'string' ? body : body !== undefined ? JSON.stringify(body) : undefined,
    }).catch((error: unknown) => {
      throw new ServiceUnavailable(service, error);
    });
    if (response.status === 503) throw new ServiceUnavailable(service, `${service} answered 503`);
    if (response.status === 401) throw new SessionExpired();
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  }

  /** The answer's body when it succeeded; otherwise the status becomes the page's. */
  async get(session: Session | undefined, service: PlatformService, path: string, lang = 'fr'): Promise<any> {
    const answer = await this.call(session, service, 'GET', path, undefined, lang);
    if (answer.status >= 300) throw new PageStatus(answer.status);
    return answer.body;
  }
}

/** A page answers with the status a service gave (403, 404…). */
export class PageStatus extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

/** What a person reads for a refused answer: the catalogue's text for its code (the code of its status when it has none), never the service's detail. */
export function refusalText(answer: ApiAnswer, lang: Language): string {
  const code = answer.body?.code;
  return errorText(isErrorCode(code) ? code : codeOfStatus(answer.status), lang);
}

/**
 * A refused answer as field errors, in the person's language: each field the API names with the
 * text of its code, or the refusal's text on `fallbackField` (the field the page shows general
 * refusals next to). With `onPage` (the API's fields → the page's field ids), each error goes to
 * the page's field of its path (`organizationIds.1` to `organizationIds`'s), and one about a field
 * the page does not have goes to `fallbackField`: the summary links only to what is on the page.
 */
export function fieldErrors(answer: ApiAnswer, fallbackField: string, lang: Language, onPage?: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const e of answer.body?.errors ?? []) {
    if (!e.field) continue;
    const id = onPage ? (pageFieldOf(String(e.field), onPage) ?? fallbackField) : String(e.field);
    errors[id] ??= isErrorCode(e.code) ? errorText(e.code, lang) : refusalText(answer, lang);
  }
  if (!Object.keys(errors).length) errors[fallbackField] = refusalText(answer, lang);
  return errors;
}

/** The page's field of an API field path: its own, else its nearest parent's (`a.b.0` → `a.b` → `a`). */
export function pageFieldOf(path: string, onPage: Record<string, string>): string | undefined {
  for (let key = path; key; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    if (Object.hasOwn(onPage, key)) return onPage[key];
  }
  return undefined;
}

/** The lines of a refused join log, each with the text of its code (after whom the line names, when no member or several match it). */
export function rowRefusals(answer: ApiAnswer, lang: Language): { line: number; reason: string }[] {
  return (answer.body?.rowErrors ?? []).map((row: { line: number; code?: unknown; who?: unknown }) => {
    const text = isErrorCode(row.code) ? errorText(row.code, lang) : refusalText(answer, lang);
    return { line: row.line, reason: typeof row.who === 'string' && row.who ? `${row.who} — ${text}` : text };
  });
}

/**
 * The status of a form's page shown again after a service refused what it sent: 400 for values the
 * service could not accept as given, 422 for values it understood but that its rules refuse (a
 * conflict with the current state, something named that does not exist); a refusal of the person
 * (403) stays one. Never a redirect: the form comes back with its values and its errors.
 */
export function refusedStatus(answer: ApiAnswer | undefined): number {
  if (!answer || answer.status === 400) return 400;
  if (answer.status === 403) return 403;
  return 422;
}
