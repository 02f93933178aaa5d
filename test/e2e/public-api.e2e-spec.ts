import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CHECK_EXAMPLES } from '../../src/check/check.examples.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const PROBLEM = /^application\/problem\+json/;
const shorten = (path: string) => (path.length > 70 ? `${path.slice(0, 40)}… (${path.length} chars)` : path);

describe('GET /v1/firms', () => {
  it('lists Binance and Bybit as licensed AIFC firms, in a stable order', async () => {
    const res = await request(t.server).get('/v1/firms').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((f: { names: { en: string } }) => f.names.en)).toEqual([
      'Binance Kazakhstan',
      'Bybit Kazakhstan',
    ]);
    for (const firm of res.body.items) {
      expect(firm.licensingStatus).toBe('licensed');
      expect(firm.jurisdiction).toBe('AIFC');
      expect(firm.bin).toMatch(/^DEMO-/);
      expect(firm.source.document ?? firm.source.url).toBeTruthy();
      for (const licence of firm.licences) expect(licence.number).toMatch(/^DEMO-/);
    }
  });

  it('states only what the sources support of Bybit\'s two licences: years, and an unknown status for the 2023 one', async () => {
    const res = await request(t.server).get('/v1/firms').query({ q: 'bybit' }).expect(200);
    const [bybit] = res.body.items;
    expect(bybit.licensingStatus).toBe('licensed');
    expect(bybit.licences).toEqual([
      expect.objectContaining({
        number: 'DEMO-AFSA-A-LA-2024-0003',
        status: 'active',
        grantedOn: '2024-01-01',
        grantedOnPrecision: 'year',
        expiresOn: null,
        endedOn: null,
        activities: [],
        history: [{ status: 'granted', from: '2024-01-01', fromPrecision: 'year', reason: null }],
      }),
      expect.objectContaining({
        number: 'DEMO-AFSA-A-LA-2023-0002',
        status: 'unknown',
        grantedOn: '2023-01-01',
        grantedOnPrecision: 'year',
        expiresOn: null,
        endedOn: null,
        history: [{ status: 'granted', from: '2023-01-01', fromPrecision: 'year', reason: null }],
      }),
    ]);
    for (const licence of bybit.licences) expect(licence.source.confidence).toBe('unconfirmed');
  });

  it('gives no grant date for Binance\'s licence, which no source dates', async () => {
    const res = await request(t.server).get('/v1/firms').query({ q: 'binance' }).expect(200);
    expect(res.body.items[0].licences).toEqual([
      expect.objectContaining({
        number: 'DEMO-AFSA-A-LA-0001',
        status: 'active',
        grantedOn: null,
        grantedOnPrecision: null,
        expiresOn: null,
        history: [{ status: 'granted', from: null, fromPrecision: null, reason: null }],
      }),
    ]);
  });

  it('says of every demo official domain that no source confirms it', async () => {
    const res = await request(t.server).get('/v1/firms').expect(200);
    const domains = res.body.items.flatMap((f: { domains: object[] }) => f.domains);
    expect(domains.map((d: { domain: string }) => d.domain).sort()).toEqual(['binance.com', 'bybit.com', 'bybit.kz']);
    for (const domain of domains) {
      expect(domain.source).toMatchObject({ url: null, confidence: 'unconfirmed' });
      expect(domain.source.document).toMatch(/^Not confirmed: no source/);
    }
  });

  it.each([
    ['Cyrillic Kazakh', 'Байбит Қазақстан', 'Bybit Kazakhstan'],
    ['Kazakh Latin with an ad-hoc j for й', 'bajbit qazaqstan', 'Bybit Kazakhstan'],
    ['a typo in the brand', 'binanse', 'Binance Kazakhstan'],
    ['mixed case with a legal form', 'ТОО BINANCE', 'Binance Kazakhstan'],
    ['Russian alias', 'бинанс', 'Binance Kazakhstan'],
  ])('finds firms by name in any script (%s)', async (_label, q, expected) => {
    const res = await request(t.server).get('/v1/firms').query({ q }).expect(200);
    const names = res.body.items.map((f: { names: { en: string } }) => f.names.en);
    expect(names).toEqual([expected]);
  });

  it('paginates without overlap', async () => {
    const first = await request(t.server).get('/v1/firms').query({ limit: 1, offset: 0 }).expect(200);
    const second = await request(t.server).get('/v1/firms').query({ limit: 1, offset: 1 }).expect(200);
    expect(first.body.items[0].id).not.toBe(second.body.items[0].id);
    expect(first.body.total).toBe(2);
  });

  it('gets one firm by id, and answers 404 problem for an unknown id', async () => {
    const list = await request(t.server).get('/v1/firms').expect(200);
    const id = list.body.items[0].id;
    const one = await request(t.server).get(`/v1/firms/${id}`).expect(200);
    expect(one.body.id).toBe(id);
    const missing = await request(t.server).get('/v1/firms/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    expect(missing.body).toMatchObject({ status: 404, code: 'firm-not-found' });
  });
});

