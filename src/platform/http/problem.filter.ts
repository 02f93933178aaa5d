// The one exception filter: everything that leaves the API as an error is an RFC 9457 problem+json body.
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { codeFor, DomainError, type ProblemBody, titleFor } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface Classified {
  status: number;
  code: string;
  detail: string;
  extensions?: Record<string, unknown>;
}

/** PostgreSQL errors that mean "your data breaks a rule" rather than "the server broke". */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': { status: 409, code: 'conflict', detail: 'A record with the same unique value already exists.' },
  '23503': { status: 409, code: 'conflict', detail: 'The record refers to, or is referred to by, another record.' },
  '23514': { status: 422, code: 'constraint-violation', detail: 'The record breaks a rule of the registry.' },
  '23001': { status: 409, code: 'conflict', detail: 'The record is history and cannot be changed that way.' },
  '22P02': { status: 422, code: 'constraint-violation', detail: 'A value has the wrong form.' },
};

export function classify(error: unknown): Classified | null {
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, detail: error.message, extensions: error.extensions };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    // Terminus reports which checks failed under `details`: keep them for the probe's reader.
    const details = typeof response === 'object' && response !== null && 'details' in response ? response.details : undefined;
    return { status, code: codeFor(status), detail: message, extensions: details ? { checks: details } : {} };
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string } | undefined)?.code ?? '';
    const known = PG_CLIENT_ERRORS[pgCode];
    if (known) {
      const constraint = (error.driverError as { constraint?: string }).constraint;
      return { ...known, extensions: constraint ? { constraint } : {} };
    }
    return null;
  }
  // Fastify's own errors (body too large, bad JSON, unsupported media type) carry a 4xx statusCode.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, code: codeFor(statusCode), detail: (error as Error).message };
  }
  return null;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const classified = classify(error);
    if (!classified) {
      this.logger.error({ err: error, requestId: request.id }, 'Unhandled error');
    }
    const { status, code, detail, extensions } = classified ?? {
      status: 500,
      code: 'internal-error',
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    };
    const body: ProblemBody = {
      type: new URL(`/problems/${code}`, this.config.PUBLIC_BASE_URL).href,
      title: titleFor(status),
      status,
      detail,
      instance: request.url?.split('?')[0],
      code,
      requestId: request.id,
      ...extensions,
    };
    reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
