// Every error is problem+json with the request id, Fastify's and Node's own included; a wrong method is a 405 with
// Allow; no bad input (raw bytes, odd media types, deep JSON, text PostgreSQL cannot store) is ever a 500.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { exchange, listen, type RawResponse } from '../setup/raw-http.js';
import { registryCounts } from '../setup/registry-state.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

let t: TestApp;
let port: number;
let keys: { blocklist: string; firms: string; audit: string; admin: string };
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  port = await listen(t.app);
  keys = {
    blocklist: (await createKey(t.app, ['blocklist:write'])).key,
    firms: (await createKey(t.app, ['firms:write'])).key,
    audit: (await createKey(t.app, ['audit:read'])).key,
    admin: (await createKey(t.app, ['keys:admin'])).key,
  };
});
afterAll(async () => {
  await t?.close();
});

/** A problem+json answer whose body carries the request id of its X-Request-Id header. */
function expectProblem(res: { status: number; headers: Record<string, string>; body: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(new RegExp(`/problems/${code}$`)) });
  expect((res.body as { requestId: string }).requestId).toBe(res.headers['x-request-id']);
}

const asJson = (raw: RawResponse) => ({ ...raw, body: JSON.parse(raw.body) as Record<string, unknown> });

describe('what Node\'s HTTP parser refuses is problem+json too', () => {
  it('raw non-ASCII bytes in the URL (curl \'…?q=крипто-обмен.example\'): 400, in the language asked for', async () => {
    const head = 'GET /v1/check?q=крипто-обмен.example HTTP/1.1\r\nHost: localhost\r\nAccept-Language: ru-RU\r\n\r\n';
    const [res] = await exchange(port, [Buffer.from(head, 'utf8')]);
    const answer = asJson(res!);
    expectProblem(answer, 400, 'malformed-request');
    expect(answer.headers['content-language']).toBe('ru');
    expect(answer.body.title).toBe('Неверный запрос');
    expect(answer.body.detail).toContain('encodeURIComponent');
    expect(answer.body.instance).toBe('/v1/check');
  });

  it('an HTTP/1.1 request without Host: 400 problem, not Node\'s empty 400', async () => {
    const [res] = await exchange(port, ['GET /v1/firms HTTP/1.1\r\nAccept: */*\r\n\r\n']);
    expectProblem(asJson(res!), 400, 'missing-host');
  });

  it('headers over the limit: 431 problem', async () => {
    const head = `GET /v1/firms HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`;
    const [res] = await exchange(port, [head]);
    expectProblem(asJson(res!), 431, 'header-fields-too-large');
  });
});