describe('GET /v1/blocked-entities', () => {
  it('lists Coinbase with its authority and legal basis, and lifted blocks as history', async () => {
    const res = await request(t.server).get('/v1/blocked-entities').expect(200);
    const coinbase = res.body.items.find((e: { name: { en: string } }) => e.name.en === 'Coinbase');
    expect(coinbase).toMatchObject({
      authority: {
        en: 'Ministry of Culture and Information of the Republic of Kazakhstan',
        ru: 'Министерство культуры и информации Республики Казахстан',
        kk: 'Қазақстан Республикасының Мәдениет және ақпарат министрлігі',
      },
      legalBasis: { en: 'Law of the Republic of Kazakhstan "On Digital Assets" (as reported; the article is not stated)' },
      blockedOn: '2023-11-01',
      blockedOnPrecision: 'month',
      state: 'in-force',
    });
    const lifted = await request(t.server).get('/v1/blocked-entities').query({ state: 'lifted' }).expect(200);
    expect(lifted.body.items).toHaveLength(1);
    expect(lifted.body.items[0].liftedOn).toBe('2024-09-01');
    const one = await request(t.server).get(`/v1/blocked-entities/${coinbase.id}`).expect(200);
    expect(one.body.domains).toEqual(['coinbase.com']);
  });
});

describe('GET /v1/blocklist/entries', () => {
  it('lists entries in force with the current serial; removed entries are gone', async () => {
    const res = await request(t.server).get('/v1/blocklist/entries').query({ limit: 100 }).expect(200);
    expect(res.body.serial).toBe(2);
    const values = res.body.items.map((e: { value: string }) => e.value);
    expect(values).toContain('coinbase.com');
    expect(values).toContain('xn----btbmjjpidbhj0a.example');
    expect(values).not.toContain('trade-review.example');
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by kind', async () => {
    const res = await request(t.server).get('/v1/blocklist/entries').query({ kind: 'cidr' }).expect(200);
    expect(res.body.items.map((e: { value: string }) => e.value)).toEqual(['198.51.100.0/24']);
  });
});

