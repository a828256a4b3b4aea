import { HttpException } from '@nestjs/common';
import { DomainError, say } from '@ccndr/contracts';
import { ProblemFilter } from './problem.filter';

/**
 * What a request body may be. JSON on every route, CSV on the join-log import (the route itself
 * refuses JSON there, and a JSON route refuses CSV: see ZodPipe). The largest real bodies (a
 * framework version, a list of 1,000 attendees) stay far below these limits; a join log at its
 * row limit (5,000 rows) stays below the CSV one. Larger bodies are refused from their
 * Content-Length, or as soon as the limit is passed when it is not given, never read whole.
 */
export const bodyLimits = { json: '1mb', csv: '2mb' } as const;
/** Deeper JSON is no command of this platform (its schemas nest a few levels): refused before validation walks it. */
export const maxJsonDepth = 64;

type Request = { method: string; url: string; headers: Record<string, string | string[] | undefined>; body?: unknown };
type Response = { headersSent: boolean };
type Next = (error?: unknown) => void;

const acceptedTypes = ['application/json', 'text/csv'];

/** A request carrying a body of any other media type (form posts, text/plain, XML…) gets 415 before it is read. */
export function refuseUnsupportedBodies(request: Request, _response: Response, next: Next): void {
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!hasBody || acceptedTypes.includes(type)) return next();
  next(new DomainError('request.unsupported-media-type', { detail: say(`send the body as application/json (a join log as text/csv), not ${type || 'without a content type'}`, `envoyez le corps en application/json (un journal de connexion en text/csv), pas ${type || 'sans type de contenu'}`) }));
}

/** JSON nested deeper than maxJsonDepth gets 400; the walk is iterative, so no depth can overflow it. */
export function refuseDeepJson(request: Request, _response: Response, next: Next): void {
  const pending: [unknown, number][] = [[request.body, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth >= maxJsonDepth) return next(new DomainError('request.body-too-deep', { detail: say(`the body nests deeper than ${maxJsonDepth} levels`, `le corps dépasse ${maxJsonDepth} niveaux d’imbrication`) }));
    for (const item of Object.values(value)) pending.push([item, depth + 1]);
  }
  next();
}

/** The parsers' errors (express's body-parser: `type`, `status`) as the problems they are; any other error goes on. */
export function bodyProblem(error: { type?: string; status?: number; limit?: number; charset?: string; encoding?: string; message?: string }): DomainError | undefined {
  switch (error?.type) {
    case 'entity.too.large':
      return new DomainError('request.body-too-large', { detail: say(`the body is larger than ${Math.round((error.limit ?? 0) / 1024)} KB`, `le corps dépasse ${Math.round((error.limit ?? 0) / 1024)} Ko`) });
    case 'charset.unsupported':
      return new DomainError('request.unsupported-media-type', { detail: say(`the character set ${String(error.charset).toUpperCase()} is not supported: send UTF-8`, `le jeu de caractères ${String(error.charset).toUpperCase()} n’est pas pris en charge\u00a0: envoyez de l’UTF-8`) });
    case 'encoding.unsupported':
      return new DomainError('request.unsupported-media-type', { detail: say(`the content encoding ${error.encoding} is not supported: send the body uncompressed or as gzip`, `l’encodage ${error.encoding} n’est pas pris en charge\u00a0: envoyez le corps non compressé ou en gzip`) });
    case 'entity.parse.failed':
      return new DomainError('request.body-not-json', { detail: say(`the body is not valid JSON: ${error.message}`, `le corps n’est pas du JSON valide\u00a0: ${error.message}`) });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'entity.verify.failed':
      return new DomainError('request.body-unreadable', { detail: say('the body could not be read completely', 'le corps n’a pas pu être lu en entier') });
    default:
      return undefined;
  }
}

/** Express error middleware after the parsers: their errors leave as problems, like every other error, never as 500. */
export function bodyErrors(filter: ProblemFilter) {
  return (error: unknown, request: Request, response: Response, next: Next): void => {
    const problem = error instanceof DomainError || error instanceof HttpException ? error : bodyProblem(error as any);
    if (!problem || response.headersSent) return next(error);
    filter.respond(problem, request, response);
  };
}
