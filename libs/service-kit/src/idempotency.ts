import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { from, Observable, of, switchMap } from 'rxjs';
import { DataSource, EntitySubscriberInterface, EventSubscriber, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { DomainError, say } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { claimKey, forgetKeysOlderThan, keepAnswer, keyedAnswer } from './idempotency.sql';
import { fieldsRefused } from './validation';

/** How long a key is remembered: a client retries within minutes, not days. */
const keptForHours = 24;
const keyPattern = /^[\x21-\x7e]{1,200}$/;

/** The request being served under an Idempotency-Key, while its handler runs. */
interface KeyedRequest {
  caller: string;
  key: string;
  fingerprint: string;
  claimed: boolean;
}

const keyedRequest = new AsyncLocalStorage<KeyedRequest>();

/**
 * Claims the request's key in the first transaction the request commits: the key is recorded
 * if, and only if, what the command wrote is. Two requests racing with one key cannot both
 * commit (the key's primary key refuses the second, whose writes roll back).
 */
@EventSubscriber()
export class IdempotencyKeyClaim implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const request = keyedRequest.getStore();
    const runner = event.queryRunner as QueryRunner & { transactionDepth?: number };
    if (!request || request.claimed || (runner.transactionDepth ?? 1) > 1) return;
    await query(runner.manager, claimKey, [request.caller, request.key, request.fingerprint]);
    request.claimed = true;
  }
}

/**
 * `Idempotency-Key` on any POST: the first request runs and its answer is kept; a retry with the
 * same key (same caller, same method, path and body) gets that answer again, marked
 * `Idempotent-Replayed: true`, and writes nothing. The same key on another request is refused (422).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private lastCleanup = 0;

  constructor(
    private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<{ method: string; originalUrl: string; headers: Record<string, string | undefined>; body: unknown; principal?: Principal }>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!keyPattern.test(key)) throw fieldsRefused([{ code: 'field.invalid-format', field: 'Idempotency-Key', detail: say('1 to 200 visible ASCII characters', '1 à 200 caractères ASCII visibles') }]);
    const caller = request.principal?.subject ?? 'anonymous';
    const fingerprint = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const response = http.getResponse<{ status(code: number): unknown; setHeader(name: string, value: string): void }>();

    return from(this.recall(caller, key)).pipe(
      switchMap((kept) => {
        if (kept) {
          if (kept.fingerprint !== fingerprint) {
            throw new DomainError('idempotency.key-reused', { field: 'Idempotency-Key', detail: say('this Idempotency-Key was used for another request', 'cette Idempotency-Key a servi à une autre requête') });
          }
          if (kept.status === null) {
            throw new DomainError('idempotency.answer-lost', {
              field: 'Idempotency-Key',
              detail: say(
                'the request with this Idempotency-Key was applied, but its answer was not kept: read the resource',
                'la requête portant cette Idempotency-Key a été appliquée, mais sa réponse n’a pas été conservée\u00a0: lisez la ressource',
              ),
            });
          }
          response.status(kept.status);
          response.setHeader('Idempotent-Replayed', 'true');
          return of(kept.body);
        }
        const scope: KeyedRequest = { caller, key, fingerprint, claimed: false };
        const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
        return new Observable<unknown>((subscriber) =>
          keyedRequest.run(scope, () =>
            next
              .handle()
              .pipe(switchMap(async (body) => (scope.claimed ? (await this.keep(caller, key, status, body), body) : body)))
              .subscribe(subscriber),
          ),
        );
      }),
    );
  }

  private async recall(caller: string, key: string): Promise<{ fingerprint: string; status: number | null; body: unknown } | undefined> {
    if (Date.now() - this.lastCleanup > 3_600_000) {
      this.lastCleanup = Date.now();
      await query(this.db, forgetKeysOlderThan, [keptForHours]);
    }
    const [row] = await query(this.db, keyedAnswer, [caller, key]);
    return row;
  }

  private async keep(caller: string, key: string, status: number, body: unknown): Promise<void> {
    await query(this.db, keepAnswer, [caller, key, status, JSON.stringify(body ?? null)]);
  }
}
