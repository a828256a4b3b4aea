import { Controller, Get, INestApplication, Module, Post, Res } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { JsonLogger } from '@ccndr/observability';
import { SessionCodec, sessionCookie } from '../session/session';
import { PortalContext, PortalResponse } from './context';
import { PostedForm } from './forms';
import { Form, Page } from './page.decorators';
import { PageErrorsFilter } from './page-errors.filter';

const codec = new SessionCodec('a secret for the test');
const session = { token: 't', subject: 's', name: 'Ada', consortia: {}, platformAdmin: false, expiresAt: Math.floor(Date.now() / 1000) + 3600, csrf: 'the-token' };

@Controller()
class ProbeController {
  @Get('page')
  page(@Page() ctx: PortalContext, @Res() response: PortalResponse) {
    response.type('json').send(JSON.stringify({ lang: ctx.lang, name: ctx.session?.name ?? null, path: ctx.path }));
  }

  @Post('form')
  form(@Page() ctx: PortalContext, @Form() form: PostedForm, @Res() response: PortalResponse) {
    response.type('json').send(JSON.stringify({ lang: ctx.lang, form }));
  }
}

// Refusals answered by the portal's own error pages, as in the portal.
@Module({
  controllers: [ProbeController],
  providers: [{ provide: SessionCodec, useValue: codec }, { provide: JsonLogger, useValue: new JsonLogger('portal', 'error') }, { provide: APP_FILTER, useClass: PageErrorsFilter }],
})
class ProbeModule {}

describe('the page decorators', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app?.close());

  const signedIn = `${sessionCookie}=${codec.seal(session)}`;
  const post = (cookie: string, body: string) => fetch(`${url}/form`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });

  it('give a handler the page context: language, session and path, a malformed cookie beside them ignored', async () => {
    const answer = await fetch(`${url}/page?x=1`, { headers: { cookie: `a=%E0%A4%A; lang=en; ${signedIn}` } });
    expect(await answer.json()).toEqual({ lang: 'en', name: 'Ada', path: '/page?x=1' });
  });

  it('give a handler the posted form once it carries the session’s token, and refuse it otherwise', async () => {
    expect(await (await post(signedIn, 'csrf=the-token&name=Circle&ids=a&ids=b')).json()).toEqual({ lang: 'fr', form: { csrf: 'the-token', name: 'Circle', ids: ['a', 'b'] } });
    expect((await post(signedIn, 'csrf=another&name=Circle')).status).toBe(403);
    expect((await post(signedIn, 'name=Circle')).status).toBe(403);
    // No session: nothing to check (the service call that follows sends the person to sign in).
    expect((await post('lang=en', 'name=Circle')).status).toBe(201);
  });
});
