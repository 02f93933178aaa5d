// Requests generated from the committed OpenAPI document, for the hostile-input battery: for each operation, values
// for its path, query and header parameters and its body drawn from the schema (types, enums, formats, bounds, the
// documented examples) or, in hostile mode, replaced here and there by what an attacker sends (wrong types, huge
// numbers, empty and very long strings, NUL, lone surrogates, look-alike letters, extra and `__proto__` properties).
// And the checks every answer must pass: no 5xx, every 4xx the project's one problem+json, every 2xx (and 304) a
// documented status whose JSON body validates against the document's schema; a 4xx too is one the operation documents.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { PROBLEM_TYPES } from '../../src/problem-types.js';

// ajv-formats is CommonJS with `exports.default`; under ESM the namespace's default is the module object.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** A JSON Schema node of the document (OpenAPI 3.0 dialect: `nullable`, `example`). */
export type Schema = { [keyword: string]: unknown };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

interface MediaType {
  schema?: Schema;
  examples?: Record<string, { value: unknown }>;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
  security?: unknown[];
  'x-required-scopes'?: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Endpoint {
  method: string;
  path: string;
  operation: Operation;
}

/** What the battery sends through `app.inject`. */
export interface GeneratedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** What came back, as `app.inject` gives it. */
export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

export function endpointsOf(document: OpenApiDocument): Endpoint[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

/** Strings that have broken parsers, databases and templates somewhere. */
const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  ' \t\r\n ',
  '\u0000',
  'coin\u0000base.com',
  '\ud800',
  'x\udfffy',
  'ıİiI',
  'ьіпапсе.com',
  'ВINANСЕ',
  '🪙💥',
  '\u202egnp.exe',
  'a\u200bb',
  '\ufeffbom',
  'e\u0301',
  'ǅẞﬃ',
  `${'a'.repeat(64)}.kz`,
  `${'a.'.repeat(127)}kz`,
  'a'.repeat(10_000),
  'ж'.repeat(3_000),
  '../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '%',
  "' OR '1'='1' --",
  '"; DROP TABLE firms; --',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  '2026-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  'http://[::1]:99999/',
  'javascript:alert(1)',
  'kzr_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
];

const HOSTILE_NUMBERS: readonly number[] = [
  -1,
  -0,
  0.5,
  -0.5,
  1e9,
  1e21,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 64,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MIN_VALUE,
];

/** Any JSON value of the wrong kind: what replaces a field in hostile mode. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': '' }, [[[[]]]]) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Keys an attacker adds to an object. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', 'isAdmin', 'id', 'version', 'scopes', '', 'x'.repeat(300)];

/** Sets `key` as an own, enumerable property, even `__proto__` (an assignment would set the prototype instead). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// Values from the schema

export interface ValueContext {
  document: OpenApiDocument;
  /** Replace values by hostile ones here and there, and add properties. */
  hostile: boolean;
  /** Values known to exist in the database (ids, serials), by the format or name they fill. */
  known: KnownValues;
}

export interface KnownValues {
  uuids: string[];
  keyIds: string[];
  serials: number[];
  fileNames: string[];
  deltaNames: string[];
  signingKeyIds: string[];
  etags: string[];
}

export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  let node = schema;
  for (let i = 0; typeof node.$ref === 'string' && i < 20; i++) {
    const name = node.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) throw new Error(`unresolved $ref ${node.$ref}`);
    node = target;
  }
  return node;
}

const MAX_DEPTH = 8;

/** A value of `schema`: valid-ish, or in hostile mode with some parts replaced by hostile values. */
export function valueOf(schema: Schema, context: ValueContext, depth = 0): fc.Arbitrary<unknown> {
  const valid = validValueOf(schema, context, depth);
  if (!context.hostile) return valid;
  return fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validValueOf(raw: Schema, context: ValueContext, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  const schema = resolve(context.document, raw);
  const variants = [schema.allOf, schema.oneOf, schema.anyOf].find(Array.isArray) as Schema[] | undefined;
  if (variants) {
    const own = Object.fromEntries(Object.entries(schema).filter(([k]) => !['allOf', 'oneOf', 'anyOf'].includes(k)));
    return fc.oneof(...variants.map((variant) => validValueOf({ ...resolve(context.document, variant), ...own }, context, depth)));
  }
  const base = typedValueOf(schema, context, depth);
  const options: fc.Arbitrary<unknown>[] = [base];
  if ('example' in schema && !Array.isArray(schema.enum) && schema.type !== 'string') options.push(fc.constant(schema.example));
  if (schema.nullable === true) options.push(fc.constant(null));
  return options.length === 1 ? base : fc.oneof({ weight: 3, arbitrary: base }, ...options.slice(1).map((arbitrary) => ({ weight: 1, arbitrary })));
}

const ISO_DATES = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });

