// What an attacker sends on purpose, case by case, with the exact answer (the generated battery is
// hostile-openapi.e2e-spec.ts; http-errors.e2e-spec.ts pins 2,000-level JSON, NUL in the first few fields, text/plain
// and form bodies on one route, and Node's and Fastify's own refusals). Nothing here is ever a 5xx, nothing refused is
// written, and no payload reaches Object.prototype.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SCOPES } from '../../src/auth/scopes.js';
import { createKey } from '../setup/api-keys.js';
import { exchange, listen, type RawResponse } from '../setup/raw-http.js';
import { registryCounts } from '../setup/registry-state.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const BASE = 'https://registry.example';
const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

let t: TestApp;
let port: number;
let key: string;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', VERIFICATIONS_PER_MINUTE: '100000', REPORTS_PER_HOUR: '1000', PUBLIC_BASE_URL: BASE });
  port = await listen(t.app);
  key = (await createKey(t.app, [...SCOPES], 'hostile input')).key;
});
afterAll(async () => {
  await t?.close();
});

type Answer = { status: number; headers: Record<string, string>; body: unknown };

function expectProblem(res: Answer, status: number, code: string): Record<string, unknown> {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(PROBLEM);
  const body = res.body as Record<string, unknown>;
  expect(body).toMatchObject({ type: `${BASE}/problems/${code}`, status, code, detail: expect.any(String) });
  return body;
}

const auth = () => ({ authorization: `Bearer ${key}` });
const postJson = (path: string, text: string, headers: Record<string, string> = auth()) =>
  request(t.server).post(path).set(headers).set('content-type', 'application/json').send(text);

/** A request written to the socket as it is (no client normalises its path), answered on a closed connection. */
async function raw(head: string): Promise<RawResponse & { json: Record<string, unknown> }> {
  const [res] = await exchange(port, [`${head}\r\nHost: localhost\r\nConnection: close\r\n\r\n`]);
  return { ...res!, json: res!.body.startsWith('{') ? (JSON.parse(res!.body) as Record<string, unknown>) : {} };
}

