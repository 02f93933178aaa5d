// Creating requests with an Idempotency-Key run once per key and API key: a retry gets the first result back. The
// result is stored by the write's own transaction (TransactionRunner hooks), so it commits or rolls back with the
// write: a crash after the commit replays, a crash before it leaves nothing, and no claim is ever left behind.
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { withTransactionHooks } from '../platform/database/transactions.js';
import type { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { IdempotencyKeyReusedError, InvalidIdempotencyKeyError } from './idempotency.errors.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** Raised inside the write's transaction when another request with the key committed first: roll back and replay. */
class AlreadyCommitted extends Error {}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) return throwError(() => new InvalidIdempotencyKeyError());
    const apiKeyId = request.apiKey?.id ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalize(request.body ?? null) ?? ''}`)
      .digest('hex');
    const status: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const ttl = this.config.IDEMPOTENCY_TTL_HOURS;
    const replay = (record: IdempotencyKeyEntity | null): Observable<unknown> => {
      if (!record || record.requestHash !== requestHash) return throwError(() => new IdempotencyKeyReusedError());
      reply.status(record.status).header('idempotent-replayed', 'true');
      return of(record.body);
    };
    const hooks = {
      begin: async (manager: EntityManager) => {
        if (!(await this.records.claim(manager, { apiKeyId, key: header, requestHash, status }, ttl))) throw new AlreadyCommitted();
      },
      beforeCommit: (manager: EntityManager, result: unknown) =>
        this.records.storeBody(manager, apiKeyId, header, result),
    };

    return from(this.records.getLive(apiKeyId, header, ttl)).pipe(
      switchMap((stored) => {
        if (stored) return replay(stored);
        // The handler runs on subscription: subscribe inside the hooks' context so its transaction finds them.
        const run = new Observable<unknown>((subscriber) => withTransactionHooks(hooks, () => next.handle().subscribe(subscriber)));
        return run.pipe(
          catchError((error: unknown) =>
            error instanceof AlreadyCommitted
              ? from(this.records.getLive(apiKeyId, header, ttl)).pipe(switchMap(replay))
              : throwError(() => error),
          ),
        );
      }),
    );
  }
}