function typedValueOf(schema: Schema, context: ValueContext, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringOf(schema, context);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, Number.MAX_SAFE_INTEGER) : Math.max(min, 0) + 100_000;
      const ints = fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max });
      const bounds = fc.constantFrom(min, max);
      return type === 'integer' ? fc.oneof(ints, bounds) : fc.oneof(ints, bounds, fc.double({ min, max, noNaN: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? {};
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, minLength + 4);
      return fc.array(valueOf(items, context, depth + 1), { minLength, maxLength });
    }
    case 'object':
    default:
      return objectOf(schema, context, depth);
  }
}

function stringOf(schema: Schema, context: ValueContext): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 60;
  const bounded = (s: string) => s.length >= minLength && s.length <= maxLength;
  const options: fc.Arbitrary<string>[] = [];
  switch (schema.format) {
    case 'uuid':
      options.push(fc.uuid({ version: 4 }));
      if (context.known.uuids.length) options.push(fc.constantFrom(...context.known.uuids));
      break;
    case 'date-time':
      options.push(ISO_DATES.map((d) => d.toISOString()));
      break;
    case 'date':
      options.push(ISO_DATES.map((d) => d.toISOString().slice(0, 10)));
      break;
    case 'uri':
      options.push(fc.webUrl({ withQueryParameters: true, withFragments: true }).map((s) => s.slice(0, maxLength)));
      break;
    default:
      if (typeof schema.pattern === 'string') {
        options.push(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, maxLength)));
      } else {
        options.push(fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)) }));
      }
  }
  if (typeof schema.example !== 'string') return fc.oneof(...options);
  const example = schema.example;
  // The documented example, and a name or domain made new from it (a firm name not yet taken, a domain not yet
  // listed): most requests then pass validation and reach the service and the database.
  const weighted = [{ weight: 3, arbitrary: fc.constant(example) }, ...options.map((arbitrary) => ({ weight: 1, arbitrary }))];
  if (/^[\p{L}][\p{L}\p{N} .-]*$/u.test(example)) {
    const fresh = fc.stringMatching(/^[a-z0-9]{1,6}$/).map((tail) => (example.includes('.') ? `${tail}${example}` : `${example} ${tail}`));
    weighted.push({ weight: 3, arbitrary: fresh.map((s) => s.slice(0, maxLength)) });
  }
  return fc.oneof(...weighted);
}