describe('10,000 levels of JSON', () => {
  const arrays = `{"q":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
  const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  it.each([
    ['/v1/admin/firms', arrays, true],
    ['/v1/admin/blocked-entities', objects, true],
    ['/v1/reports', objects, false],
    ['/v1/verifications', arrays, false],
    ['/v1/verifications/batch', objects, true],
    ['/v1/receipts/verify', arrays, false],
  ])('POST %s: 400 json-too-deep before anything reads it, nothing written', async (path, body, keyed) => {
    const before = await registryCounts(t.app);
    const res = await postJson(path, body, keyed ? auth() : {});
    expect(expectProblem(res, 400, 'json-too-deep').detail).toBe('The JSON body is nested more than 32 levels deep.');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('the body is refused before the key is looked at: without a key the same 400, not a 401 after parsing it', async () => {
    expectProblem(await postJson('/v1/admin/firms', arrays, {}), 400, 'json-too-deep');
  });
});

describe('NUL in every kind of field the earlier tests leave out: 400 invalid-characters naming it, never a 500', () => {
  const field = (name: string) => [{ field: name, messages: [`${name} must not contain a NUL character (U+0000) or an unpaired surrogate`] }];
  it.each([
    ['/v1/firms?q=coin%00base', 'q'],
    ['/v1/firms?domain=a%00.kz', 'domain'],
    ['/v1/firms?bin=%00', 'bin'],
    ['/v1/firms?licenceNumber=AFSA%00', 'licenceNumber'],
    ['/v1/warnings?q=%00', 'q'],
    ['/v1/blocklist/entries?cursor=%00', 'cursor'],
    ['/v1/admin/reports?cursor=%00', 'cursor'],
    ['/v1/admin/audit-events?targetId=%00', 'targetId'],
    ['/v1/check?q=example.kz&lang=%00', 'lang'],
    ['/v1/blocklist/deltas?from=%00', 'from'],
    ['/v1/warnings/%00', 'id'],
    ['/v1/blocked-entities/a%00b', 'id'],
    ['/v1/receipts/%00', 'id'],
    ['/v1/signing-keys/%00.pem', 'keyId'],
    ['/v1/blocklist/%00/manifest.json', 'serial'],
    ['/v1/blocklist/1/%00', 'fileName'],
    ['/v1/blocklist/deltas/%00', 'name'],
  ])('GET %s', async (path, name) => {
    const res = await request(t.server).get(path).set(auth());
    expect(expectProblem(res, 400, 'invalid-characters').errors).toEqual(field(name));
  });

  it.each([
    ['/v1/reports', { q: 'x\u0000.kz' }, 'q'],
    ['/v1/reports', { q: 'x.kz', comment: 'a\u0000b' }, 'comment'],
    ['/v1/verifications', { name: 'Bybit\u0000' }, 'name'],
    ['/v1/verifications', { domain: 'bybit\u0000.kz' }, 'domain'],
    ['/v1/receipts/verify', { receipt: 'eyJ\u0000' }, 'receipt'],
    ['/v1/admin/api-keys', { name: 'desk', scopes: ['audit:read\u0000'] }, 'scopes.0'],
    ['/v1/admin/blocked-entities', { name: { en: 'X' }, aliases: ['a\u0000'] }, 'aliases.0'],
  ])('POST %s %j', async (path, body, name) => {
    const before = await registryCounts(t.app);
    const res = await request(t.server).post(path).set(auth()).send(body);
    expect(expectProblem(res, 400, 'invalid-characters').errors).toEqual(field(name));
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('a CSV batch and the report form: the upload and the form field are named', async () => {
    const csv = await request(t.server).post('/v1/verifications/batch').set(auth()).set('content-type', 'text/csv').send('reference,name\r\np1,a\u0000b\r\n');
    expect(expectProblem(csv, 400, 'invalid-characters').errors).toEqual(field('body'));
    const form = await request(t.server).post('/en/report').type('form').send('q=a%00.kz');
    expect(expectProblem(form, 400, 'invalid-characters').errors).toEqual(field('q'));
  });
});

describe('DNS names: a label of 64+ characters, a name of 254+', () => {
  const label63 = `${'a'.repeat(63)}.kz`;
  const label64 = `${'a'.repeat(64)}.kz`;
  const name253 = `${'abcdefghi.'.repeat(25)}kzz`;
  const name254 = `${'abcdefghi.'.repeat(25)}kzzz`;
  const LABEL = 'A part of the name is longer than 63 characters';
  const NAME = 'The name is longer than 253 characters';

  it('lengths as meant', () => {
    expect([label63.split('.')[0]!.length, label64.split('.')[0]!.length, name253.length, name254.length]).toEqual([63, 64, 253, 254]);
  });

  it.each([
    [label64, 'label-too-long', LABEL],
    [`https://${label64}/login`, 'label-too-long', LABEL],
    [name254, 'name-too-long', NAME],
  ])('the check and a report of %s: 400 invalid-target (%s)', async (q, reason, text) => {
    const check = await request(t.server).get(`/v1/check?q=${encodeURIComponent(q)}`);
    const body = expectProblem(check, 400, 'invalid-target');
    expect(body.reason).toBe(reason);
    expect(body.detail).toContain(text);
    const report = await request(t.server).post('/v1/reports').send({ q });
    expect(expectProblem(report, 400, 'invalid-target').reason).toBe(reason);
  });

  it.each([
    [label64, LABEL],
    [name254, NAME],
  ])('%s as a verification domain and a firm lookup: 400 validation-failed; as a blocklist entry: 422, nothing written', async (value, text) => {
    const verify = await request(t.server).post('/v1/verifications').set(auth()).send({ domain: value });
    expect(expectProblem(verify, 400, 'validation-failed').errors).toEqual([{ field: 'domain', messages: [expect.stringContaining(text)] }]);
    const lookup = await request(t.server).get(`/v1/firms?domain=${value}`);
    expect(expectProblem(lookup, 400, 'validation-failed').errors).toEqual([{ field: 'domain', messages: [expect.stringContaining(text)] }]);
    const before = await registryCounts(t.app);
    const add = await request(t.server).post('/v1/admin/blocklist/entries').set(auth()).send({ legalBasis, source, entries: [{ kind: 'domain', value, match: 'exact' }] });
    expect((expectProblem(add, 422, 'invalid-entries').errors as { field: string }[]).map((e) => e.field)).toEqual(['entries.0.value']);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('63 and 253 are at the limit and accepted', async () => {
    for (const q of [label63, name253]) {
      expect((await request(t.server).get(`/v1/check?q=${q}`)).status).toBe(200);
      expect((await request(t.server).post('/v1/verifications').set(auth()).send({ domain: q })).status).toBe(200);
    }
    const add = await request(t.server).post('/v1/admin/blocklist/entries').set(auth()).send({ legalBasis, source, entries: [{ kind: 'domain', value: name253, match: 'exact' }] });
    expect(add.status).toBe(201);
  });
});

