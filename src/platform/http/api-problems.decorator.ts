// Documents the problem+json responses of an operation in one line: @ApiProblems(400, 404).
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem.filter.js';
import { codeFor, titleFor } from './problem.js';
import { ProblemDto } from './problem.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: each bad field is listed in `errors`.',
  401: 'No valid API key.',
  403: 'The API key lacks the scope.',
  404: 'No such record.',
  405: 'The path exists but not with this method.',
  409: 'Conflicts with what is stored.',
  410: 'Gone: older than what the service keeps; the problem links the latest.',
  412: 'The record changed since it was read (stale If-Match).',
  413: 'The body is larger than allowed.',
  415: 'The body is not JSON.',
  422: 'Well-formed but breaks a rule of the registry.',
  428: 'If-Match is required.',
  429: 'Too many requests: slow down and retry after the time in `Retry-After`.',
  503: 'The database (or this instance) cannot serve the request now: retry after the time in `Retry-After`.',
};

type HeaderObject = { description?: string; schema: { type: 'string' | 'integer' }; example?: string | number };

/** Response headers a problem of a status carries on these routes (e.g. `Link` on 410), by status. */
export interface ProblemHeaders {
  headers: Partial<Record<number, Record<string, HeaderObject>>>;
}

/**
 * What a 429 says of the limit (every answer but the probes' carries the two RateLimit fields; they are listed here,
 * with the refusal that needs them, rather than on every success): draft-ietf-httpapi-ratelimit-headers-10.
 */
const TOO_MANY_REQUESTS: Record<string, HeaderObject> = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' }, example: 30 },
  RateLimit: {
    description:
      'The current state of each limit that counted the request (IETF draft-ietf-httpapi-ratelimit-headers): the policy, `r` the requests left and `t` the seconds until the window restarts. Sent with every answer but the probes\'.',
    schema: { type: 'string' },
    example: '"per-address";r=0;t=30',
  },
  'RateLimit-Policy': {
    description:
      'The limits that counted the request: `"per-address"` (an address, IPv6 by /64), `"per-key"` (an API key with a limit of its own), `"verifications"` (anonymous single verifications) or `"reports"` (citizens\' reports, an hour\'s window), `q` requests per `w` seconds. Sent with every answer but the probes\'.',
    schema: { type: 'string' },
    example: '"per-address";q=600;w=60',
  },
};

/** The documented problem response of `status` (description, headers, problem+json with an example). */
function problemResponse(status: number, headers?: Record<string, HeaderObject>) {
  return {
    description: DESCRIPTIONS[status] ?? titleFor(status),
    ...(headers || status === 429 ? { headers: { ...(status === 429 ? TOO_MANY_REQUESTS : {}), ...headers } } : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: getSchemaPath(ProblemDto) },
        example: {
          type: `http://localhost:3000/problems/${status === 400 ? 'validation-failed' : codeFor(status)}`,
          title: titleFor(status),
          status,
          detail: DESCRIPTIONS[status] ?? titleFor(status),
          code: status === 400 ? 'validation-failed' : codeFor(status),
          requestId: '0f9c3a52-6b1e-4f7e-9a51-3c1d2f1b8e77',
        },
      },
    },
  };
}

export function ApiProblems(...args: (number | ProblemHeaders)[]): MethodDecorator & ClassDecorator {
  const statuses = args.filter((a): a is number => typeof a === 'number');
  const extra = args.find((a): a is ProblemHeaders => typeof a === 'object')?.headers ?? {};
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...statuses, 429, 503].map((status) => ApiResponse({ status, ...problemResponse(status, extra[status]) })),
  );
}

/**
 * What the platform answers on any route, whatever the controller declares: a 400 for a URL or text no route can
 * read (a broken percent-escape, NUL, an API key in the query), a 414 for a path parameter over its length (with path
 * parameters only), a 415 for a body that is not JSON (with a body only). Added here so no operation's list of
 * responses leaves them out (the hostile battery answers every operation with them).
 */
export function documentPlatformRefusals(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      // The probes answer 200 or 503 only (see .redocly.lint-ignore.yaml): an operation without problems keeps none.
      if (!operation || !Object.values(operation.responses).some((r) => r !== undefined && 'content' in r && r.content?.[PROBLEM_CONTENT_TYPE] !== undefined)) continue;
      const hasPathParameter = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path');
      const statuses = [400, ...(hasPathParameter ? [414] : []), ...(operation.requestBody ? [415] : [])];
      for (const status of statuses) operation.responses[String(status)] ??= problemResponse(status);
      // Keep the responses in status order, as the decorators list them.
      operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  return document;
}
