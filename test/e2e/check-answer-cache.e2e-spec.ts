// The check keeps its answers per index (src/check/check-answer-cache.ts): a kept answer is never older than the
// index a request reads, whether a write moved the blocklist serial or changed a firm (which moves no serial).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };

interface Answer {
  verdict: string;
  serial: number;
  checkedAt: string;
}

/** Asks until an answer satisfies `done` (the index catches up after a write), at most 50 times; every answer seen. */
async function askUntil(ask: () => Promise<Answer>, done: (answer: Answer) => boolean): Promise<Answer[]> {
  const seen: Answer[] = [];
  for (let i = 0; i < 50; i++) {
    const answer = await ask();
    seen.push(answer);
    if (done(answer)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}

describe('with the answer cache on (the default)', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    auth = `Bearer ${(await createKey(t.app, ['blocklist:write', 'firms:write'])).key}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const check = async (q: string, lang?: string): Promise<Answer> =>
    (await request(t.server).get('/v1/check').query({ q, ...(lang ? { lang } : {}) }).expect(200)).body;

  it('gives a kept answer its own time, in each language apart', async () => {
    const first = await check('kept-answer.example');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await check('kept-answer.example');
    expect({ ...again, checkedAt: null }).toEqual({ ...first, checkedAt: null });
    expect(Date.parse(again.checkedAt)).toBeGreaterThan(Date.parse(first.checkedAt));
    const kk = await request(t.server).get('/v1/check').query({ q: 'kept-answer.example', lang: 'kk' }).expect(200);
    expect(kk.body.lang).toBe('kk');
    expect(kk.headers['content-language']).toBe('kk');
    expect(kk.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers a kept answer before routing with the very headers and body the controller gave it', async () => {
    const ask = () => request(t.server).get('/v1/check').query({ q: 'binance-kz.com', lang: 'ru' }).set('accept-language', 'kk');
    const routed = await ask().expect(200);
    const kept = await ask().expect(200);
    const varying = new Set(['date', 'x-request-id', 'ratelimit', 'content-length']);
    const fixed = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !varying.has(name)));
    expect(fixed(kept.headers)).toEqual(fixed(routed.headers));
    expect(fixed(kept.headers)).toMatchObject({ 'content-language': 'ru', vary: 'Accept-Language', 'content-type': 'application/json; charset=utf-8' });
    expect({ ...kept.body, checkedAt: null }).toEqual({ ...routed.body, checkedAt: null });
    // What the controller refuses is still refused, in its shape, however often the same q was answered.
    const unknownParameter = await request(t.server).get('/v1/check').query({ q: 'binance-kz.com', lang: 'ru', page: '2' }).expect(400);
    expect(unknownParameter.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    // A request with a key goes through the guard (public route: the same answer).
    const withKey = await ask().set('authorization', auth).expect(200);
    expect({ ...withKey.body, checkedAt: null }).toEqual({ ...routed.body, checkedAt: null });
  });

  it('never answers from before a block: every answer at its serial or later says blocked', async () => {
    expect((await check('soon-blocked.example')).verdict).toBe('unknown');
    expect((await check('soon-blocked.example')).verdict).toBe('unknown');
    const added = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', auth)
      .send({ legalBasis: 'Art. 11(5)', source, entries: [{ kind: 'domain', value: 'soon-blocked.example', match: 'exact' }] })
      .expect(201);
    const seen = await askUntil(() => check('soon-blocked.example'), (a) => a.serial >= added.body.serial);
    expect(seen.at(-1)).toMatchObject({ verdict: 'blocked', serial: added.body.serial });
    expect(seen.filter((a) => a.serial >= added.body.serial && a.verdict !== 'blocked')).toEqual([]);
  });

  it('answers anew when a firm changes, though the blocklist serial stays where it was', async () => {
    const firms = await request(t.server).get('/v1/firms').query({ domain: 'binance.com' }).expect(200);
    const firm = firms.body.items[0];
    const licence = firm.licences.find((l: { status: string }) => l.status === 'active');
    const before = await check('www.binance.com');
    expect(before.verdict).toBe('licensed');
    await request(t.server)
      .post(`/v1/admin/firms/${firm.id}/licences/${licence.id}/status`)
      .set('authorization', auth)
      .set('if-match', `"v${firm.version}"`)
      .send({ status: 'suspended', reason: 'Suspended pending review.' })
      .expect(200);
    const seen = await askUntil(() => check('www.binance.com'), (a) => a.verdict === 'suspended');
    expect(seen.at(-1)).toMatchObject({ verdict: 'suspended', serial: before.serial });
  });
});

describe('with CHECK_ANSWER_CACHE_MB=0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CHECK_ANSWER_CACHE_MB: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers as with the cache, time aside', async () => {
    const res = await request(t.server).get('/v1/check').query({ q: 'https://www.coinbase.com/login' }).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ verdict: 'blocked', serial: 2, query: 'https://www.coinbase.com/login' });
  });
});
