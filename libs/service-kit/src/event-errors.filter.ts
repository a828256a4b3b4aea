import { Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * An event handler's error goes back to the JetStream transport as it was thrown, which retries
 * the event or dead-letters it with the error's message (Nest's default would replace it with
 * "Internal server error").
 */
@Catch()
export class EventErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}
