import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { JsonLogger } from '@ccndr/observability';
import { Bilingual, isBilingual, say } from '@ccndr/contracts';

/** Problem titles in both official languages, chosen by Accept-Language. */
const titles: Record<number, { en: string; fr: string }> = {
  400: { en: 'Invalid request', fr: 'Requête invalide' },
  401: { en: 'Authentication required', fr: 'Authentification requise' },
  403: { en: 'Not allowed', fr: 'Action non autorisée' },
  404: { en: 'Not found', fr: 'Introuvable' },
  409: { en: 'Conflict', fr: 'Conflit' },
  413: { en: 'Request too large', fr: 'Requête trop volumineuse' },
  415: { en: 'Unsupported media type', fr: 'Type de contenu non pris en charge' },
  422: { en: 'Cannot be processed', fr: 'Traitement impossible' },
  429: { en: 'Too many requests', fr: 'Trop de requêtes' },
  500: { en: 'Internal error', fr: 'Erreur interne' },
  503: { en: 'Service unavailable', fr: 'Service indisponible' },
};

/**
 * The HTTP API's one exception filter (events have theirs, EventErrorsFilter): every error leaves
 * as application/problem+json (RFC 9457) with a stable `type`, a title and detail in the language
 * asked for (Accept-Language: French or English) and, for invalid input, the offending fields.
 * Unexpected errors are logged and answered 500 without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    this.respond(error, http.getRequest(), http.getResponse());
  }

  /** Answers `error` as a problem; also for errors raised before any route, in express middleware (body-parsing.ts). */
  respond(error: unknown, request: any, response: any): void {
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let detail: string | Bilingual = say('an unexpected error occurred', 'une erreur inattendue est survenue');
    let extra: Record<string, unknown> = {};
    if (error instanceof HttpException) {
      status = error.getStatus();
      const body = error.getResponse();
      if (typeof body === 'string' || isBilingual(body)) detail = body;
      else {
        const { message, error: _name, statusCode: _code, ...rest } = body as Record<string, unknown>;
        detail = Array.isArray(message) ? message.join('; ') : isBilingual(message) ? message : String(message ?? error.message);
        extra = rest;
      }
    } else if ((error as { driverError?: { code?: string } })?.driverError?.code === '23505') {
      // A unique constraint lost a race that the service's own check could not see.
      status = HttpStatus.CONFLICT;
      detail = say('this already exists', 'cela existe déjà');
    } else if (databaseUnavailable(error)) {
      // PostgreSQL restarting or out of reach: nothing was written; the client may retry shortly.
      status = HttpStatus.SERVICE_UNAVAILABLE;
      detail = say('the database is not reachable at the moment: retry shortly', 'la base de données est injoignable pour le moment : réessayez sous peu');
      response.setHeader('Retry-After', '1');
      this.logger.write('warn', 'database unavailable', { error: String(error), path: request.url });
    } else {
      this.logger.write('error', 'unhandled error', { error: String(error), stack: (error as Error)?.stack, path: request.url });
    }
    const language = /^fr\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'fr' : 'en';
    const title = titles[status] ?? titles[status >= 500 ? 500 : 400];
    response
      .status(status)
      .type('application/problem+json')
      .send(inLanguage({ type: `urn:ccndr:problem:${status}`, title, status, detail, instance: request.url, ...extra }, language));
  }
}

/** The value with every bilingual text replaced by the one of the language asked for. */
export function inLanguage(value: unknown, language: 'en' | 'fr'): unknown {
  if (isBilingual(value)) return value[language];
  if (Array.isArray(value)) return value.map((item) => inLanguage(item, language));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inLanguage(item, language)]));
  return value;
}

/** Connection refused or cut, or the server shutting down or starting (SQLSTATE classes 08 and 57P). */
function databaseUnavailable(error: unknown): boolean {
  const cause = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = cause?.driverError?.code ?? cause?.code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) || code.startsWith('08') || /Connection terminated|connection timeout/i.test(String(cause?.message ?? ''));
}
