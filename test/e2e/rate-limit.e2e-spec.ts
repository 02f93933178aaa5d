import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('the rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits public reads per client with a 429 problem and Retry-After, and never the probes', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await request(t.server).get('/v1/firms').expect(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await request(t.server).get('/v1/check?q=coinbase.com').set('Accept-Language', 'ru').expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body).toMatchObject({ status: 429, code: 'too-many-requests', title: 'Слишком много запросов' });
    expect(limited.body.detail).toMatch(/^С этого адреса больше 3 запросов в минуту: повторите через \d+ с\.$/);
    await request(t.server).get('/health/live').expect(200);
    await request(t.server).get('/health/ready').expect(200);
  });
});

/** Four requests from one client, each naming a new address of its own at the left of X-Forwarded-For. */
async function rotating(t: TestApp, appended: string | null): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const forwarded = appended ? `198.51.100.${i + 1}, ${appended}` : `198.51.100.${i + 1}`;
    statuses.push((await request(t.server).get('/v1/firms').set('X-Forwarded-For', forwarded)).status);
  }
  return statuses;
}

describe('with TRUST_PROXY=1 (one proxy in front)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keys on the address the proxy appended (the rightmost): rotating the leftmost gets no fresh bucket', async () => {
    expect(await rotating(t, '203.0.113.7')).toEqual([200, 200, 200, 429]);
    // Another client behind the same proxy has a bucket of its own: the proxy's word is taken.
    await request(t.server).get('/v1/firms').set('X-Forwarded-For', '198.51.100.1, 203.0.113.8').expect(200);
  });
});

describe('with TRUST_PROXY set to the proxy\'s address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1,::1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keys on the first address that is not a trusted proxy, counting from the right', async () => {
    expect(await rotating(t, '203.0.113.7')).toEqual([200, 200, 200, 429]);
  });
});

describe('with TRUST_PROXY unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ignores X-Forwarded-For altogether: the socket\'s address is the client', async () => {
    expect(await rotating(t, null)).toEqual([200, 200, 200, 429]);
  });
});
