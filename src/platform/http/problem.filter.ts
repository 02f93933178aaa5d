// The one exception filter: everything that leaves the API as an error is an RFC 9457 problem+json body, in the
// language negotiated for the request (kk, ru or en).
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { databaseFault, type DatabaseFaultKind } from '../database/database-faults.js';
import type { Lang } from '../i18n/languages.js';
import { localise, Localised, type Text, textIn } from '../i18n/translate.js';
import { MAX_PARAM_LENGTH } from './http-limits.js';
import { langOf, appendVary } from './negotiation.js';
import { PLATFORM_MESSAGES, type PlatformMessage } from './problem-messages.js';
import { codeFor, DomainError, localisedTitle, type ProblemBody } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Classified {
  status: number;
  code: string;
  detail: Text;
  extensions?: Record<string, unknown>;
  headers?: Readonly<Record<string, string>>;
}

/** PostgreSQL errors that mean "your data breaks a rule" rather than "the server broke". */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; message: PlatformMessage }> = {
  '23505': { status: 409, code: 'conflict', message: 'duplicate-record' },
  '23503': { status: 409, code: 'conflict', message: 'referenced-record' },
  '23514': { status: 422, code: 'constraint-violation', message: 'rule-broken' },
  '23001': { status: 409, code: 'conflict', message: 'history-record' },
  '22P02': { status: 422, code: 'constraint-violation', message: 'wrong-form' },
};

/** Fastify's own errors (router, body parser) by their code: our code and a message in every language. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: PlatformMessage }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported-media-type', message: 'unsupported-media-type' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed-json', message: 'malformed-json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed-json', message: 'empty-json-body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'content-too-large', message: 'content-too-large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'content-length-mismatch', message: 'content-length-mismatch' },
  FST_ERR_BAD_URL: { status: 400, code: 'malformed-url', message: 'malformed-url' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri-too-long', message: 'path-segment-too-long' },
};

/** A database that cannot serve now: 503 with how long to wait, never a 500. */
const DATABASE_FAULTS: Record<DatabaseFaultKind, { code: string; message: PlatformMessage; retryAfterSeconds: number }> = {
  unreachable: { code: 'database-unavailable', message: 'database-unreachable', retryAfterSeconds: 5 },
  timeout: { code: 'database-timeout', message: 'database-timeout', retryAfterSeconds: 5 },
  'read-only': { code: 'database-read-only', message: 'database-read-only', retryAfterSeconds: 30 },
  // 503 rather than WebDAV's 507: the request was fine and will succeed unchanged once an operator frees space, which
  // is what 503 with Retry-After tells every client and retry library; 507 is read by few and says "not retryable".
  'out-of-space': { code: 'database-full', message: 'database-full', retryAfterSeconds: 60 },
};

/** How long a client is asked to wait when readiness fails. */
const NOT_READY_RETRY_AFTER_SECONDS = '5';

/** A Fastify error (router, body parser) by its code; Nest hands it over wrapped, as the cause of an HttpException. */
function classifyFastify(error: unknown, config?: Pick<AppConfig, 'BODY_LIMIT_BYTES'>): Classified | null {
  const inner = error instanceof HttpException && error.cause ? error.cause : error;
  const fastifyCode = (inner as { code?: unknown } | null)?.code;
  const known = typeof fastifyCode === 'string' ? FASTIFY_ERRORS[fastifyCode] : undefined;
  if (!known) return null;
  const params = { limit: config?.BODY_LIMIT_BYTES ?? '?', max: MAX_PARAM_LENGTH };
  return { status: known.status, code: known.code, detail: localise(PLATFORM_MESSAGES, known.message, params) };
}

/** Terminus's readiness answer: which checks failed, and why, in the detail (English: it is for operators). */
function notReady(details: unknown, fallback: string): { detail: string; headers: Record<string, string> } {
  const reasons = Object.entries((details ?? {}) as Record<string, { status?: string; reason?: unknown; message?: unknown }>)
    .filter(([, check]) => check.status === 'down')
    .map(([name, check]) => `${name}: ${String(check.reason ?? check.message ?? 'down')}`);
  return { detail: reasons.length > 0 ? `Not ready. ${reasons.join(' ')}` : fallback, headers: { 'retry-after': NOT_READY_RETRY_AFTER_SECONDS } };
}

