// Optimistic concurrency over HTTP: reads carry `ETag: "v<version>"`, writes must send it back in If-Match.
import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { DomainError } from './problem.js';

export const etagFor = (version: number): string => `"v${version}"`;

export class PreconditionRequiredError extends DomainError {
  constructor() {
    super('precondition-required', HttpStatus.PRECONDITION_REQUIRED, 'Send If-Match with the ETag of the record you read.');
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(current?: number) {
    super('precondition-failed', HttpStatus.PRECONDITION_FAILED, 'The record changed since you read it: read it again and retry.', {
      ...(current ? { currentETag: etagFor(current) } : {}),
    });
  }
}

export class InvalidIfMatchError extends DomainError {
  constructor() {
    super('invalid-if-match', HttpStatus.BAD_REQUEST, 'If-Match must be one ETag as sent by a read, e.g. "v3".');
  }
}

/** The version named by If-Match; 428 without it. */
export const IfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  if (header === undefined) throw new PreconditionRequiredError();
  const match = /^(?:W\/)?"v([1-9][0-9]{0,9})"$/.exec(String(header).trim());
  if (!match?.[1]) throw new InvalidIfMatchError();
  return Number(match[1]);
});

@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') reply.header('etag', etagFor(version));
        return body;
      }),
    );
  }
}

/** Sets ETag from the returned DTO's `version`. */
export const WithEtag = (): MethodDecorator => UseInterceptors(EtagInterceptor);