describe('what Fastify refuses is problem+json too', () => {
  it('a malformed percent-escape in the path: 400 problem with the request id and the security headers', async () => {
    const res = await request(t.server).get('/v1/firms/%E0%A4%A').expect(400);
    expectProblem(res, 400, 'malformed-url');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a path segment over 100 characters: 414 problem', async () => {
    const res = await request(t.server).get(`/v1/firms/${'a'.repeat(101)}`);
    expectProblem(res, 414, 'uri-too-long');
  });

  it('malformed JSON and an empty JSON body: 400 malformed-json, nothing written', async () => {
    const before = await registryCounts(t.app);
    for (const body of ['{"legalBasis": ', '']) {
      const res = await request(t.server)
        .post('/v1/admin/blocklist/entries')
        .set('authorization', `Bearer ${keys.blocklist}`)
        .set('content-type', 'application/json')
        .send(body);
      expectProblem(res, 400, 'malformed-json');
    }
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it.each([
    ['text/plain', '{"ids":["00000000-0000-4000-8000-000000000000"],"reason":"x"}'],
    ['application/x-www-form-urlencoded', 'reason=x&ids=00000000-0000-4000-8000-000000000000'],
    ['application/xml', '<reason>x</reason>'],
  ])('a %s body on a JSON route: 415 problem, not parsed, nothing written', async (type, body) => {
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/removals')
      .set('authorization', `Bearer ${keys.blocklist}`)
      .set('content-type', type)
      .send(body);
    expectProblem(res, 415, 'unsupported-media-type');
    expect(res.body.detail).toContain('application/json');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('an unknown route: 404 problem saying where the entry points are', async () => {
    const res = await request(t.server).get('/v1/nothing-here').expect(404);
    expectProblem(res, 404, 'not-found');
    expect(res.body.detail).toBe('Nothing answers GET /v1/nothing-here. The entry points of the API are listed at / and described at /docs.');
  });
});

describe('a wrong method on a path that exists', () => {
  it.each([
    ['delete', '/v1/firms', 'GET, HEAD, OPTIONS'],
    ['post', '/v1/check', 'GET, HEAD, OPTIONS'],
    ['put', '/v1/firms/00000000-0000-4000-8000-000000000000', 'GET, HEAD, OPTIONS'],
    ['get', '/v1/admin/blocklist/removals', 'OPTIONS, POST'],
    ['delete', '/v1/admin/firms/00000000-0000-4000-8000-000000000000', 'OPTIONS, PATCH'],
    ['post', '/', 'GET, HEAD, OPTIONS'],
  ] as const)('%s %s: 405 problem with Allow: %s', async (method, path, allow) => {
    const res = await request(t.server)[method](path);
    expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe(allow);
    expect(res.body.detail).toBe(`${path} does not answer ${method.toUpperCase()}; it answers ${allow}.`);
  });

  it('OPTIONS answers 204 with Allow on a path that exists, 404 problem on one that does not', async () => {
    const res = await request(t.server).options('/v1/admin/blocklist/entries').expect(204);
    expect(res.headers.allow).toBe('OPTIONS, POST');
    expectProblem(await request(t.server).options('/v1/nothing-here'), 404, 'not-found');
  });
});

describe('an unencoded link in q', () => {
  it('?q=https://x.example/a?b=1&c=2 says to percent-encode q, not "property c should not exist"', async () => {
    const res = await request(t.server).get('/v1/check?q=https://x.example/a?b=1&c=2').expect(400);
    expectProblem(res, 400, 'query-not-encoded');
    expect(res.body.detail).toBe(
      'The value of q holds a link with its own query, and its & ended q early, so c arrived as parameters of their own. ' +
        'Percent-encode the value of q (in JavaScript, encodeURIComponent; with curl, -G --data-urlencode).',
    );
    expect(res.body.errors).toEqual([
      { field: 'c', messages: ['c is not a parameter of this request: if it belongs to the link in q, percent-encode q'] },
    ]);
    const encoded = await request(t.server).get(`/v1/check?q=${encodeURIComponent('https://x.example/a?b=1&c=2')}`).expect(200);
    expect(encoded.body.target.url).toBe('https://x.example/a?b=1&c=2');
  });

  it('an unknown parameter with no link in sight is still just an unknown parameter', async () => {
    const res = await request(t.server).get('/v1/check?q=example.org&c=2').expect(400);
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([{ field: 'c', messages: ['property c should not exist'] }]);
  });
});

describe('text PostgreSQL cannot store is refused with a 400 naming the field, never a 500', () => {
  const NUL = '\u0000';
  // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
  const LONE = '\ud800';
  const cases: [string, () => request.Test, string][] = [
    ['a legal basis (NUL)', () => request(t.server).post('/v1/admin/blocklist/entries').set('authorization', `Bearer ${keys.blocklist}`)
      .send({ legalBasis: `Art.${NUL}11`, source, entries: [{ kind: 'domain', value: 'nul-basis.example', match: 'exact' }] }), 'legalBasis'],
    ['an entry value (lone surrogate)', () => request(t.server).post('/v1/admin/blocklist/entries').set('authorization', `Bearer ${keys.blocklist}`)
      .send({ legalBasis, source, entries: [{ kind: 'domain', value: `x${LONE}.example`, match: 'exact' }] }), 'entries.0.value'],
    ['a firm name (lone surrogate)', () => request(t.server).post('/v1/admin/firms').set('authorization', `Bearer ${keys.firms}`)
      .send({ names: { en: `Firm ${LONE}`, ru: 'Фирма', kk: 'Фирма' } }), 'names.en'],
    ['a firm name (NUL)', () => request(t.server).post('/v1/admin/firms').set('authorization', `Bearer ${keys.firms}`)
      .send({ names: { en: `Firm${NUL}`, ru: 'Фирма', kk: 'Фирма' } }), 'names.en'],
    ['a key name', () => request(t.server).post('/v1/admin/api-keys').set('authorization', `Bearer ${keys.admin}`)
      .send({ name: `desk${NUL}`, scopes: ['audit:read'] }), 'name'],
    ['a removal reason', () => request(t.server).post('/v1/admin/blocklist/removals').set('authorization', `Bearer ${keys.blocklist}`)
      .send({ ids: ['00000000-0000-4000-8000-000000000000'], reason: `reversed${LONE}` }), 'reason'],
    ['an audit filter', () => request(t.server).get('/v1/admin/audit-events?actor=cli%00').set('authorization', `Bearer ${keys.audit}`), 'actor'],
    ['a public query', () => request(t.server).get('/v1/blocked-entities?q=coin%00base'), 'q'],
    ['a path parameter', () => request(t.server).get('/v1/firms/%00'), 'id'],
    ['the check\'s q', () => request(t.server).get('/v1/check?q=coin%00base.com'), 'q'],
  ];
  it.each(cases)('%s', async (_label, send, field) => {
    const before = await registryCounts(t.app);
    const res = await send();
    expectProblem(res, 400, 'invalid-characters');
    expect(res.body.errors).toEqual([
      { field, messages: [`${field} must not contain a NUL character (U+0000) or an unpaired surrogate`] },
    ]);
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('a request with a body: its query and its body in one problem', async () => {
    const res = await request(t.server)
      .post('/v1/admin/blocklist/removals?note=a%00b')
      .set('authorization', `Bearer ${keys.blocklist}`)
      .send({ ids: ['00000000-0000-4000-8000-000000000000'], reason: `reversed${NUL}` });
    expectProblem(res, 400, 'invalid-characters');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['note', 'reason']);
  });

  it('a well-formed surrogate pair (an emoji) is fine', async () => {
    await request(t.server).get(`/v1/blocked-entities?q=${encodeURIComponent('coin 🪙')}`).expect(200);
  });
});

describe('deep JSON', () => {
  const nested = (depth: number) => `{"legalBasis":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it('2,000 levels in 4 KB: 400 json-too-deep before class-transformer walks it, nothing written', async () => {
    const before = await registryCounts(t.app);
    const body = nested(2000);
    expect(body.length).toBeLessThan(4100);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${keys.blocklist}`)
      .set('content-type', 'application/json')
      .send(body);
    expectProblem(res, 400, 'json-too-deep');
    expect(res.body.detail).toBe('The JSON body is nested more than 32 levels deep.');
    expect(await registryCounts(t.app)).toEqual(before);
  });

  it('32 levels are parsed and reach validation; brackets inside strings do not count', async () => {
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${keys.blocklist}`)
      .set('content-type', 'application/json')
      .send(`{"legalBasis":${'['.repeat(31)}"${'['.repeat(100)}"${']'.repeat(31)}}`);
    expectProblem(res, 400, 'validation-failed');
  });
});

describe('Authorization', () => {
  /** Node's http client sends repeated headers as given (an array in rawHeaders form). */
  const twice = (first: string, second: string) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(
        { port, host: '127.0.0.1', path: '/v1/admin/audit-events', headers: ['Host', 'localhost', 'Authorization', first, 'Authorization', second] },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers as Record<string, string>, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('two Authorization headers are refused (400, invalid_request), even when the first one is a valid key', async () => {
    const res = await twice(`Bearer ${keys.audit}`, 'Bearer kzr_someone_else');
    expectProblem(res, 400, 'duplicate-authorization-header');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="kz-crypto-registry", error="invalid_request"');
    const same = await twice(`Bearer ${keys.audit}`, `Bearer ${keys.audit}`);
    expect(same.status).toBe(400);
    await request(t.server).get('/v1/admin/audit-events').set('authorization', `Bearer ${keys.audit}`).expect(200);
  });
});

describe('while the service shuts down', () => {
  it('answers in full, with Connection: close, a request in flight and one arriving on an open connection', async () => {
    const closing = await createTestApp();
    const closingPort = await listen(closing.app);
    // Warmed up, so the kept-alive connection's first answer comes well before the close.
    expect((await fetch(`http://127.0.0.1:${closingPort}/v1/firms`)).status).toBe(200);
    const body = '{"ids":[],"reason":"x"}';
    let closed: Promise<void> | undefined;
    let began: () => void = () => undefined;
    const closingBegan = new Promise<void>((resolve) => (began = resolve));
    const firms = `GET /v1/firms HTTP/1.1\r\nHost: localhost\r\nAccept-Language: kk\r\n\r\n`;
    const [inFlight, keptAlive] = await Promise.all([
      // In flight (half its body sent) when the app starts closing; a second request pipelined behind it.
      exchange(
        closingPort,
        [
          `POST /v1/admin/blocklist/removals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
          `${body.slice(5)}${firms}`,
        ],
        300,
        1500,
        async () => {
          closed = closing.app.close();
          // Until Nest has run its destroy hooks and Fastify has begun to close.
          await new Promise((resolve) => setTimeout(resolve, 500));
          began();
        },
      ),
      // Kept alive after its first answer; its next request comes during the drain.
      exchange(closingPort, [firms, firms], 0, 1500, () => closingBegan),
    ]);
    await closed;
    // RFC 9112 section 9.6: after an answer with `close` the server processes no further request on that connection;
    // the client knows to send the pipelined one again elsewhere.
    expect(inFlight.map((r) => [r.status, r.headers.connection])).toEqual([[401, 'close']]);
    expect(keptAlive.map((r) => [r.status, r.headers.connection])).toEqual([
      [200, 'keep-alive'],
      [200, 'close'],
    ]);
    expect((asJson(keptAlive[1]!).body as { total: number }).total).toBe(2);
  });
});
