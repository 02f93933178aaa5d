// Admin input has bounded lists and items, and one Unicode form for free text (issue 8, point 11, the DTO parts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let auth: string;
beforeAll(async () => {
  t = await createTestApp();
  auth = `Bearer ${(await createKey(t.app, ['firms:write', 'blocks:write', 'blocklist:write'])).key}`;
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://example.org/register', readOn: '2026-11-24', confidence: 'unconfirmed' };
let n = 0;
function firm(over: object = {}) {
  n += 1;
  return { names: { en: `Limits Exchange ${n}` }, jurisdiction: 'AIFC', domains: [{ domain: `limits-${n}.example`, source }], source, ...over };
}
const licence = { number: 'DEMO-LIMITS-1', regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2026-01-15', source };
const blocked = {
  name: 'Limits Block',
  category: 'online-exchange',
  authority: 'National Security Committee of the Republic of Kazakhstan',
  legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  blockedOn: '2026-11-20',
  source,
};

const post = (path: string, body: object) => request(t.server).post(path).set('authorization', auth).send(body);
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

describe('list sizes and item lengths', () => {
  it.each([
    ['51 brands', firm({ brands: Array.from({ length: 51 }, (_, i) => `B${i}`) }), 'brands', 'brands must contain no more than 50 elements'],
    ['a brand of 201 characters', firm({ brands: ['b'.repeat(201)] }), 'brands', 'each value in brands must be shorter than or equal to 200 characters'],
    ['an empty alias', firm({ aliases: [''] }), 'aliases', 'each value in aliases must be longer than or equal to 1 characters'],
    ['an alias of 201 characters', firm({ aliases: ['a'.repeat(201)] }), 'aliases', 'each value in aliases must be shorter than or equal to 200 characters'],
    [
      '101 domains',
      firm({ domains: Array.from({ length: 101 }, (_, i) => ({ domain: `d${i}.example`, source })) }),
      'domains',
      'domains must contain no more than 100 elements',
    ],
    ['a domain of 301 characters', firm({ domains: [{ domain: `${'a.'.repeat(150)}k`, source }] }), 'domains.0.domain', 'domain must be shorter than or equal to 300 characters'],
    [
      'an activity of 301 characters',
      firm({ licences: [{ ...licence, activities: ['x'.repeat(301)] }] }),
      'licences.0.activities',
      'each value in activities must be shorter than or equal to 300 characters',
    ],
    [
      '51 activities',
      firm({ licences: [{ ...licence, activities: Array.from({ length: 51 }, (_, i) => `A${i}`) }] }),
      'licences.0.activities',
      'activities must contain no more than 50 elements',
    ],
    ['a BIN of 67 characters', firm({ bin: `DEMO-${'1'.repeat(62)}` }), 'bin', 'bin must be shorter than or equal to 66 characters'],
  ])('POST /v1/admin/firms refuses %s', async (_label, body, field, message) => {
    const res = await post('/v1/admin/firms', body).expect(400);
    expect(res.body.errors).toContainEqual({ field, messages: expect.arrayContaining([message]) });
  });

  it('refuses 3 MB of brands, which used to be stored and served on every list page', async () => {
    const brands = Array.from({ length: 3000 }, (_, i) => `${i}`.padEnd(1000, 'x'));
    const res = await post('/v1/admin/firms', firm({ brands })).expect(400);
    expect(fields(res)).toEqual(['brands']);
    const list = await request(t.server).get('/v1/firms').query({ limit: 100 }).expect(200);
    expect(JSON.stringify(list.body).length).toBeLessThan(100_000);
  });

  it('accepts lists at their limits', async () => {
    const body = firm({
      brands: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, 'b')),
      aliases: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, 'a')),
    });
    await post('/v1/admin/firms', body).expect(201);
  });

  it.each([
    ['51 aliases', { aliases: Array.from({ length: 51 }, (_, i) => `A${i}`) }, 'aliases'],
    ['an alias of 201 characters', { aliases: ['a'.repeat(201)] }, 'aliases'],
    ['1,001 domains', { domains: Array.from({ length: 1001 }, (_, i) => `d${i}.example`) }, 'domains'],
    ['a domain of 301 characters', { domains: [`${'a.'.repeat(150)}k`] }, 'domains'],
  ])('POST /v1/admin/blocked-entities refuses %s', async (_label, patch, field) => {
    const res = await post('/v1/admin/blocked-entities', { ...blocked, ...patch }).expect(400);
    expect(fields(res)).toEqual([field]);
  });
});

