import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { getStorageToken, ThrottlerStorageService } from '@nestjs/throttler';
import { AccessGuard, ClientLimit, clientOf, limitKey, refuseTooMany } from '@ccndr/auth';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { DomainError } from '@ccndr/contracts';

/** The limits the services keep per caller, after authentication (docs/security.md, "How fast"). */
export function serviceLimits(c: ServiceConfig): ClientLimit[] {
  return [
    { name: 'writes', limit: c.WRITE_LIMIT, windowSeconds: c.WRITE_LIMIT_WINDOW_SECONDS, counts: 'writes' },
    { name: 'expensive-reads', limit: c.EXPENSIVE_READ_LIMIT, windowSeconds: c.EXPENSIVE_READ_LIMIT_WINDOW_SECONDS, counts: 'marked' },
  ];
}

/**
 * The access guard behind a limit on failed token checks per client address (a client sending bad
 * tokens has no subject to be counted by): once FAILED_TOKEN_LIMIT tokens from an address failed
 * within the window, that address's tokens are refused with 429 and Retry-After, without being
 * verified, until the window has passed. Counted in the store of the other client limits.
 */
@Injectable()
export class TokenCheckLimit implements CanActivate {
  constructor(
    private readonly access: AccessGuard,
    @Inject(getStorageToken()) private readonly store: ThrottlerStorageService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ ip?: string; headers: Record<string, string | undefined> }>();
    if (!request.headers.authorization) return this.access.canActivate(context);
    const key = limitKey('failed-tokens', clientOf({ ip: request.ip }));
    const record = this.store.storage.get(key);
    if (record?.isBlocked && record.blockExpiresAt > Date.now()) refuseTooMany(context.switchToHttp().getResponse(), 'failed-tokens', (record.blockExpiresAt - Date.now()) / 1000);
    try {
      return await this.access.canActivate(context);
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) {
        const windowMs = this.config.FAILED_TOKEN_LIMIT_WINDOW_SECONDS * 1000;
        // The store blocks once the count exceeds the limit it is given: the limit-th failure blocks.
        await this.store.increment(key, windowMs, this.config.FAILED_TOKEN_LIMIT - 1, windowMs, 'failed-tokens');
      }
      throw error;
    }
  }
}
