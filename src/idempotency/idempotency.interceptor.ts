// Creating requests with an Idempotency-Key run once per key and API key: a retry gets the first result back.
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, type Observable, of, switchMap, tap, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../api-keys/actor.js';
import { IdempotencyInProgressError, IdempotencyKeyReusedError, InvalidIdempotencyKeyError } from './idempotency.errors.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly records: IdempotencyRepository) {}

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

    return from(this.records.claim(apiKeyId, header, requestHash)).pipe(
      switchMap((claimed) => {
        if (claimed) {
          return next.handle().pipe(
            switchMap((body) => from(this.records.complete(apiKeyId, header, status, body)).pipe(switchMap(() => of(body)))),
            // A failed request leaves no record: the client may retry with the same key.
            catchError((error: unknown) =>
              from(this.records.release(apiKeyId, header)).pipe(switchMap(() => throwError(() => error))),
            ),
          );
        }
        return from(this.records.get(apiKeyId, header)).pipe(
          switchMap((record) => {
            if (!record || record.requestHash !== requestHash) return throwError(() => new IdempotencyKeyReusedError());
            if (record.status === null) return throwError(() => new IdempotencyInProgressError());
            const stored = record.status;
            return of(record.body).pipe(tap(() => reply.status(stored).header('idempotent-replayed', 'true')));
          }),
        );
      }),
    );
  }
}
