// Text PostgreSQL cannot store (NUL) or that is not Unicode (an unpaired surrogate, which JSON's \ud800 escapes can
// carry) is refused in one place, for every route and every string of the body, the query and the path, before
// anything (the idempotency hash, the canonical JSON of the audit trail, the database) sees it. Keys named after
// Object.prototype members are refused in the same walk of the request (prototype-keys.ts).
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { localise } from '../i18n/translate.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { type FieldProblem, ValidationProblem } from './problem.js';
import { prototypeKeyFields, prototypeKeyProblem } from './prototype-keys.js';

const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): boolean {
  return NUL_OR_LONE_SURROGATE.test(text);
}

/** Dotted paths (`entries.0.value`, `actor`) of every string or key of `value` that cannot be stored. */
export function unstorableFields(value: unknown, path: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (unstorable(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableFields(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (unstorable(key)) found.push(path || key);
      else unstorableFields(item, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}

export class InvalidCharactersProblem extends ValidationProblem {
  constructor(fields: string[]) {
    const errors: FieldProblem[] = fields.map((field) => ({
      field,
      messages: [localise(PLATFORM_MESSAGES, 'invalid-characters-field', { field })],
    }));
    super(errors, localise(PLATFORM_MESSAGES, 'invalid-characters'), 'invalid-characters');
  }
}

/** Methods whose requests may carry a body: their text is checked once the body is parsed, path and query with it. */
const TAKES_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function unstorableInRequest(request: FastifyRequest): ValidationProblem | undefined {
  const fields = unstorableFields(request.params, '');
  unstorableFields(request.query, '', fields);
  // A body that is itself a string is named `body`.
  unstorableFields(request.body, typeof request.body === 'string' ? 'body' : '', fields);
  if (fields.length > 0) return new InvalidCharactersProblem(fields);
  // The same walk's place for keys named after Object.prototype members (prototype-keys.ts).
  const keys = prototypeKeyFields(request.query, '');
  prototypeKeyFields(request.body, '', keys);
  return prototypeKeyProblem(keys);
}

/**
 * The check of a request without a body (GET, HEAD, OPTIONS), for the platform's request hook: its path and query
 * are all there is. A route that takes a body is checked by the hook `refuseUnstorableText` gives it.
 */
export function unstorableInUrl(request: FastifyRequest): ValidationProblem | undefined {
  return TAKES_BODY.has(request.method) ? undefined : unstorableInRequest(request);
}

/**
 * Gives every route that takes a body a preValidation hook checking its body, path and query together (one problem
 * naming every field). Routes without one get no preValidation hook at all, so Fastify skips that phase for them:
 * on the check's path it cost a hook run per request. Call before routes are added.
 */
export function refuseUnstorableText(instance: FastifyInstance): void {
  const check: preValidationHookHandler = (request, _reply, done) => done(unstorableInRequest(request));
  instance.addHook('onRoute', (route) => {
    if (![route.method].flat().some((method) => TAKES_BODY.has(method))) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), check];
  });
}