export function classify(error: unknown, config?: Pick<AppConfig, 'BODY_LIMIT_BYTES'>): Classified | null {
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, detail: error.detail, extensions: error.extensions, headers: error.headers };
  }
  const fastify = classifyFastify(error, config);
  if (fastify) return fastify;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    // Terminus reports which checks failed under `details`: keep them for the probe's reader.
    const details = typeof response === 'object' && response !== null && 'details' in response ? response.details : undefined;
    if (details && status === 503) return { status, code: codeFor(status), ...notReady(details, message), extensions: { checks: details } };
    return { status, code: codeFor(status), detail: message, extensions: details ? { checks: details } : {} };
  }
  const fault = databaseFault(error);
  if (fault) {
    const known = DATABASE_FAULTS[fault.kind];
    return {
      status: 503,
      code: known.code,
      detail: localise(PLATFORM_MESSAGES, known.message),
      headers: { 'retry-after': String(known.retryAfterSeconds) },
    };
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string } | undefined)?.code ?? '';
    const known = PG_CLIENT_ERRORS[pgCode];
    if (known) {
      const constraint = (error.driverError as { constraint?: string }).constraint;
      return {
        status: known.status,
        code: known.code,
        detail: localise(PLATFORM_MESSAGES, known.message),
        extensions: constraint ? { constraint } : {},
      };
    }
    return null;
  }
  // Any other client error with a 4xx statusCode (a plugin's): pass its status through.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, code: codeFor(statusCode), detail: (error as Error).message };
  }
  return null;
}

/** Localised texts anywhere in the extensions (field messages of `errors`) rendered in `lang`. */
function renderIn(value: unknown, lang: Lang): unknown {
  if (value instanceof Localised) return value.in(lang);
  if (Array.isArray(value)) return value.map((item) => renderIn(item, lang));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderIn(item, lang)]));
  }
  return value;
}

/** The problem body of a classified error, in `lang`. */
export function problemBody(
  classified: Classified,
  lang: Lang,
  base: string,
  request: { id?: string; url?: string },
): ProblemBody {
  const { status, code, detail, extensions } = classified;
  return {
    type: new URL(`/problems/${code}`, base).href,
    title: localisedTitle(status).in(lang),
    status,
    detail: textIn(detail, lang),
    instance: request.url?.split('?')[0],
    code,
    requestId: request.id,
    ...(renderIn(extensions ?? {}, lang) as Record<string, unknown>),
  };
}

export const INTERNAL_ERROR: Classified = {
  status: 500,
  code: 'internal-error',
  detail: localise(PLATFORM_MESSAGES, 'internal-error'),
};

const logger = new Logger('ProblemFilter');

/** Answers any error as a problem; what is not classified is a 500 that leaks nothing, logged with the request id. */
export function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply, config: AppConfig): void {
  let classified = classify(error, config);
  if (!classified) logger.error({ err: error, requestId: request.id }, 'Unhandled error');
  // Not the client's doing: operators see why, with the request id the client was given (the answer does not say).
  const fault = databaseFault(error);
  if (fault) logger.warn({ requestId: request.id, code: classified?.code, reason: fault.reason }, 'The database could not serve a request');
  // Nest's own not-found handler (a request the platform's routing hook did not answer first).
  if (error instanceof NotFoundException && classified?.code === 'not-found') {
    const path = request.url?.split('?')[0] ?? '';
    classified = { ...classified, detail: localise(PLATFORM_MESSAGES, 'route-not-found', { method: request.method, path }) };
  }
  sendProblem(request, reply, classified ?? INTERNAL_ERROR, config.PUBLIC_BASE_URL);
}

/** The exception filter of Nest's pipeline (guards, pipes, interceptors, handlers). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerError(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.config);
  }
}

/** Sends `problem` as problem+json in the request's language (`Content-Language` says which). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Classified, publicBaseUrl: string): void {
  const lang = langOf(request);
  appendVary(reply, 'Accept-Language');
  reply
    .status(problem.status)
    .headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': lang })
    .send(problemBody(problem, lang, publicBaseUrl, request));
}
