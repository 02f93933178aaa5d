// The API reads JSON bodies only: any other media type (text/plain, forms) is a 415 problem rather than a string or
// a form the validation then refuses field by field; and JSON nested deeper than any request of the API is refused
// before class-transformer walks it (2,000 levels in 4 KB overflow its recursion).
import { HttpStatus } from '@nestjs/common';
import { errorCodes, type FastifyInstance } from 'fastify';
import { localise } from '../i18n/translate.js';
import { MAX_JSON_DEPTH } from './http-limits.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError, type ValidationProblem } from './problem.js';
import { prototypeKeyFields, prototypeKeyProblem } from './prototype-keys.js';

export class JsonTooDeepError extends DomainError {
  constructor() {
    super('json-too-deep', HttpStatus.BAD_REQUEST, localise(PLATFORM_MESSAGES, 'json-too-deep', { max: MAX_JSON_DEPTH }));
  }
}

/** Whether the JSON text opens more than `max` arrays/objects inside each other (brackets inside strings do not count). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Fastify's parser answers "invalid JSON" both for text that is not JSON and for JSON that secure-json-parse refuses
 * for a `__proto__` or `constructor.prototype` key. The second is valid JSON: its keys are named as undeclared
 * properties instead (JSON.parse makes `__proto__` an own key, the prototype stays untouched; the value is dropped).
 */
function prototypeKeysIn(text: string): ValidationProblem | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return prototypeKeyProblem(prototypeKeyFields(parsed, ''));
}

/** Replaces every content-type parser of the instance (Fastify's text/plain, Nest's form) with one JSON parser. */
export function registerJsonOnly(instance: FastifyInstance, bodyLimit: number): void {
  instance.removeAllContentTypeParsers();
  // Fastify's own parser after the depth check: secure-json-parse, refusing __proto__ and constructor.prototype keys.
  const parse = instance.getDefaultJsonParser('error', 'error');
  instance.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      done(new JsonTooDeepError(), undefined);
      return;
    }
    parse(request, body as string, (error, value) => done(error ? (prototypeKeysIn(body as string) ?? error) : null, value));
  });
}

/** The route config flag (`@RouteConfig({ formBody: true })`) of the few routes that take an HTML form's POST. */
export const FORM_BODY = 'formBody';

/**
 * HTML forms (application/x-www-form-urlencoded) for the routes that set FORM_BODY in their config, read as a flat
 * record (the last value of a repeated field wins); everywhere else the same 415 as any non-JSON body.
 */
export function registerFormBodies(instance: FastifyInstance, bodyLimit: number): void {
  registerFlaggedBodies(instance, 'application/x-www-form-urlencoded', FORM_BODY, bodyLimit, (body) => Object.fromEntries(new URLSearchParams(body)));
}

/** The route config flag (`@RouteConfig({ csvBody: true })`) of the routes that take a CSV upload. */
export const CSV_BODY = 'csvBody';

/**
 * CSV uploads (text/csv) for the routes that set CSV_BODY in their config, passed on as the text (the route parses it,
 * so a broken quote is its 400 with the line); everywhere else the same 415 as any non-JSON body.
 */
export function registerCsvBodies(instance: FastifyInstance, bodyLimit: number): void {
  registerFlaggedBodies(instance, 'text/csv', CSV_BODY, bodyLimit, (body) => body);
}

/** A parser of `mediaType` for the routes whose config sets `flag`; any other route answers it the 415 of any non-JSON body. */
function registerFlaggedBodies(instance: FastifyInstance, mediaType: string, flag: string, bodyLimit: number, read: (body: string) => unknown): void {
  instance.addContentTypeParser(mediaType, { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[flag] !== true) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'])), undefined);
      return;
    }
    done(null, read(body as string));
  });
}
