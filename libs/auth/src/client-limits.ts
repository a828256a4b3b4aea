import { ExecutionContext, Injectable, Provider, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, normalizeIp, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerRequest, ThrottlerStorageService } from '@nestjs/throttler';
import { DomainError, ErrorCode } from '@ccndr/contracts';

/** The kinds of request limited per client, each counted apart. */
export type LimitName = 'writes' | 'expensive-reads' | 'failed-tokens' | 'sign-in' | 'unsubscribe';

export interface ClientLimit {
  name: LimitName;
  /** Requests of this kind one client may make in any window… */
  limit: number;
  /** …of this many seconds. */
  windowSeconds: number;
  /** Which requests count: those that write (POST, PUT, PATCH, DELETE), or those of the routes marked `@Limited(name)`. */
  counts: 'writes' | 'marked';
}

const refusals: Record<LimitName, ErrorCode> = {
  writes: 'limit.writes',
  'expensive-reads': 'limit.expensive-reads',
  'failed-tokens': 'limit.failed-tokens',
  'sign-in': 'limit.sign-in',
  unsubscribe: 'limit.unsubscribe',
};

const LIMITED = 'ccndr:limited';
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const reflector = new Reflector();

/** The route counts against the named limit (an expensive read, a sign-in step). */
export const Limited = (name: LimitName) => SetMetadata(LIMITED, name);

/** Who a limit is kept for: the token's subject once authenticated, else the client address (an IPv6 client by its /64). */
export function clientOf(request: { ip?: string; principal?: { subject: string } }): string {
  return request.principal ? `subject:${request.principal.subject}` : `address:${normalizeIp(request.ip ?? 'unknown')}`;
}

/** Refuses the request: 429 with Retry-After (whole seconds, at least one) and the limit's reason in both languages. */
export function refuseTooMany(response: { setHeader(name: string, value: string): void }, name: LimitName, retryAfterSeconds: number): never {
  response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  throw new DomainError(refusals[name]);
}

/** The storage key of a client's count under a limit (one storage holds every limit). */
export function limitKey(name: LimitName, client: string): string {
  return `${name}:${client}`;
}

/**
 * The options and the one in-memory store (per instance) of the client limits, read from the
 * application's validated config; register `ClientLimitsGuard` as a guard where it belongs in the
 * order (after authentication, so that callers are counted by subject).
 */
export function clientLimitProviders<C>(configToken: string | symbol, limits: (config: C) => ClientLimit[]): Provider[] {
  return [
    { provide: getStorageToken(), useClass: ThrottlerStorageService },
    {
      provide: getOptionsToken(),
      inject: [configToken],
      useFactory: (config: C): ThrottlerModuleOptions => ({
        throttlers: limits(config).map(({ name, limit, windowSeconds, counts }) => ({
          name,
          limit,
          ttl: windowSeconds * 1000,
          // No block: a sliding window, where refused requests do not count and the client goes
          // on as soon as its oldest counted request leaves the window.
          blockDuration: 0,
          skipIf: (context: ExecutionContext) =>
            counts === 'writes' ? !writeMethods.has(context.switchToHttp().getRequest().method) : reflector.getAllAndOverride(LIMITED, [context.getHandler(), context.getClass()]) !== name,
        })),
        getTracker: (request) => clientOf(request),
        generateKey: (_, client, name) => limitKey(name as LimitName, client),
        setHeaders: false,
      }),
    },
  ];
}

class LimitReached {
  constructor(readonly retryAfterSeconds: number) {}
}

/** @nestjs/throttler's guard, answering with the standard Retry-After and a bilingual reason for each limit. */
@Injectable()
export class ClientLimitsGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof LimitReached) refuseTooMany(request.context.switchToHttp().getResponse(), request.throttler.name as LimitName, error.retryAfterSeconds);
      throw error;
    }
  }

  protected override async throwThrottlingException(_: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new LimitReached(detail.timeToBlockExpire);
  }
}