describe('huge and garbage pagination: 400 naming the parameter', () => {
  const NOT_INT = (name: string) => [`${name} must be an integer number`];
  it.each([
    ['/v1/firms?limit=1000000000', 'limit', ['limit must not be greater than 100']],
    ['/v1/firms?limit=0', 'limit', ['limit must not be less than 1']],
    ['/v1/firms?limit=1.5', 'limit', NOT_INT('limit')],
    ['/v1/firms?offset=99999999999999999999', 'offset', ['offset must not be greater than 100000']],
    ['/v1/firms?offset=-1', 'offset', ['offset must not be less than 0']],
    ['/v1/firms?page=-1', 'page', ['property page should not exist']],
    // Spellings Number() used to read as some number (1e9 as a billion, 0x10 as 16, an empty value as 0): refused.
    ['/v1/firms?limit=1e9', 'limit', NOT_INT('limit')],
    ['/v1/firms?limit=0x10', 'limit', NOT_INT('limit')],
    ['/v1/firms?limit=1e1', 'limit', NOT_INT('limit')],
    ['/v1/firms?limit=', 'limit', NOT_INT('limit')],
    ['/v1/firms?limit=%205', 'limit', NOT_INT('limit')],
    ['/v1/firms?limit=%2B5', 'limit', NOT_INT('limit')],
    ['/v1/firms?limit=20&limit=30', 'limit', NOT_INT('limit')],
    ['/v1/firms?offset=abc', 'offset', NOT_INT('offset')],
    ['/v1/firms?offset=1e9', 'offset', NOT_INT('offset')],
    ['/v1/warnings?limit=1e9', 'limit', NOT_INT('limit')],
    ['/v1/blocked-entities?offset=0x10', 'offset', NOT_INT('offset')],
    ['/v1/admin/audit-events?limit=1000000000', 'limit', ['limit must not be greater than 100']],
    ['/v1/admin/reports?limit=1000000000', 'limit', ['limit must not be greater than 100']],
    ['/v1/blocklist/entries?limit=1e9', 'limit', NOT_INT('limit')],
    ['/v1/blocklist/entries?serial=-1', 'serial', ['serial must be a whole number from 0 to 9007199254740991 in decimal digits, without a sign, spaces or leading zeros']],
    ['/v1/blocklist/entries?serial=1e20', 'serial', ['serial must be a whole number from 0 to 9007199254740991 in decimal digits, without a sign, spaces or leading zeros']],
  ])('GET %s', async (path, name, messages) => {
    const res = await request(t.server).get(path).set(auth());
    expect(expectProblem(res, 400, 'validation-failed').errors).toEqual([{ field: name, messages }]);
  });

  it('a page in decimal digits still reads as before', async () => {
    const res = await request(t.server).get('/v1/firms?limit=1&offset=1').expect(200);
    expect([res.body.limit, res.body.offset, res.body.items.length]).toEqual([1, 1, 1]);
  });

  it.each([
    'garbage',
    'eyJ9',
    Buffer.from('{"v":1,"s":-1}').toString('base64url'),
    Buffer.from('{"v":1,"s":1e400,"k":null,"a":1,"i":"x"}').toString('base64url'),
    'a'.repeat(400),
  ])('a blocklist entries cursor that the service never gave (%s): 400 on the cursor', async (cursor) => {
    const res = await request(t.server).get(`/v1/blocklist/entries?cursor=${cursor}`);
    const errors = expectProblem(res, 400, 'validation-failed').errors as { field: string; messages: string[] }[];
    expect(errors.map((e) => e.field)).toEqual(['cursor']);
    expect(errors[0]!.messages[0]).toMatch(/^cursor is not one this service gave/);
  });

  it.each(['garbage', Buffer.from('{"v":1,"c":-1,"t":"x"}').toString('base64url')])('an operators\' report cursor that was never given (%s): 400 invalid-report-cursor', async (cursor) => {
    expectProblem(await request(t.server).get(`/v1/admin/reports?cursor=${cursor}`).set(auth()), 400, 'invalid-report-cursor');
  });
});

