import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(async () => {
  await t.close();
});

it('limits public reads per client with a 429 problem and Retry-After, and never the probes', async () => {
  for (let i = 0; i < 3; i++) {
    const ok = await request(t.server).get('/v1/firms').expect(200);
    expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
  }
  const limited = await request(t.server).get('/v1/check?q=coinbase.com').expect(429);
  expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(limited.headers['retry-after']).toBeDefined();
  expect(limited.body).toMatchObject({ status: 429, code: 'too-many-requests' });
  await request(t.server).get('/health/live').expect(200);
  await request(t.server).get('/health/ready').expect(200);
});