describe('GET /v1/check', () => {
  it.each(Object.entries(CHECK_EXAMPLES))('answers as its OpenAPI example %s says, ids and time aside', async (_name, { value }) => {
    const res = await request(t.server).get('/v1/check').query({ q: value.query, lang: value.lang }).expect(200);
    const withoutIds = (body: typeof value) => ({
      ...body,
      checkedAt: '(time)',
      firm: body.firm && { ...body.firm, id: '(id)' },
      blockedEntity: body.blockedEntity && { ...body.blockedEntity, id: '(id)' },
      entry: body.entry && { ...body.entry, id: '(id)' },
      warning: body.warning && { ...body.warning, id: '(id)' },
      matches: body.matches.map((m) => ({ ...m, id: '(id)' })),
    });
    expect(withoutIds(res.body)).toEqual(withoutIds(value));
  });

  it('answers blocked for a Coinbase login link, with the legal basis and sources', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'https://www.coinbase.com/login' }).expect(200);
    expect(res.body).toMatchObject({
      verdict: 'blocked',
      serial: 2,
      target: { host: 'www.coinbase.com', registrableDomain: 'coinbase.com' },
      reason: { code: 'blocked-domain' },
      entry: { value: 'coinbase.com', match: 'subtree' },
      blockedEntity: { name: 'Coinbase', legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets" (as reported; the article is not stated)' },
    });
    expect(res.body.reason.message).toContain('"On Digital Assets"');
    expect(res.body.sources.length).toBeGreaterThan(0);
  });

  it('answers licensed for an official domain and its subdomains', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'WWW.Binance.COM.' }).expect(200);
    expect(res.body.verdict).toBe('licensed');
    expect(res.body.reason.code).toBe('licensed-firm-domain');
    expect(res.body.firm.names.en).toBe('Binance Kazakhstan');
    expect(res.body.notices[0]).toContain('binance.com');
  });

  it('answers unknown and says that not being listed is not proof of safety', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'example.org' }).expect(200);
    expect(res.body.verdict).toBe('unknown');
    expect(res.body.reason.code).toBe('not-listed');
    expect(res.body.notices.join(' ')).toMatch(/not proof of safety/);
  });

  it('canonicalises Unicode domains to A-labels before matching', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'https://КРИПТО-обмен.example/buy' }).expect(200);
    expect(res.body.verdict).toBe('blocked');
    expect(res.body.target.host).toBe('xn----btbmjjpidbhj0a.example');
  });

  it('reads a defanged link as the link it stands for (issue 11, point 2)', async () => {
    const res = await request(t.server).get('/v1/check?q=hxxps://binance[.]com').expect(200);
    expect(res.body).toMatchObject({
      query: 'hxxps://binance[.]com',
      verdict: 'licensed',
      target: { kind: 'domain', host: 'binance.com', displayHost: 'binance.com', registrableDomain: 'binance.com', url: null },
      reason: { code: 'licensed-firm-domain' },
    });
    const fullWidth = await request(t.server).get('/v1/check').query({ q: 'ｗｗｗ．ｂｉｎａｎｃｅ．ｃｏｍ' }).expect(200);
    expect(fullWidth.body).toMatchObject({ verdict: 'licensed', target: { host: 'www.binance.com' } });
  });

  it('refuses a hidden character instead of dropping it: bin<U+200B>ance.com is not binance.com', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'https://bin\u200Bance.com/' }).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      status: 400,
      code: 'invalid-target',
      reason: 'hidden-character',
      codePoint: 'U+200B',
      errors: [{ field: 'q', messages: ['Contains a hidden character (U+200B): it cannot be seen, so the address may not be what it looks like'] }],
    });
    const encoded = await request(t.server).get('/v1/check?q=bin%25E2%2580%258Bance.com').expect(400);
    expect(encoded.body).toMatchObject({ reason: 'hidden-character', codePoint: 'U+200B' });
  });

  it('matches IPs exactly and inside CIDR blocks, and URL entries by path', async () => {
    const ip = await request(t.server).get('/v1/check').query({ q: '198.51.100.77' }).expect(200);
    expect(ip.body).toMatchObject({ verdict: 'blocked', reason: { code: 'blocked-ip' } });
    const url = await request(t.server)
      .get('/v1/check')
      .query({ q: 'http://free-hosting.example/usdt-p2p-kz/offer?id=1' })
      .expect(200);
    expect(url.body).toMatchObject({ verdict: 'blocked', reason: { code: 'blocked-url' } });
    const sibling = await request(t.server).get('/v1/check').query({ q: 'free-hosting.example/other' }).expect(200);
    expect(sibling.body.verdict).toBe('unknown');
  });

  it('no longer blocks a lifted entity, and says it was blocked and when the block was lifted', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'trade-review.example' }).expect(200);
    expect(res.body).toMatchObject({
      verdict: 'unknown',
      reason: { code: 'block-lifted' },
      blockedEntity: { liftedOn: '2024-09-01', blockedOn: '2024-03-01' },
      entry: null,
    });
    expect(res.body.reason.message).toMatch(/^The site trade-review\.example was blocked in Kazakhstan from 2024-03-01 .* the block was lifted on 2024-09-01\./);
  });

  it('names the authority and legal basis in Russian for a Russian answer, the name in English where it has no other', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'coinbase.com', lang: 'ru' }).expect(200);
    expect(res.body.blockedEntity).toMatchObject({
      name: 'Coinbase',
      authority: 'Министерство культуры и информации Республики Казахстан',
      requestedBy: 'Министерство цифрового развития, инноваций и аэрокосмической промышленности',
      legalBasis: 'Закон Республики Казахстан «О цифровых активах в Республике Казахстан» (по сообщениям СМИ; статья не указана)',
    });
    expect(res.body.reason.message).toContain('Правовое основание: Закон Республики Казахстан «О цифровых активах');
  });

  it('tells the citizen what to do about a blocked site, and that the record is demo data', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'coinbase.com', lang: 'ru' }).expect(200);
    expect(res.body.verdict).toBe('blocked');
    expect(res.body.notices[0]).toMatch(/^Не вводите на этом сайте пароли, коды и данные карты/);
    expect(res.body.notices).toContain(
      'Этот ответ основан на демонстрационных данных: запись показывает, как работает реестр, и не является официальным сведением.',
    );
    expect(res.body.sources.every((s: { demo: boolean }) => s.demo)).toBe(true);
  });

  it.each([
    ['kk', undefined, /бұғатталған/],
    ['ru', undefined, /заблокирован/],
    [undefined, 'ru-RU,ru;q=0.9,en;q=0.5', /заблокирован/],
    [undefined, 'kk;q=0.9, en;q=0.8', /бұғатталған/],
    [undefined, 'de-DE', /is blocked/],
  ])('speaks lang=%s / Accept-Language %s', async (lang, acceptLanguage, pattern) => {
    const req = request(t.server).get('/v1/check').query({ q: 'coinbase.com', ...(lang ? { lang } : {}) });
    if (acceptLanguage) req.set('Accept-Language', acceptLanguage);
    const res = await req.expect(200);
    expect(res.body.reason.message).toMatch(pattern);
    expect(res.headers['content-language']).toBe(res.body.lang);
  });
});

