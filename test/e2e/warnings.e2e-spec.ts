// The public warnings routes on the demo data: AFSA's warning, as the OpenAPI examples show it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { WARNING_EXAMPLES, WARNING_PAGE_EXAMPLES } from '../../src/warnings/warnings.examples.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const withoutIdAndTime = (w: { id: string; updatedAt: string }) => ({ ...w, id: '(id)', updatedAt: '(time)' });

describe('GET /v1/warnings', () => {
  it('lists AFSA\'s warning as its OpenAPI example says, id and time aside', async () => {
    const res = await request(t.server).get('/v1/warnings').expect(200);
    const example = WARNING_PAGE_EXAMPLES.all!.value;
    expect({ ...res.body, items: res.body.items.map(withoutIdAndTime) }).toEqual({ ...example, items: example.items.map(withoutIdAndTime) });
  });

  it('finds it by a brand or alias in any script, filters by state, and refuses a bad state (400)', async () => {
    for (const q of ['mexc', 'Битгет', 'huobi']) expect((await request(t.server).get('/v1/warnings').query({ q }).expect(200)).body.total).toBe(1);
    expect((await request(t.server).get('/v1/warnings').query({ q: 'binance' }).expect(200)).body.total).toBe(0);
    expect((await request(t.server).get('/v1/warnings').query({ state: 'withdrawn' }).expect(200)).body.total).toBe(0);
    const bad = await request(t.server).get('/v1/warnings').query({ state: 'old' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'state' }] });
  });
});

describe('GET /v1/warnings/{id}', () => {
  it('answers as its OpenAPI example says, with an ETag, and says the date is not given', async () => {
    const id = (await request(t.server).get('/v1/warnings')).body.items[0].id;
    const res = await request(t.server).get(`/v1/warnings/${id}`).expect(200);
    expect(res.headers.etag).toBe('"v1"');
    expect(withoutIdAndTime(res.body)).toEqual(withoutIdAndTime(WARNING_EXAMPLES.afsa!.value));
    expect(res.body.issuedOn).toBeNull();
    expect(res.body.source.document).toContain('do not give the date');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await request(t.server).get('/v1/warnings/019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f').query({ lang: 'kk' }).expect(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'warning-not-found', detail: '019a4f2e-7c1d-7b3a-9e8f-0a1b2c3d4e5f идентификаторы бар ескерту жоқ.' });
    const bad = await request(t.server).get('/v1/warnings/okx').expect(400);
    expect(bad.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'id' }] });
  });
});
