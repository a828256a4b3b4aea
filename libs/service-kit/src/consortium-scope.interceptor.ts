import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { isPlatformAdmin, Principal } from '@ccndr/auth';
import { ATTR_CCNDR_CONSORTIUM_ID } from '@ccndr/observability';
import { asPlatform, withinConsortia } from '@ccndr/persistence';

/**
 * Runs each request's handler in the consortium scope row-level security enforces: the consortium
 * in the path (the access guard has admitted the caller to it); without one, the consortia the
 * caller belongs to, or every consortium for a platform admin; nothing for an anonymous call.
 */
@Injectable()
export class ConsortiumScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ params?: Record<string, string>; principal?: Principal }>();
    const { principal } = request;
    const consortiumId = request.params?.consortiumId;
    // Admins find a consortium's requests in the traces by this attribute.
    if (consortiumId !== undefined) trace.getActiveSpan()?.setAttribute(ATTR_CCNDR_CONSORTIUM_ID, consortiumId);
    const inScope = <T>(work: () => T): T =>
      consortiumId !== undefined ? withinConsortia([consortiumId], work) : principal && isPlatformAdmin(principal) ? asPlatform(work) : withinConsortia(Object.keys(principal?.consortia ?? {}), work);
    return new Observable((subscriber) => inScope(() => next.handle().subscribe(subscriber)));
  }
}
