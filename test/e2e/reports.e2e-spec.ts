// Citizens' reports (issue 11 point 6): stored without personal data, counted per canonical target, limited per
// address (no captcha), listed for operators by `reports:read`, keyset-paged. Addresses come from X-Forwarded-For
// through one trusted proxy hop, so each test speaks from its own address.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let operator: string;
let otherScope: string;
beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: '1', REPORTS_PER_HOUR: '4' });
  operator = `Bearer ${(await createKey(t.app, ['reports:read'])).key}`;
  otherScope = `Bearer ${(await createKey(t.app, ['audit:read'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const report = (from: string, body: object) => request(t.server).post('/v1/reports').set('x-forwarded-for', from).send(body);

describe('POST /v1/reports', () => {
  it('counts a link under its registrable domain and a name under its folded form, once per address and day', async () => {
    const first = await report('198.51.100.1', { q: 'https://login.binance-kz.com/account?x=1', comment: 'Sent in a Telegram group' }).expect(202);
    expect(first.body).toEqual({ target: { kind: 'domain', target: 'binance-kz.com', display: 'binance-kz.com' }, counted: true });
    // The same site again from the same address: answered, not counted again.
    expect((await report('198.51.100.1', { q: 'BINANCE-KZ.COM.' }).expect(202)).body.counted).toBe(false);
    // From two other addresses: counted.
    await report('198.51.100.2', { q: 'binance-kz.com', lang: 'ru' }).expect(202);
    await report('198.51.100.3', { q: 'www.binance-kz.com' }).expect(202);
    const name = await report('198.51.100.2', { q: '  Байбит  ' }).expect(202);
    expect(name.body).toEqual({ target: { kind: 'name', target: 'baibit', display: 'Байбит' }, counted: true });
    expect((await report('198.51.100.3', { q: 'BAIBIT' }).expect(202)).body.target.target).toBe('baibit');
  });

  it('keeps no personal data: the stored report has no address, only target, language and comment', async () => {
    const columns = (await t.app.get(DataSource).query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'reports' ORDER BY ordinal_position`,
    )) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'target', 'lang', 'comment', 'created_at']);
    const stored = (await t.app.get(DataSource).query(`SELECT "target", "lang", "comment" FROM "reports" WHERE "target" = 'binance-kz.com' ORDER BY "created_at"`)) as object[];
    expect(stored).toEqual([
      { target: 'binance-kz.com', lang: 'en', comment: 'Sent in a Telegram group' },
      { target: 'binance-kz.com', lang: 'ru', comment: null },
      { target: 'binance-kz.com', lang: 'en', comment: null },
    ]);
  });

  it('refuses what is neither a site nor a name, and bad bodies, as problems', async () => {
    const invalid = await report('198.51.100.9', { q: 'javascript:alert(1)' }).expect(400);
    expect(invalid.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(invalid.body).toMatchObject({ status: 400, code: 'invalid-target', errors: [{ field: 'q' }] });
    const missing = await report('198.51.100.9', {}).expect(400);
    expect(missing.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'q' }] });
    const extra = await report('198.51.100.9', { q: 'x.example', email: 'me@example.com' }).expect(400);
    expect(extra.body.errors).toEqual([{ field: 'email', messages: ['property email should not exist'] }]);
    const long = await report('198.51.100.9', { q: 'x.example', comment: 'a'.repeat(1001) }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'comment', messages: ['comment must be shorter than or equal to 1000 characters'] }]);
    // A form body is for the page's own form route only.
    const form = await request(t.server).post('/v1/reports').type('form').send('q=x.example').expect(415);
    expect(form.body.code).toBe('unsupported-media-type');
  });

  it('answers 429 with Retry-After past REPORTS_PER_HOUR from one address, in the asked language', async () => {
    for (let i = 0; i < 4; i++) await report('203.0.113.77', { q: `site-${i}.example` }).expect(202);
    const limited = await report('203.0.113.77', { q: 'site-5.example', lang: 'ru' }).set('accept-language', 'ru').expect(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3500);
    expect(limited.body).toMatchObject({ status: 429, code: 'too-many-reports' });
    expect(limited.body.detail).toMatch(/^С одного адреса принимается не больше 4 сообщений в час\./);
    // Another address is not held back.
    await report('203.0.113.78', { q: 'site-5.example' }).expect(202);
  });
});

describe('GET /v1/admin/reports', () => {
  it('lists targets most reported first with first and last report, keyset-paged', async () => {
    const page1 = await request(t.server).get('/v1/admin/reports?limit=2').set('authorization', operator).expect(200);
    expect(page1.headers['cache-control']).toBe('no-store');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0]).toEqual({
      kind: 'domain',
      target: 'binance-kz.com',
      display: 'binance-kz.com',
      count: 3,
      firstReportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastReportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      latestComments: ['Sent in a Telegram group'],
    });
    expect(page1.body.items[1]).toMatchObject({ kind: 'name', target: 'baibit', display: 'Байбит', count: 2, latestComments: [] });
    expect(page1.body.limit).toBe(2);
    expect(typeof page1.body.nextCursor).toBe('string');

    const seen = [...page1.body.items.map((i: { target: string }) => i.target)];
    let cursor: string | null = page1.body.nextCursor;
    while (cursor) {
      const next = await request(t.server).get(`/v1/admin/reports?limit=2&cursor=${cursor}`).set('authorization', operator).expect(200);
      seen.push(...next.body.items.map((i: { target: string }) => i.target));
      cursor = next.body.nextCursor;
    }
    // Equal counts (1) by target descending; every target once.
    expect(seen).toEqual(['binance-kz.com', 'baibit', 'site-5.example', 'site-3.example', 'site-2.example', 'site-1.example', 'site-0.example']);
  });

  it('needs a key with reports:read, and refuses a cursor it did not write', async () => {
    const none = await request(t.server).get('/v1/admin/reports').expect(401);
    expect(none.body.code).toBe('unauthorized');
    const wrong = await request(t.server).get('/v1/admin/reports').set('authorization', otherScope).expect(403);
    expect(wrong.body.code).toBe('forbidden');
    const bad = await request(t.server).get('/v1/admin/reports?cursor=bm9wZQ').set('authorization', operator).expect(400);
    expect(bad.body).toMatchObject({ status: 400, code: 'invalid-report-cursor' });
    const limit = await request(t.server).get('/v1/admin/reports?limit=0').set('authorization', operator).expect(400);
    expect(limit.body.code).toBe('validation-failed');
  });
});
