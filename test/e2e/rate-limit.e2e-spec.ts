import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import request from 'supertest';
import { generateKey } from '../../src/api-keys/api-key-format.js';
import { createKey } from '../setup/api-keys.js';
import { appsSharingRedis, type RunningRedis } from '../setup/redis.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** The seconds left in the window (t) of the RateLimit field, after checking the rest of it exactly. */
function resetOf(field: unknown, policy: string, remaining: number): number {
  const match = new RegExp(`^"${policy}";r=${remaining};t=(\\d+)$`).exec(String(field));
  if (!match) throw new Error(`RateLimit is ${String(field)}, not "${policy}";r=${remaining};t=<seconds>`);
  const seconds = Number(match[1]);
  // The window is a minute from the first request; a slow machine may take a few seconds to get here.
  expect(seconds).toBeGreaterThanOrEqual(45);
  expect(seconds).toBeLessThanOrEqual(60);
  return seconds;
}

const TOO_MANY = {
  en: { title: 'Too many requests', detail: (s: number) => `More than 3 requests a minute from this address: retry in ${s} s.` },
  ru: { title: 'Слишком много запросов', detail: (s: number) => `С этого адреса больше 3 запросов в минуту: повторите через ${s} с.` },
  kk: { title: 'Сұраулар тым көп', detail: (s: number) => `Бұл мекенжайдан минутына 3 сұраудан көп: ${s} с кейін қайталаңыз.` },
};

describe('the rate limit, in memory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends RateLimit-Policy and RateLimit on every answer, then a 429 problem in the asked language with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      // The same check thrice: the second and third are answered from memory before routing, and counted all the same.
      const ok = await request(t.server).get('/v1/check').query({ q: 'coinbase.com' }).expect(200);
      expect(ok.headers['ratelimit-policy']).toBe('"per-address";q=3;w=60');
      resetOf(ok.headers.ratelimit, 'per-address', 2 - i);
      // @fastify/rate-limit's own header sets are not sent: one set, the draft's.
      expect(Object.keys(ok.headers).filter((name) => /^x-ratelimit|^ratelimit-(limit|remaining|reset)$/.test(name))).toEqual([]);
    }
    const asked = [
      ['en', (r: request.Test) => r.query({ lang: 'en' })],
      ['ru', (r: request.Test) => r.set('Accept-Language', 'ru-RU')],
      ['kk', (r: request.Test) => r.set('Accept-Language', 'kk')],
    ] as const;
    for (const [lang, ask] of asked) {
      const limited = await ask(request(t.server).get('/v1/check').query({ q: 'coinbase.com' })).expect(429);
      expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(limited.headers['content-language']).toBe(lang);
      expect(limited.headers['ratelimit-policy']).toBe('"per-address";q=3;w=60');
      const seconds = resetOf(limited.headers.ratelimit, 'per-address', 0);
      expect(limited.headers['retry-after']).toBe(String(seconds));
      expect(limited.body).toEqual({
        type: 'http://localhost:3000/problems/too-many-requests',
        title: TOO_MANY[lang].title,
        status: 429,
        detail: TOO_MANY[lang].detail(seconds),
        instance: '/v1/check',
        code: 'too-many-requests',
        requestId: limited.headers['x-request-id'],
      });
    }
    // An unrouted request is counted like any other (no free probing of paths), and answered first by the limit.
    expect((await request(t.server).get('/v1/no-such-route').expect(429)).body.code).toBe('too-many-requests');
  });

  it('never counts the probes, nor says anything about limits on them', async () => {
    for (const probe of ['/health/live', '/health/ready']) {
      const res = await request(t.server).get(probe).expect(200);
      expect(res.headers['ratelimit']).toBeUndefined();
      expect(res.headers['ratelimit-policy']).toBeUndefined();
    }
  });

  it('lets a page on another site read the fields (CORS)', async () => {
    const res = await request(t.server).get('/health/live').set('Origin', 'https://example.org');
    expect(res.headers['access-control-expose-headers']).toBe('Content-Language, ETag, RateLimit, RateLimit-Policy, Retry-After, X-Request-Id');
  });
});