function objectOf(schema: Schema, context: ValueContext, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueOf(property, context, depth + 1)])),
    { requiredKeys: required.filter((name) => name in properties) },
  );
  if (!context.hostile) return record;
  // In hostile mode a required property is sometimes missing and an unknown one sometimes present.
  const dropped = required.length ? fc.option(fc.constantFrom(...required), { freq: 6 }) : fc.constant(null);
  return fc
    .tuple(record, dropped, fc.option(fc.tuple(fc.constantFrom(...EXTRA_KEYS), hostileValue), { freq: 3 }))
    .map(([value, drop, extra]) => {
      let object = { ...(value as Record<string, unknown>) };
      if (drop !== null) delete object[drop];
      if (extra !== null) object = withOwn(object, extra[0], extra[1]);
      return object;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** Percent-encodes every byte of the UTF-8 form but the unreserved ones (a lone surrogate goes as U+FFFD, as in a browser). */
function encodeComponent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Already-encoded pieces of a URL a careless or hostile client sends as they are. */
const RAW_URL_PIECES = ['%', '%zz', '%ED%A0%80', '%FF%FE', '%C0%AE%C0%AE', '%2e%2e', '..', '.', '%2F', '%252F', '%00', '+', '%20', '%E2%80%AE', ';', ',', '*'];

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined');

/** `.` and `..` (`%2e` too) as a whole segment: the URL parser resolves them, so the request reaches another route. */
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i;

/**
 * A path or query value: from the schema, a hostile string encoded, or a raw piece of URL. A path value is never a
 * dot segment (hostile-input.e2e-spec.ts sends those byte for byte): it would be another operation's request.
 */
function urlValue(parameter: Parameter, context: ValueContext): fc.Arbitrary<string> {
  const valid = fc.oneof(knownFor(parameter, context), validValueOf(parameter.schema, context, 0).map(asText)).map(encodeComponent);
  const pieces = parameter.in === 'path' ? RAW_URL_PIECES.filter((piece) => !DOT_SEGMENT.test(piece)) : RAW_URL_PIECES;
  const value = !context.hostile
    ? valid
    : fc.oneof(
        { weight: 5, arbitrary: valid },
        { weight: 2, arbitrary: hostileValue.map((v) => encodeComponent(asText(v))) },
        { weight: 1, arbitrary: fc.constantFrom(...pieces) },
      );
  return parameter.in === 'path' ? value.map((v) => (DOT_SEGMENT.test(v) ? `${v}x` : v)) : value;
}

/** The database's own values for the parameters that name a record, so reads and writes reach it. */
function knownFor(parameter: Parameter, context: ValueContext): fc.Arbitrary<string> {
  const { known } = context;
  const pick = (values: readonly (string | number)[]) => (values.length ? fc.constantFrom(...values.map(String)) : null);
  const byName: Record<string, fc.Arbitrary<string> | null> = {
    serial: pick(known.serials),
    from: pick(known.serials),
    fileName: pick(known.fileNames),
    name: pick(known.deltaNames),
    keyId: pick(known.signingKeyIds),
  };
  const own = byName[parameter.name];
  if (own) return own;
  if (parameter.schema.format === 'uuid') return pick(known.uuids) ?? fc.uuid({ version: 4 });
  if (parameter.schema.pattern === '^[a-z2-7]{12}$') return pick(known.keyIds) ?? fc.constant('k3dax2q7m4pa');
  return validValueOf(parameter.schema, context, 0).map(asText);
}

/** Visible ASCII and Latin-1 letters: what survives an HTTP/1.1 header line (a NUL or newline never reaches the app). */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '').slice(0, 4000);

function headerValue(parameter: Parameter, context: ValueContext): fc.Arbitrary<string> {
  const byName: Record<string, fc.Arbitrary<string>> = {
    'If-Match': fc.oneof(fc.integer({ min: 1, max: 6 }).map((v) => `"v${v}"`), fc.constantFrom('*', 'W/"v1"', '"v1", "v2"', '"v99999999999999999999"', 'v1')),
    'If-None-Match': fc.oneof(
      context.known.etags.length ? fc.constantFrom(...context.known.etags) : fc.constant('"x"'),
      fc.constantFrom('*', 'W/"x"', '"a", "b"', 'unquoted'),
    ),
    'Idempotency-Key': fc.oneof(fc.uuid({ version: 4 }), fc.stringMatching(/^[!-~]{1,255}$/)),
    'Accept-Language': fc.constantFrom('kk', 'ru-RU', 'en', 'ru;q=0.5, kk;q=0.9', 'de', '*', 'kz'),
    'Accept-Encoding': fc.constantFrom('br, gzip', 'gzip', 'identity', 'identity;q=0', '*;q=0', 'br;q=1.0, gzip;q=0.8, *;q=0.1', 'compress'),
  };
  const valid = byName[parameter.name] ?? validValueOf(parameter.schema, context, 0).map(asText);
  if (!context.hostile) return valid.map(headerSafe);
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostileValue.map(asText) }).map(headerSafe);
}

/** Hostile query additions: unknown, repeated, nested-looking and polluting parameters. */
const EXTRA_QUERY = ['extra=1', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'api_key=kzr_x', 'limit=1&limit=2', 'q=a&q=b', `${'p'.repeat(300)}=1`, 'lang=xx', '&&&', '=='];