describe('bad input is a problem+json 4xx, never a 500', () => {
  const cases: [string, number, string][] = [
    ['/v1/firms/not-a-uuid', 400, 'validation-failed'],
    ['/v1/blocked-entities/123', 400, 'validation-failed'],
    ['/v1/blocked-entities/00000000-0000-4000-8000-000000000000', 404, 'blocked-entity-not-found'],
    ['/v1/firms?limit=0', 400, 'validation-failed'],
    ['/v1/firms?limit=101', 400, 'validation-failed'],
    ['/v1/firms?limit=abc', 400, 'validation-failed'],
    ['/v1/firms?offset=-1', 400, 'validation-failed'],
    ['/v1/firms?licenceStatus=maybe', 400, 'validation-failed'],
    ['/v1/firms?unknown=1', 400, 'validation-failed'],
    ['/v1/blocklist/entries?kind=mx', 400, 'validation-failed'],
    ['/v1/check', 400, 'validation-failed'],
    ['/v1/check?q=', 400, 'validation-failed'],
    [`/v1/check?q=${'a'.repeat(64)}.com`, 400, 'invalid-target'],
    [`/v1/check?q=${'a.'.repeat(130)}com`, 400, 'invalid-target'],
    [`/v1/check?q=${'a'.repeat(2100)}`, 400, 'validation-failed'],
    ['/v1/check?q=javascript:alert(1)', 400, 'invalid-target'],
    ['/v1/check?q=exa%7Cmple.com', 400, 'invalid-target'],
    ['/v1/nothing-here', 404, 'not-found'],
    ['/v2/firms', 404, 'not-found'],
  ];
  it.each(cases.map(([path, status, code]) => [shorten(path), status, code, path] as const))(
    'GET %s → %i %s',
    async (_label, status, code, path) => {
    const res = await request(t.server).get(path).expect(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status, code });
    expect(res.body.type).toMatch(new RegExp(`/problems/${code}$`));
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    },
  );

  it('names each invalid field', async () => {
    const res = await request(t.server).get('/v1/firms').query({ limit: 0, offset: -5 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset']);
  });


  it('refuses an oversized body with 413 problem', async () => {
    const res = await request(t.server)
      .post('/v1/firms')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }));
    expect([404, 405, 413]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('keeps a sane client request id and replaces a hostile one', async () => {
    const good = await request(t.server).get('/v1/firms/nope').set('x-request-id', 'abc12345-trace').expect(400);
    expect(good.body.requestId).toBe('abc12345-trace');
    const hostile = `<script>${'x'.repeat(300)}`;
    const bad = await request(t.server).get('/v1/firms/nope').set('x-request-id', hostile).expect(400);
    expect(bad.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('platform', () => {
  it('serves liveness and readiness (which checks the database)', async () => {
    await request(t.server).get('/health/live').expect(200);
    const ready = await request(t.server).get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('sends security headers', async () => {
    const res = await request(t.server).get('/v1/firms').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const json = await request(t.server).get('/openapi.json').expect(200);
    expect(json.body.paths['/v1/check']).toBeDefined();
    const page = await request(t.server).get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
  });
});