describe('an API key with a limit of its own', () => {
  let t: TestApp;
  let keyed: string;
  let plain: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    keyed = `Bearer ${(await createKey(t.app, ['audit:read'], 'bank robot', 5)).key}`;
    plain = `Bearer ${(await createKey(t.app, ['audit:read'], 'plain key')).key}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is counted by the key, up to its limit, apart from its address', async () => {
    for (let i = 0; i < 5; i++) {
      const ok = await request(t.server).get('/v1/firms').set('Authorization', keyed).expect(200);
      expect(ok.headers['ratelimit-policy']).toBe('"per-key";q=5;w=60');
      resetOf(ok.headers.ratelimit, 'per-key', 4 - i);
    }
    const limited = await request(t.server).get('/v1/firms').set('Authorization', keyed).expect(429);
    const seconds = resetOf(limited.headers.ratelimit, 'per-key', 0);
    expect(limited.headers['retry-after']).toBe(String(seconds));
    expect(limited.body.detail).toBe(`More than 5 requests a minute with this API key: retry in ${seconds} s.`);
    // The address behind it still has its own two.
    const anonymous = await request(t.server).get('/v1/firms').expect(200);
    expect(anonymous.headers['ratelimit-policy']).toBe('"per-address";q=2;w=60');
    resetOf(anonymous.headers.ratelimit, 'per-address', 1);
  });

  it('is set by an operator with the key (POST /v1/admin/api-keys), from 1 to 1,000,000 a minute', async () => {
    const admin = `Bearer ${(await createKey(t.app, ['keys:admin'], 'operator desk', 100)).key}`;
    const created = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('Authorization', admin)
      .send({ name: 'Bank X', scopes: ['verifications:use'], rateLimitPerMinute: 6000 })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Bank X', rateLimitPerMinute: 6000 });
    const bank = await request(t.server).get('/v1/firms').set('Authorization', `Bearer ${created.body.key}`).expect(200);
    expect(bank.headers['ratelimit-policy']).toBe('"per-key";q=6000;w=60');
    const refused = await request(t.server)
      .post('/v1/admin/api-keys')
      .set('Authorization', admin)
      .send({ name: 'Bank Y', scopes: ['verifications:use'], rateLimitPerMinute: 0 })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'rateLimitPerMinute', messages: ['rateLimitPerMinute must not be less than 1'] }]);
  });

  it('is not earned by a made-up token, a wrong secret for the real id, or a key without a limit: those count by address', async () => {
    const realId = /^Bearer kzr_([a-z2-7]{12})_/.exec(keyed)![1]!;
    const tokens = [plain, `Bearer ${generateKey(realId).key}`, `Bearer ${generateKey().key}`, 'Bearer kzr_made_up'];
    const statuses: number[] = [];
    const policies: string[] = [];
    for (const token of tokens) {
      const res = await request(t.server).get('/v1/firms').set('Authorization', token);
      statuses.push(res.status);
      policies.push(res.headers['ratelimit-policy'] as string);
    }
    // One request of the address's two was used above; every token lands in that same bucket.
    expect(statuses).toEqual([200, 429, 429, 429]);
    expect(new Set(policies)).toEqual(new Set(['"per-address";q=2;w=60']));
  });
});

describe('anonymous single verifications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '10', VERIFICATIONS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are counted under a second policy, listed after the general one in both fields', async () => {
    const first = await request(t.server).post('/v1/verifications').send({ name: 'Bybit' }).expect(200);
    expect(first.headers['ratelimit-policy']).toBe('"per-address";q=10;w=60, "verifications";q=2;w=60');
    expect(first.headers.ratelimit).toMatch(/^"per-address";r=9;t=\d+, "verifications";r=1;t=\d+$/);
    await request(t.server).post('/v1/verifications').send({ name: 'Bybit' }).expect(200);
    const refused = await request(t.server).post('/v1/verifications').send({ name: 'Bybit' }).expect(429);
    const [, verifications] = String(refused.headers.ratelimit).split(', ');
    expect(refused.headers['retry-after']).toBe(String(resetOf(verifications, 'verifications', 0)));
    expect(refused.body).toMatchObject({ status: 429, code: 'too-many-requests' });
    // The general limit went on counting (7 left of 10), other routes unaffected.
    const other = await request(t.server).get('/v1/firms').expect(200);
    resetOf(other.headers.ratelimit, 'per-address', 6);
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

  it('counts the addresses of one IPv6 /64 together', async () => {
    const statuses: number[] = [];
    for (const address of ['2001:db8:7:7::1', '2001:db8:7:7::2', '2001:db8:7:7::ffff:1', '2001:db8:7:7:abcd:ef01:2345:6789']) {
      statuses.push((await request(t.server).get('/v1/firms').set('X-Forwarded-For', address)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    await request(t.server).get('/v1/firms').set('X-Forwarded-For', '2001:db8:7:8::1').expect(200);
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

describe('two instances sharing one Redis (REDIS_URL)', () => {
  let redis: RunningRedis;
  let a: TestApp;
  let b: TestApp;
  let client: Redis;
  /** Resolves once the store's counts have not changed for a second (10 s at most). */
  async function storeSettled(): Promise<void> {
    const snapshot = async () => {
      const keys = (await client.keys('*')).sort();
      return JSON.stringify([keys, keys.length ? await client.mget(keys) : []]);
    };
    const deadline = Date.now() + 10_000;
    let last = await snapshot();
    let stableSince = Date.now();
    while (Date.now() - stableSince < 1000) {
      if (Date.now() > deadline) throw new Error(`the store kept changing: ${last}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await snapshot();
      if (now !== last) [last, stableSince] = [now, Date.now()];
    }
  }
  beforeAll(async () => {
    ({ redis, a, b, client } = await appsSharingRedis({ RATE_LIMIT_PER_MINUTE: '4' }));
  });
  let bClosed = false;
  afterAll(async () => {
    await a?.close();
    if (!bClosed) await b?.close();
    await redis?.stop();
  });

  it('share the limit: requests split across both meet the 429 at the shared max, on either', async () => {
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request((i % 2 === 0 ? a : b).server).get('/v1/firms');
      statuses.push(res.status);
      remaining.push(/;r=(\d+);/.exec(String(res.headers.ratelimit))?.[1] ?? '-');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(remaining).toEqual(['3', '2', '1', '0', '0', '0']);
    // The count is Redis's: one key for the address, expiring with the window.
    const keys = await client.keys('kz-crypto-registry:rate-limit:*');
    expect(keys).toEqual(['kz-crypto-registry:rate-limit:per-address:127.0.0.1']);
    expect(await client.get(keys[0]!)).toBe('6');
    const ttl = await client.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(45_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('let requests through uncounted, quickly, while Redis is frozen, and count again once it thaws', async () => {
    await client.flushall();
    redis.freeze();
    try {
      for (const t of [a, b]) {
        const started = Date.now();
        const res = await request(t.server).get('/v1/firms').expect(200);
        // The command timeout is 250 ms; slack for a loaded machine, far below any client's patience.
        expect(Date.now() - started).toBeLessThan(2000);
        expect(res.headers['ratelimit-policy']).toBe('"per-address";q=4;w=60');
        expect(res.headers.ratelimit).toBeUndefined();
      }
      await request(a.server).get('/health/ready').expect(200);
    } finally {
      redis.thaw();
    }
    // The two INCRs sent while it was frozen run late if they were still in its socket or queued for a reconnection
    // (at any moment after the thaw), or are dropped with a connection the client gave up on. Once they have landed
    // (the store unchanged for a second), the store starts empty: counting must resume exactly, one per request.
    await storeSettled();
    await client.flushall();
    for (const [t, remaining] of [[a, 3], [b, 2]] as const) {
      const counted = await request(t.server).get('/v1/firms').expect(200);
      resetOf(counted.headers.ratelimit, 'per-address', remaining);
    }
  });

  it('close their Redis client when they stop, and go on answering when Redis is gone', async () => {
    const registryClients = async () => ((await client.client('LIST')) as string).split('\n').filter((line) => line.includes(' name=kz-crypto-registry ')).length;
    expect(await registryClients()).toBe(2);
    await b.close();
    bClosed = true;
    expect(await registryClients()).toBe(1);
    client.disconnect();
    await redis.stop();
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const res = await request(a.server).get('/v1/firms').expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.headers.ratelimit).toBeUndefined();
    }
  });
});