const JSON_TYPE = 'application/json';
const HOSTILE_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json-patch+json',
  'application/xml',
  'text/csv',
  '',
];
const HOSTILE_BODIES = ['', '{', 'null', '[]', '"text"', '0', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', 'a=1&b=2', '\u0000', '\ufeff{}'];

export interface RequestOptions {
  /** Bearer token with every scope, for secured operations. */
  apiKey: string;
}

/** One operation's requests, valid-ish or hostile. */
export function requestsFor(endpoint: Endpoint, document: OpenApiDocument, known: KnownValues, options: RequestOptions): fc.Arbitrary<GeneratedRequest> {
  return fc.oneof(requestOf(endpoint, { document, hostile: false, known }, options), requestOf(endpoint, { document, hostile: true, known }, options));
}

function requestOf(endpoint: Endpoint, context: ValueContext, options: RequestOptions): fc.Arbitrary<GeneratedRequest> {
  const parameters = endpoint.operation.parameters ?? [];
  const inPath = parameters.filter((p) => p.in === 'path');
  const inQuery = parameters.filter((p) => p.in === 'query');
  const inHeader = parameters.filter((p) => p.in === 'header');
  const optional = <T>(arbitrary: fc.Arbitrary<T>, required: boolean) =>
    required && !context.hostile ? arbitrary.map((v): T | null => v) : fc.option(arbitrary, { freq: required ? 8 : 2 });

  const path = fc.tuple(...inPath.map((p) => optional(urlValue(p, context), true).map((v) => v ?? ''))).map((values) =>
    inPath.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]!), endpoint.path),
  );
  const query = fc
    .tuple(
      fc.tuple(...inQuery.map((p) => optional(urlValue(p, context), p.required === true))),
      context.hostile ? fc.option(fc.constantFrom(...EXTRA_QUERY), { freq: 3 }) : fc.constant(null),
    )
    .map(([values, extra]) => {
      const pairs = inQuery.flatMap((p, i) => (values[i] === null || values[i] === undefined ? [] : [`${p.name}=${values[i]}`]));
      if (extra !== null) pairs.push(extra);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  const headers = fc.tuple(...inHeader.map((p) => optional(headerValue(p, context), p.required === true))).map((values) =>
    Object.fromEntries(inHeader.flatMap((p, i) => (values[i] === null || values[i] === undefined ? [] : [[p.name.toLowerCase(), values[i]!]]))),
  );
  const secured = (endpoint.operation.security ?? []).length > 0;
  const authorization: fc.Arbitrary<string | null> = !secured
    ? fc.constant(null)
    : context.hostile
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constant(`Bearer ${options.apiKey}`) },
          { weight: 1, arbitrary: fc.constantFrom(null, 'Bearer', 'Bearer ', 'Bearer kzr_x', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${options.apiKey}x`, `bearer  ${options.apiKey}`) },
        )
      : fc.constant(`Bearer ${options.apiKey}`);
  return fc.record({ path, query, headers, authorization, body: bodyOf(endpoint, context) }).map(({ path, query, headers, authorization, body }) => {
    const all: Record<string, string> = { ...headers };
    if (authorization !== null) all.authorization = authorization;
    // A valid `wait` with an If-None-Match naming the latest manifest holds the request up to that many seconds:
    // the battery would only wait, so it never sends both.
    if (all['if-none-match'] !== undefined) query = query.replace(/(^\?|&)wait=\d+(?=&|$)/, '$1wait=x');
    if (body !== null) {
      if (body.contentType !== null) all['content-type'] = body.contentType;
      return { method: endpoint.method, url: path + query, headers: all, payload: body.payload };
    }
    return { method: endpoint.method, url: path + query, headers: all };
  });
}

function bodyOf(endpoint: Endpoint, context: ValueContext): fc.Arbitrary<{ contentType: string | null; payload: string } | null> {
  const body = endpoint.operation.requestBody;
  if (!body) return fc.constant(null);
  const media = Object.entries(body.content).map(([contentType, media]) => {
    const examples = Object.values(media.examples ?? {}).map((e) => e.value);
    const schema = media.schema ?? {};
    const values = examples.length ? fc.oneof(valueOf(schema, context), fc.constantFrom(...examples)) : valueOf(schema, context);
    // A JSON string is the CSV variant of a body (verifyBatch): sent as the text itself under text/csv.
    return values.map((value) => ({ contentType, payload: contentType === JSON_TYPE || typeof value !== 'string' ? JSON.stringify(value) ?? '' : value }));
  });
  const valid = fc.oneof(...media);
  if (!context.hostile) return valid;
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom<string | null>(...HOSTILE_CONTENT_TYPES, null)).map(([b, contentType]) => ({ contentType, payload: b.payload })) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_BODIES).map((payload) => ({ contentType: JSON_TYPE, payload })) },
    { weight: body.required ? 0 : 1, arbitrary: fc.constant(null) },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** OpenAPI 3.0's `nullable` as JSON Schema's null type, and `$ref`s pointing into the registered document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#/, 'openapi#');
    else if (key !== 'nullable' && key !== 'example' && key !== 'examples') out[key] = toJsonSchema(value);
  }
  if ((node as Schema).nullable !== true) return out;
  const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((k) => k in out);
  if (typeof out.type === 'string' && !composed) {
    const typed: Record<string, unknown> = { ...out, type: [out.type, 'null'] };
    if (Array.isArray(out.enum)) typed.enum = [...out.enum, null];
    return typed;
  }
  return { anyOf: [out, { type: 'null' }] };
}

export class ResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, formats: { binary: true } });
  private readonly compiled = new Map<Schema, ValidateFunction>();
  private readonly problem: ValidateFunction;

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) }, 'openapi');
    this.problem = this.ajv.compile({ $ref: 'openapi#/components/schemas/ProblemDto' });
  }

  /** What is wrong with the answer to `request` (empty: nothing). */
  violations(endpoint: Endpoint, answer: Answer): string[] {
    const status = answer.statusCode;
    const contentType = String(answer.headers['content-type'] ?? '');
    if (status >= 500) return [`${status}: a 5xx`];
    const documented = endpoint.operation.responses[String(status)];
    if (status >= 400) return [...(documented ? [] : [`${status} is not a documented status of ${endpoint.operation.operationId}`]), ...this.problemViolations(answer, contentType)];
    if (!documented) return [`${status} is not a documented status of ${endpoint.operation.operationId}`];
    const content = documented.content;
    if (!content) return answer.body === '' || status !== 204 ? [] : ['a 204 with a body'];
    const base = contentType.split(';')[0]!.trim().toLowerCase();
    const media = Object.entries(content).find(([type]) => type.split(';')[0]!.trim().toLowerCase() === base);
    if (!media) return [`content-type ${contentType} is not one documented for ${status} (${Object.keys(content).join(', ')})`];
    if (!/[/+]json$/.test(base) || !media[1].schema) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`${status} ${base} body is not JSON`];
    }
    const validate = this.compile(media[1].schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${status} body ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  private problemViolations(answer: Answer, contentType: string): string[] {
    const status = answer.statusCode;
    if (!/^application\/problem\+json/.test(contentType)) return [`${status} with content-type ${contentType || '(none)'}`];
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.body) as Record<string, unknown>;
    } catch {
      return [`${status} problem body is not JSON`];
    }
    const found: string[] = [];
    if (!this.problem(body)) found.push(...(this.problem.errors ?? []).map((e) => `problem ${e.instancePath || '/'} ${e.message}`));
    if (body.status !== status) found.push(`problem status ${String(body.status)} on a ${status}`);
    const code = String(body.code);
    if (!(code in PROBLEM_TYPES)) found.push(`problem code ${code} is not in problem-types.ts`);
    if (typeof body.type !== 'string' || !body.type.endsWith(`/problems/${code}`)) found.push(`problem type ${String(body.type)} does not end in /problems/${code}`);
    if (typeof body.title !== 'string' || body.title === '') found.push('problem without a title');
    if (typeof body.detail !== 'string' || body.detail === '') found.push('problem without a detail');
    return found;
  }

  private compile(schema: Schema): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}
