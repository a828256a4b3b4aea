import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { Readable } from 'node:stream';
import { say, DomainError } from '@ccndr/contracts';
import { Api, PlatformService } from '../pages/api';
import { PortalContext, PortalRequest, PortalResponse } from '../pages/context';
import { Page } from '../pages/page.decorators';
import { carriesSessionToken } from '../session/cross-site';

const services: PlatformService[] = ['community', 'assessments', 'provider-matching', 'evaluation'];
/** Headers passed back to the browser; the rest (connection, cookies of services) stay behind. The content's own policy replaces the portal's. */
const passedBack = ['content-type', 'content-disposition', 'cache-control', 'content-security-policy', 'referrer-policy', 'x-frame-options', 'retry-after'];
const readingMethods = ['GET', 'HEAD', 'OPTIONS'];

/**
 * /api/<service>/<path>: the browser's calls (the dashboard, downloads) reach the services with
 * the session's token added; the token itself never reaches the page. Streams (server-sent
 * events) flow through as they come. A call that changes something comes from the portal's own
 * pages (SameOriginGuard) and carries the session's token in `X-CSRF-Token` (the pages give it in
 * `<meta name="csrf-token">`): the session cookie alone, which a form of a same-site page also
 * sends, is not enough.
 */
@Controller('api')
export class ProxyController {
  constructor(private readonly api: Api) {}

  @All(':service/*path')
  async forward(@Param('service') service: string, @Page() ctx: PortalContext, @Req() request: PortalRequest & NodeJS.ReadableStream, @Res() response: PortalResponse & NodeJS.WritableStream) {
    if (!services.includes(service as PlatformService)) throw new DomainError('resource.not-found', { detail: say(`no service ${service}`, `aucun service ${service}`) });
    const path = request.originalUrl.slice(`/api/${service}`.length);
    const method = request.method.toUpperCase();
    if (ctx.session && !readingMethods.includes(method) && !carriesSessionToken(ctx.session, request.headers['x-csrf-token'])) {
      throw new DomainError('session.csrf-token-required', { detail: say('this call needs the session’s token in the X-CSRF-Token header: reload the page', 'cet appel exige le jeton de la session dans l’en-tête X-CSRF-Token\u00a0: rechargez la page') });
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : (request.rawBody ?? (await readAll(request)));
    const controller = new AbortController();
    response.on?.('close', () => controller.abort());
    const upstream = await fetch(`${this.api.baseUrl(service as PlatformService)}${path}`, {
      method,
      headers: {
        ...(ctx.session ? { authorization: `Bearer ${ctx.session.token}` } : {}),
        'accept-language': ctx.lang,
        ...(request.headers['content-type'] ? { 'content-type': String(request.headers['content-type']) } : {}),
        ...(request.headers.accept ? { accept: String(request.headers.accept) } : {}),
      },
      body,
      signal: controller.signal,
    }).catch((error) => {
      if (controller.signal.aborted) return undefined;
      throw error;
    });
    if (!upstream) return;
    response.status(upstream.status);
    for (const name of passedBack) {
      const value = upstream.headers.get(name);
      if (value) response.setHeader(name, value);
    }
    if (!upstream.body) return response.end();
    Readable.fromWeb(upstream.body as never)
      .on('error', () => response.end())
      .pipe(response);
  }
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
