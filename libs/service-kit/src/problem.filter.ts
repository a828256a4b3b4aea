import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { JsonLogger } from '@ccndr/observability';
import { Bilingual, codeOfStatus, DomainError, ErrorCode, errorCatalogue, FieldError, isBilingual, problemType, say } from '@ccndr/contracts';

/**
 * The HTTP API's one exception filter (events have theirs, EventErrorsFilter): every error leaves
 * as application/problem+json (RFC 9457) with the error's code (`code`, and `type`
 * `urn:ccndr:problem:<code>`, see docs/api.md), the catalogue's title and this occurrence's detail
 * in the language asked for (Accept-Language: French or English) and, for invalid input, `errors[]`
 * naming each field with its code. Unexpected errors are logged and answered 500 without internals.
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
    const problem = this.problemOf(error, request, response);
    const language = /^fr\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'fr' : 'en';
    const { code, detail, errors, extra } = problem;
    const { status, en, fr } = errorCatalogue[code];
    response
      .status(status)
      .type('application/problem+json')
      .send(inLanguage({ type: problemType(code), title: { en, fr }, status, detail, instance: request.url, code, ...(errors ? { errors } : {}), ...extra }, language));
  }

  private problemOf(error: unknown, request: any, response: any): { code: ErrorCode; detail: Bilingual; errors?: FieldError[]; extra?: Record<string, unknown> } {
    if (error instanceof DomainError) {
      const { field, detail = textOf(error.code), errors, extra } = error.details;
      const fieldErrors = errors ?? (field ? [{ code: error.code, field, detail }] : undefined);
      return { code: error.code, detail: errors ? namingFields(errors) : field ? namingFields([{ field, detail }]) : detail, errors: fieldErrors, extra };
    }
    if (error instanceof HttpException) {
      // Raised by Nest itself or a library: it has a status, no code of ours.
      const status = error.getStatus();
      const body = error.getResponse();
      const message = typeof body === 'string' || isBilingual(body) ? body : (body as { message?: unknown }).message;
      const code = codeOfStatus(status);
      return { code, detail: isBilingual(message) ? message : typeof message === 'string' ? say(message, message) : textOf(code) };
    }
    if (sqlState(error) === '23505') {
      // A unique constraint lost a race that the service's own check could not see.
      return { code: 'resource.already-exists', detail: say('this already exists', 'cela existe déjà') };
    }
    if (connectionsBusy(error)) {
      // Every connection of the service's pool stayed in use while the request waited (overload): nothing was written.
      response.setHeader('Retry-After', '1');
      this.logger.write('warn', 'database connections busy', { error: String(error), path: request.url });
      return { code: 'server.database-unavailable', detail: say('the service is busy: every database connection is in use; retry shortly', 'le service est occupé\u00a0: toutes ses connexions à la base de données sont prises\u00a0; réessayez sous peu') };
    }
    if (databaseUnavailable(error)) {
      // PostgreSQL restarting or out of reach: nothing was written; the client may retry shortly.
      response.setHeader('Retry-After', '1');
      this.logger.write('warn', 'database unavailable', { error: String(error), path: request.url });
      return { code: 'server.database-unavailable', detail: say('the database is not reachable at the moment: retry shortly', 'la base de données est injoignable pour le moment\u00a0: réessayez sous peu') };
    }
    this.logger.write('error', 'unhandled error', { error: String(error), stack: (error as Error)?.stack, path: request.url });
    return { code: 'server.unexpected', detail: say('an unexpected error occurred', 'une erreur inattendue est survenue') };
  }
}

function textOf(code: ErrorCode): Bilingual {
  const { en, fr } = errorCatalogue[code];
  return { en, fr };
}

/** One detail naming each field (`startsAt: …; capacity: …`), for whoever reads the problem without its `errors[]`. */
function namingFields(errors: { field: string; detail: Bilingual }[]): Bilingual {
  const line = (language: 'en' | 'fr') => errors.map((e) => `${e.field}${language === 'fr' ? '\u00a0: ' : ': '}${e.detail[language]}`).join('; ');
  return { en: line('en'), fr: line('fr') };
}

/** The value with every bilingual text replaced by the one of the language asked for. */
export function inLanguage(value: unknown, language: 'en' | 'fr'): unknown {
  if (isBilingual(value)) return value[language];
  if (Array.isArray(value)) return value.map((item) => inLanguage(item, language));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inLanguage(item, language)]));
  return value;
}

/** The pool's wait for a free connection timed out (pg-pool's own message: it has no code). */
function connectionsBusy(error: unknown): boolean {
  return /^timeout exceeded when trying to connect$/.test(String((error as { message?: unknown })?.message ?? ''));
}

/** Connection refused or cut, or the server shutting down or starting (SQLSTATE classes 08 and 57P). */
function databaseUnavailable(error: unknown): boolean {
  const cause = error as { code?: string; message?: string };
  const code = sqlState(error);
  // 08: connection exceptions; 28: the server refuses the service's role (locked out, wrong
  // password), as readiness says `database-unreachable`; 53300: no connection left.
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) || code.startsWith('08') || code.startsWith('28') || /Connection terminated|connection timeout/i.test(String(cause?.message ?? ''));
}

/** The error's SQLSTATE (or system error code): pg's own error carries it, TypeORM's wraps pg's. */
function sqlState(error: unknown): string {
  const cause = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = cause?.driverError?.code ?? cause?.code;
  return typeof code === 'string' ? code : '';
}
