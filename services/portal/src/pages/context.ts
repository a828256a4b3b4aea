import { parseCookie } from 'cookie';
import { Session, sessionCookie, SessionCodec } from '../session/session';
import { formats } from '../views/format';
import { Language, messages, Messages } from '../i18n/messages';

/** The parts of Express's request and response the portal uses. */
export interface PortalRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body: unknown;
  rawBody?: Buffer;
}
export interface PortalResponse {
  status(code: number): PortalResponse;
  setHeader(name: string, value: string | string[]): void;
  getHeader(name: string): unknown;
  redirect(status: number, url: string): void;
  send(body: string | Buffer): void;
  type(type: string): PortalResponse;
  end(): void;
}

/** Who is asking, in which language, for which page. */
export interface PortalContext {
  lang: Language;
  t: Messages;
  /** Dates, amounts and numbers in the page's language. */
  format: ReturnType<typeof formats>;
  session?: Session;
  /** The page asked for, to come back to after signing in. */
  path: string;
}

/** The request's cookies, parsed by the `cookie` package: a value with a malformed %-escape stays as sent (and then matches nothing), never an error. */
export function cookies(request: PortalRequest): Record<string, string> {
  const jar = parseCookie(String(request.headers.cookie ?? ''));
  return Object.fromEntries(Object.entries(jar).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Each request's context, worked out once: the page's handler, its form and the error page share it. */
const contexts = new WeakMap<PortalRequest, PortalContext>();

/** The language: ?lang= (remembered in a cookie), else the cookie, else the browser's, else French. */
export function contextOf(request: PortalRequest, response: PortalResponse, codec: SessionCodec): PortalContext {
  let ctx = contexts.get(request);
  if (!ctx) contexts.set(request, (ctx = workOutContext(request, response, codec)));
  return ctx;
}

function workOutContext(request: PortalRequest, response: PortalResponse, codec: SessionCodec): PortalContext {
  const jar = cookies(request);
  const asked = request.query.lang === 'en' || request.query.lang === 'fr' ? (request.query.lang as Language) : undefined;
  if (asked) appendCookie(response, `lang=${asked}; Path=/; Max-Age=31536000; SameSite=Lax`);
  const lang: Language = asked ?? (jar.lang === 'en' || jar.lang === 'fr' ? jar.lang : /^en\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'en' : 'fr');
  return { lang, t: messages[lang], format: formats(lang), session: codec.open(jar[sessionCookie]), path: request.originalUrl };
}

export function appendCookie(response: PortalResponse, cookie: string): void {
  const existing = response.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : [];
  response.setHeader('Set-Cookie', [...list, cookie]);
}

/** HttpOnly (scripts never see the token), SameSite=Lax, Secure when the portal is reached over HTTPS. */
export function sessionCookieHeader(request: PortalRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
  return `${sessionCookie}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}
