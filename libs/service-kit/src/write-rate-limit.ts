import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Principal } from '@ccndr/auth';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { say } from '@ccndr/contracts';

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Buckets untouched this long are full again: they are forgotten. */
const idleMs = 10 * 60_000;

/**
 * Write routes per caller (the token's subject, else the address): a token bucket of
 * `WRITE_RATE_BURST` writes refilled at `WRITE_RATE_PER_SECOND`, kept by each instance. Beyond
 * it: 429 with Retry-After, nothing written. Reads are not limited here.
 */
@Injectable()
export class WriteRateLimit implements CanActivate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = Date.now();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ method: string; ip?: string; principal?: Principal }>();
    if (!writes.has(request.method)) return true;
    const now = Date.now();
    this.sweep(now);
    const caller = request.principal?.subject ?? `address:${request.ip ?? 'unknown'}`;
    const { WRITE_RATE_PER_SECOND: rate, WRITE_RATE_BURST: burst } = this.config;
    const bucket = this.buckets.get(caller) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens < 1) {
      http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(Math.ceil((1 - bucket.tokens) / rate)));
      throw new HttpException(say('too many writes: slow down and retry after the time given', 'trop d’écritures : ralentissez et réessayez après le délai indiqué'), HttpStatus.TOO_MANY_REQUESTS);
    }
    bucket.tokens -= 1;
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < idleMs) return;
    this.lastSweep = now;
    for (const [caller, bucket] of this.buckets) if (now - bucket.at > idleMs) this.buckets.delete(caller);
  }
}
