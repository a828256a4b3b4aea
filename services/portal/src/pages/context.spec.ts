import { SessionCodec, sessionCookie } from '../session/session';
import { contextOf, PortalRequest, PortalResponse } from './context';

const codec = new SessionCodec('a secret for the test');
const session = { token: 't', subject: 's', name: 'Ada', consortia: {}, platformAdmin: false, expiresAt: Math.floor(Date.now() / 1000) + 3600, csrf: 'c' };

function contextFor(cookie: string) {
  const request: PortalRequest = { method: 'GET', originalUrl: '/sign-in', headers: { cookie }, query: {}, body: undefined };
  const response = { getHeader: () => undefined, setHeader: () => undefined } as unknown as PortalResponse;
  return contextOf(request, response, codec);
}

describe('the page context', () => {
  it('reads a request whose cookies hold a malformed %-escape (no error: those cookies match nothing)', () => {
    expect(() => decodeURIComponent('%E0%A4%A')).toThrow(URIError);
    const ctx = contextFor('a=%E0%A4%A; tracker=%; lang=en');
    expect({ lang: ctx.lang, session: ctx.session }).toEqual({ lang: 'en', session: undefined });
    expect(contextFor(`lang=%E0%A4%A; ${sessionCookie}=%zz`)).toMatchObject({ lang: 'fr', session: undefined });
  });

  it('keeps the session beside a broken cookie', () => {
    expect(contextFor(`tracker=%; ${sessionCookie}=${codec.seal(session)}`).session).toMatchObject({ name: 'Ada', csrf: 'c' });
  });
});