describe('bodies that are not JSON on JSON routes', () => {
  const body = JSON.stringify({ name: 'media type', scopes: ['audit:read'] });

  it.each([
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nv\r\n--x--\r\n'],
    ['application/x-www-form-urlencoded', 'name=v&scopes=audit%3Aread'],
    ['text/plain', body],
    ['application/vnd.api+json', body],
    ['application/json-seq', body],
  ])('%s: 415 unsupported-media-type, nothing written', async (type, payload) => {
    const before = await registryCounts(t.app);
    const res = await request(t.server).post('/v1/admin/api-keys').set(auth()).set('content-type', type).send(payload);
    expect(expectProblem(res, 415, 'unsupported-media-type').detail).toBe('This route takes a JSON body: send it with Content-Type: application/json.');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it.each([
    ['Content-Length', `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`],
    ['chunked', `Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`],
  ])('a body without Content-Type (%s): 415, nothing written', async (_framing, rest) => {
    const before = await registryCounts(t.app);
    const [res] = await exchange(port, [`POST /v1/admin/api-keys HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer ${key}\r\n${rest}`]);
    expectProblem({ ...res!, body: JSON.parse(res!.body) }, 415, 'unsupported-media-type');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('a public route too: the report of a site without Content-Type is a 415', async () => {
    const [res] = await exchange(port, ['POST /v1/reports HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 12\r\n\r\n{"q":"a.kz"}']);
    expectProblem({ ...res!, body: JSON.parse(res!.body) }, 415, 'unsupported-media-type');
  });

  it('media types are case-insensitive (RFC 9110): APPLICATION/JSON is JSON', async () => {
    const res = await request(t.server).post('/v1/admin/api-keys').set(auth()).set('content-type', 'APPLICATION/JSON').send(body);
    expect(res.status).toBe(201);
  });
});

describe('duplicate keys in a JSON object', () => {
  it('the last one wins (as JSON.parse and every mainstream parser), in the answer and in the stored record', async () => {
    const res = await postJson('/v1/admin/api-keys', '{"name":"first","scopes":["audit:read"],"name":"second"}').expect(201);
    expect(res.body.name).toBe('second');
    const listed = await request(t.server).get('/v1/admin/api-keys').set(auth()).expect(200);
    expect((listed.body as { id: string; name: string }[]).find((k) => k.id === res.body.id)?.name).toBe('second');
  });

  it('a repeated key cannot smuggle an invalid value past validation: the last value is the one validated', async () => {
    const res = await postJson('/v1/admin/api-keys', '{"name":"ok","scopes":["audit:read"],"scopes":["root"]}');
    expect((expectProblem(res, 400, 'validation-failed').errors as { field: string }[]).map((e) => e.field)).toEqual(['scopes']);
  });
});

describe('spoofed forwarding headers without TRUST_PROXY', () => {
  const spoof = [
    'X-Forwarded-For: 203.0.113.7',
    'X-Forwarded-Host: evil.example',
    'X-Forwarded-Proto: https',
    'Forwarded: for=203.0.113.8;host=evil.example;proto=https',
  ].join('\r\n');

  it('absolute URLs keep PUBLIC_BASE_URL: the problem type and the check page\'s share link', async () => {
    const problem = await raw(`GET /v1/firms/00000000-0000-4000-8000-000000000000 HTTP/1.1\r\n${spoof}`);
    expect(problem.status).toBe(404);
    expect(problem.json.type).toBe(`${BASE}/problems/firm-not-found`);
    const page = await raw(`GET /en/check?q=binance.com HTTP/1.1\r\n${spoof}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`value="${BASE}/en/check?q=binance.com"`);
    expect(page.body).not.toContain('evil.example');
  });

  it('X-Forwarded-Proto: https and X-Forwarded-Host naming the public host do not make plain HTTP look like TLS (no HSTS)', async () => {
    const spoofed = await raw('GET /v1/statistics HTTP/1.1\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: registry.example');
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('X-Forwarded-For does not give a client a fresh address: the report limit still counts it as itself', async () => {
    const limited = await createTestApp({ REPORTS_PER_HOUR: '2', PUBLIC_BASE_URL: BASE });
    try {
      const send = (n: number) =>
        request(limited.server).post('/v1/reports').set('x-forwarded-for', `203.0.113.${n}`).set('forwarded', `for=198.51.100.${n}`).send({ q: `spoofed-${n}.example` });
      expect((await send(1)).status).toBe(202);
      expect((await send(2)).status).toBe(202);
      const third = await send(3);
      expectProblem(third, 429, 'too-many-reports');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('__proto__, constructor.prototype and other Object.prototype names as keys', () => {
  const undeclared = (...fields: string[]) => fields.map((field) => ({ field, messages: [`property ${field} should not exist`] }));

  it.each([
    ['__proto__ at the top', '{"name":"p","scopes":["audit:read"],"__proto__":{"polluted":"yes","scopes":["keys:admin"]}}', ['__proto__']],
    ['constructor.prototype', '{"name":"p","scopes":["audit:read"],"constructor":{"prototype":{"polluted":"yes"}}}', ['constructor']],
    ['a bare constructor', '{"name":"p","scopes":["audit:read"],"constructor":{"x":1}}', ['constructor']],
    ['toString, hasOwnProperty and prototype', '{"name":"p","scopes":["audit:read"],"toString":1,"hasOwnProperty":1,"prototype":{}}', ['toString', 'hasOwnProperty', 'prototype']],
  ])('%s in a body: 400 validation-failed naming each key as any undeclared property, nothing written', async (_label, text, fields) => {
    const before = await registryCounts(t.app);
    const res = await postJson('/v1/admin/api-keys', text);
    expect(expectProblem(res, 400, 'validation-failed').errors).toEqual(undeclared(...fields));
    expect(await registryCounts(t.app)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nested ones are named by their path, on public routes too', async () => {
    const before = await registryCounts(t.app);
    const entries = await postJson(
      '/v1/admin/blocklist/entries',
      JSON.stringify({ legalBasis, source: { ...source, constructor: {} }, entries: [{ kind: 'domain', value: 'ctor.example', match: 'exact', valueOf: 1 }] }),
    );
    expect(expectProblem(entries, 400, 'validation-failed').errors).toEqual(undeclared('source.constructor', 'entries.0.valueOf'));
    const report = await postJson('/v1/reports', '{"q":"proto.example","comment":"x","x":{"__proto__":{"polluted":"yes"}}}', {});
    expect(expectProblem(report, 400, 'validation-failed').errors).toEqual(undeclared('x.__proto__'));
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('in a query: 400 like any unknown parameter', async () => {
    for (const [query, fields] of [
      ['constructor=1', ['constructor']],
      ['hasOwnProperty=1&toString=2', ['hasOwnProperty', 'toString']],
      ['__proto__[polluted]=yes&constructor[prototype][polluted]=yes', ['__proto__[polluted]', 'constructor[prototype][polluted]']],
    ] as const) {
      const res = await request(t.server).get(`/v1/firms?${query}`);
      expect(expectProblem(res, 400, 'validation-failed').errors).toEqual(undeclared(...fields));
    }
  });

  it('the report form (the one form body) refuses them too, and Object.prototype stays clean after all of it', async () => {
    const form = await request(t.server).post('/en/report').type('form').send('q=form.example&__proto__=x&constructor=y');
    expect(expectProblem(form, 400, 'validation-failed').errors).toEqual(undeclared('__proto__', 'constructor'));
    const probe: Record<string, unknown> = {};
    expect([probe.polluted, probe.x, Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')]).toEqual([undefined, undefined, false]);
  });

  it('an ordinary key with the same letters inside is fine (the check compares whole keys)', async () => {
    const res = await postJson('/v1/admin/api-keys', '{"name":"constructor __proto__ toString","scopes":["audit:read"]}');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('constructor __proto__ toString');
  });
});

describe('path tricks, sent byte for byte', () => {
  it.each([
    ['/v1/../admin/api-keys'],
    ['/v1/%2e%2e/admin/api-keys'],
    ['/v1/%2E%2E/v1/firms'],
    ['/%2e%2e/%2e%2e/etc/passwd'],
    ['//v1//firms'],
    ['/v1//firms'],
    ['/v1/./firms'],
    ['/v1/firms/'],
    ['/v1%2Ffirms'],
    ['/v1/admin%2Fapi-keys'],
    ['/v1/admin/api-keys/..'],
    ['/v1/firms\\..\\admin'],
    ['/V1/FIRMS'],
    ['/v1/firms;x=1'],
  ])('GET %s: 404 not-found, no route (nor an admin one) answers it', async (path) => {
    const res = await raw(`GET ${path} HTTP/1.1\r\nAuthorization: Bearer ${key}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json).toMatchObject({ status: 404, code: 'not-found', instance: path });
  });

  it.each([
    ['/v1/firms/..%2F..%2Fadmin%2Fapi-keys', 'id'],
    ['/v1/firms/%2e%2e', 'id'],
    ['/v1/warnings/..%5C..%5Cadmin', 'id'],
  ])('an encoded slash or dots inside a parameter stay inside it: GET %s is a 400 on %s', async (path, field) => {
    const res = await raw(`GET ${path} HTTP/1.1`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'validation-failed', errors: [{ field, messages: [`${field} must be a UUID`] }] });
  });

  it('a 10,000-character path: 404; a 20,000-character query: 431; a segment of 101 characters in a parameter: 414', async () => {
    const long = await raw(`GET /${'a'.repeat(10_000)} HTTP/1.1`);
    expect([long.status, long.json.code]).toEqual([404, 'not-found']);
    const deep = await raw(`GET /v1/firms/${'a/'.repeat(3000)} HTTP/1.1`);
    expect([deep.status, deep.json.code]).toEqual([404, 'not-found']);
    const query = await raw(`GET /v1/firms?q=${'a'.repeat(20_000)} HTTP/1.1`);
    expect([query.status, query.json.code]).toEqual([431, 'header-fields-too-large']);
    const segment = await raw(`GET /v1/warnings/${'a'.repeat(101)} HTTP/1.1`);
    expect([segment.status, segment.json.code]).toEqual([414, 'uri-too-long']);
  });

  it('an absolute-form request target is routed by its path, the Host it names ignored for URLs', async () => {
    const res = await raw('GET http://evil.example/v1/firms/00000000-0000-4000-8000-000000000000 HTTP/1.1');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 'firm-not-found', type: `${BASE}/problems/firm-not-found` });
  });
});