describe('required nested records', () => {
  it.each([
    ['/v1/admin/firms', 'source', () => { const { source: _s, ...rest } = firm(); return rest; }],
    ['/v1/admin/firms', 'names', () => { const { names: _n, ...rest } = firm(); return rest; }],
    ['/v1/admin/firms', 'licences.0.source', () => firm({ licences: [{ ...licence, source: undefined }] })],
    ['/v1/admin/blocked-entities', 'source', () => ({ ...blocked, source: undefined })],
    ['/v1/admin/blocked-entities', 'legalBasis', () => ({ ...blocked, legalBasis: undefined })],
    ['/v1/admin/blocklist/entries', 'source', () => ({ legalBasis: 'x law', entries: [{ kind: 'domain', value: 'a.example', match: 'exact' }] })],
  ])('POST %s without %s is a 400 naming it, never a 500', async (path, field, body) => {
    const res = await post(path, body()).expect(400);
    expect(fields(res)).toContain(field);
  });
});

describe('names and free text in one Unicode form (NFC)', () => {
  const nfc = 'Şymkent Aqša Birjasy';
  const nfd = nfc.normalize('NFD');

  it('refuses an NFD spelling of an existing firm\'s name as the same name, and stores names as NFC', async () => {
    expect(nfd).not.toBe(nfc);
    const created = await post('/v1/admin/firms', firm({ names: { en: nfc, ru: 'Шымкентский обмен'.normalize('NFD') }, brands: [nfd] })).expect(201);
    expect(created.body.names).toEqual({ en: nfc, ru: 'Шымкентский обмен', kk: null });
    expect(created.body.brands).toEqual([nfc]);

    const again = await post('/v1/admin/firms', firm({ names: { en: nfd } })).expect(409);
    expect(again.body).toMatchObject({ code: 'firm-name-taken', firmId: created.body.id });
    expect(again.body.detail).toContain(nfc);

    const search = await request(t.server).get('/v1/firms').query({ q: nfd }).expect(200);
    expect(search.body.items.map((f: { id: string }) => f.id)).toEqual([created.body.id]);
  });

  it('compares names ignoring case and surrounding spaces, within one jurisdiction', async () => {
    await post('/v1/admin/firms', firm({ names: { en: 'Casefold Exchange' } })).expect(201);
    const upper = await post('/v1/admin/firms', firm({ names: { en: '  CASEFOLD EXCHANGE ' } })).expect(409);
    expect(upper.body.code).toBe('firm-name-taken');
    await post('/v1/admin/firms', firm({ names: { en: 'Casefold Exchange' }, jurisdiction: 'RK' })).expect(201);
  });

  it('refuses renaming a firm to another firm\'s name', async () => {
    const other = await post('/v1/admin/firms', firm({ names: { en: 'Rename Target' } })).expect(201);
    const mine = await post('/v1/admin/firms', firm({ names: { en: 'Rename Source' } })).expect(201);
    const res = await request(t.server)
      .patch(`/v1/admin/firms/${mine.body.id}`)
      .set('authorization', auth)
      .set('if-match', '"v1"')
      .send({ names: { en: 'Rename Target'.normalize('NFD') } })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'firm-name-taken', firmId: other.body.id });
  });

  it('stores a blocked entity\'s texts, aliases and its source document as NFC', async () => {
    const res = await post('/v1/admin/blocked-entities', {
      ...blocked,
      name: { en: nfd, kk: 'Шымкент Айырбас'.normalize('NFD') },
      aliases: [nfd],
      source: { document: `Decision on ${nfd}`, readOn: '2026-11-24', confidence: 'unconfirmed' },
    }).expect(201);
    expect(res.body).toMatchObject({
      name: { en: nfc, ru: null, kk: 'Шымкент Айырбас' },
      aliases: [nfc],
      source: { document: `Decision on ${nfc}` },
    });
  });
});
