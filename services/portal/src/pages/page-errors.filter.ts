import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { codeOfStatus, DomainError, errorText, problemType } from '@ccndr/contracts';
import { JsonLogger } from '@ccndr/observability';
import { buttonLink, problem } from '../views/components';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { PageStatus, ServiceUnavailable, SessionExpired } from './api';
import { contextOf, PortalContext, PortalRequest, PortalResponse } from './context';
import { SessionCodec } from '../session/session';

/**
 * Pages answer in HTML, in the person's language: an expired session goes back to sign-in and
 * then to the same page; a refused or missing page says so; a service that does not answer too.
 * The proxy's own refusals (/api/…) answer as the services do: problem+json in the person's language.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  constructor(
    private readonly codec: SessionCodec,
    private readonly logger: JsonLogger,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PortalRequest>();
    const response = host.switchToHttp().getResponse<PortalResponse>();
    const ctx = contextOf(request, response, this.codec);
    if (error instanceof SessionExpired) {
      return response.redirect(303, `/sign-in?expired=1&return=${encodeURIComponent(request.method === 'GET' ? ctx.path : (String(request.headers.referer ?? '/').replace(/^https?:\/\/[^/]+/, '') || '/'))}`);
    }
    if (error instanceof ServiceUnavailable) {
      this.logger.write('warn', 'service unavailable', { path: request.originalUrl.split('?')[0], error: `${error.message}: ${String(error.cause)}` });
      response.setHeader('Retry-After', '10');
      return this.page(ctx, response, 503, ctx.t.partUnavailable({ part: ctx.t.parts[error.service] ?? error.service }), ctx.t.partUnavailableTitle);
    }
    const status = error instanceof PageStatus ? error.status : error instanceof DomainError ? error.status : error instanceof HttpException ? error.getStatus() : 503;
    // A refusal with a code says why in the person's words, from the platform's catalogue: a
    // limit's (its Retry-After header is already set), a cross-site refusal's, a sign-in's.
    const reason = error instanceof DomainError ? errorText(error.code, ctx.lang) : undefined;
    const message = status === 403 ? ctx.t.forbidden : status === 404 ? ctx.t.notFound : status === 413 ? ctx.t.tooLarge : status === 429 ? ctx.t.tooManyRequests : status >= 500 ? ctx.t.unavailable : errorText('request.invalid', ctx.lang);
    // The path without its query: an unsubscribe link's token stays out of the log.
    if (status >= 500) this.logger.write('error', 'page failed', { path: request.originalUrl.split('?')[0], error: String(error) });
    if (request.originalUrl.startsWith('/api/')) {
      const code = error instanceof DomainError ? error.code : codeOfStatus(status);
      const detail = error instanceof DomainError ? (error.details.detail?.[ctx.lang] ?? reason) : message;
      return void response
        .status(status)
        .type('application/problem+json')
        .send(JSON.stringify({ type: problemType(code), title: reason ?? message, status, detail, instance: request.originalUrl, code }));
    }
    this.page(ctx, response, status, reason ?? message, message);
  }

  private page(ctx: PortalContext, response: PortalResponse, status: number, message: string, title = message): void {
    response.status(status).type('html').send(layout(ctx, title, html`${problem(message)}<p>${buttonLink('/', ctx.t.home)}</p>`));
  }
}
