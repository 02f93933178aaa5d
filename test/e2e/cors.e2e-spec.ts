// A page on another site may read the public API (the check above all); it may never read the operators' API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const ORIGIN = 'https://bank.example';
let t: TestApp;
let auditor: string;
beforeAll(async () => {
  t = await createTestApp();
  auditor = (await createKey(t.app, ['audit:read'])).key;
});
afterAll(async () => {
  await t?.close();
});

const preflight = (path: string, method = 'GET', headers = 'accept-language') =>
  request(t.server)
    .options(path)
    .set('Origin', ORIGIN)
    .set('Access-Control-Request-Method', method)
    .set('Access-Control-Request-Headers', headers);

describe('public reads', () => {
  it.each(['/v1/check?q=coinbase.com', '/v1/firms', '/v1/blocked-entities', '/v1/blocklist/entries'])(
    'a preflight for GET %s is answered: 204, any origin, GET and HEAD, for a day',
    async (path) => {
      const res = await preflight(path).expect(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
      expect(res.headers['access-control-allow-headers']).toBe('Accept, Accept-Language, If-None-Match, X-Request-Id');
      expect(res.headers['access-control-max-age']).toBe('86400');
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    },
  );

  it('a simple GET from another origin may read the answer and its headers', async () => {
    const res = await request(t.server).get('/v1/check?q=coinbase.com').set('Origin', ORIGIN).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('Content-Language');
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('so may its problems (a page shows why its input was refused)', async () => {
    const res = await request(t.server).get('/v1/check?q=').set('Origin', ORIGIN).expect(400);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('a preflight asking to POST to a public route is not granted POST', async () => {
    const res = await preflight('/v1/check', 'POST').expect(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
  });
});

describe('the operators\' API', () => {
  it.each([
    ['GET', '/v1/admin/audit-events'],
    ['POST', '/v1/admin/blocklist/entries'],
    ['POST', '/v1/admin/api-keys'],
  ])('a preflight for %s %s grants nothing', async (method, path) => {
    const res = await preflight(path, method, 'authorization, content-type');
    expect(res.status).toBe(204);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('a GET with an Origin, even with a valid key, carries no CORS header', async () => {
    const res = await request(t.server).get('/v1/admin/audit-events').set('Origin', ORIGIN).set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const refused = await request(t.server).get('/v1/admin/audit-events').set('Origin', ORIGIN).expect(401);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
