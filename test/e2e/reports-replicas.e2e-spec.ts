// The reports' abuse guard behind two replicas (issue 13 point 3): with REDIS_URL the hour's count per address and the
// day's repeats are one for both, kept in Redis as HMACs of the address, never the address; without it each replica
// counts in its own memory, as one replica always did. Addresses come from X-Forwarded-For through one trusted hop.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { appsSharingRedis, type RunningRedis } from '../setup/redis.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const report = (t: TestApp, from: string, body: object) => request(t.server).post('/v1/reports').set('x-forwarded-for', from).send(body);
const form = (t: TestApp, from: string, q: string) => request(t.server).post('/en/report').set('x-forwarded-for', from).type('form').send(`q=${encodeURIComponent(q)}`);

/** `"per-address";r=<r>;t=<s>, "reports";r=<r>;t=<s>` with each window's seconds checked, slack for a slow machine. */
function expectState(field: unknown, perAddress: number, reports: number): number {
  const match = new RegExp(`^"per-address";r=${perAddress};t=(\\d+), "reports";r=${reports};t=(\\d+)$`).exec(String(field));
  if (!match) throw new Error(`RateLimit is ${String(field)}, not per-address r=${perAddress} and reports r=${reports}`);
  expect(Number(match[1])).toBeGreaterThanOrEqual(45);
  expect(Number(match[1])).toBeLessThanOrEqual(60);
  const hour = Number(match[2]);
  expect(hour).toBeGreaterThanOrEqual(3500);
  expect(hour).toBeLessThanOrEqual(3600);
  return hour;
}

const POLICIES = '"per-address";q=600;w=60, "reports";q=2;w=3600';

const storedTargets = async (t: TestApp, like: string) =>
  ((await t.app.get(DataSource).query(`SELECT "target" FROM "reports" WHERE "target" LIKE $1 ORDER BY "target"`, [like])) as { target: string }[]).map((r) => r.target);

describe('two replicas sharing one Redis (REDIS_URL), REPORTS_PER_HOUR=2', () => {
  let redis: RunningRedis;
  let a: TestApp;
  let b: TestApp;
  let client: Redis;
  beforeAll(async () => {
    ({ redis, a, b, client } = await appsSharingRedis({ TRUST_PROXY: '1', REPORTS_PER_HOUR: '2' }));
  });
  afterAll(async () => {
    client?.disconnect();
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  it('count one hour per address across both: a repeat through the other is not counted, the third report is a 429 on either', async () => {
    const first = await report(a, '198.51.100.1', { q: 'https://login.shared-scam.example/x' }).expect(202);
    expect(first.body).toEqual({ target: { kind: 'domain', target: 'shared-scam.example', display: 'shared-scam.example' }, counted: true });
    expect(first.headers['ratelimit-policy']).toBe(POLICIES);
    expectState(first.headers.ratelimit, 599, 1);

    const repeat = await report(b, '198.51.100.1', { q: 'SHARED-SCAM.EXAMPLE.' }).expect(202);
    expect(repeat.body).toEqual({ target: { kind: 'domain', target: 'shared-scam.example', display: 'shared-scam.example' }, counted: false });
    // The minute is shared as well (the platform's limit): one count of each for the two replicas.
    expectState(repeat.headers.ratelimit, 598, 0);

    for (const [replica, q, minute] of [[b, 'other-scam.example', 597], [a, 'third-scam.example', 596]] as const) {
      const limited = await report(replica, '198.51.100.1', { q }).expect(429);
      expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(limited.headers['ratelimit-policy']).toBe(POLICIES);
      const seconds = expectState(limited.headers.ratelimit, minute, 0);
      expect(limited.headers['retry-after']).toBe(String(seconds));
      expect(limited.body).toEqual({
        type: 'http://localhost:3000/problems/too-many-reports',
        title: 'Too many requests',
        status: 429,
        detail: `At most 2 reports an hour are taken from one address. Try again in ${seconds} seconds.`,
        instance: '/v1/reports',
        code: 'too-many-reports',
        requestId: limited.headers['x-request-id'],
      });
    }
    // The form refuses alike, with its page; another address is not held back on either.
    const page = await form(b, '198.51.100.1', 'fourth-scam.example').expect(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('Too many reports from your connection');
    expect((await report(b, '198.51.100.2', { q: 'shared-scam.example' }).expect(202)).body.counted).toBe(true);
    const repeatByForm = await form(a, '198.51.100.2', 'https://shared-scam.example/').expect(200);
    expect(repeatByForm.text).toContain('You already reported shared-scam.example today; it is counted once.');

    // Each replica has a database of its own here: what each stored is what it counted.
    expect(await storedTargets(a, '%-scam.example')).toEqual(['shared-scam.example']);
    expect(await storedTargets(b, '%-scam.example')).toEqual(['shared-scam.example']);
  });

  it('keep in Redis an HMAC of the address, for an hour and a day, never the address nor the target', async () => {
    const keys = (await client.keys('kz-crypto-registry:*')).sort();
    const hours = keys.filter((key) => key.startsWith('kz-crypto-registry:rate-limit:reports:'));
    const days = keys.filter((key) => key.startsWith('kz-crypto-registry:reports:seen:'));
    expect(hours).toHaveLength(2);
    expect(days).toHaveLength(2);
    for (const key of [...hours, ...days]) expect(key).toMatch(/:[A-Za-z0-9_-]{43}$/);
    expect((await Promise.all(hours.map((key) => client.get(key)))).sort()).toEqual(['2', '5']);
    for (const key of hours) expect(await client.pttl(key)).toBeGreaterThan(3_500_000);
    for (const key of days) {
      expect(await client.get(key)).toBe('1');
      expect(await client.pttl(key)).toBeGreaterThan(86_300_000);
      expect(await client.pttl(key)).toBeLessThanOrEqual(86_400_000);
    }
    expect(Buffer.from((await client.get('kz-crypto-registry:reports:address-secret'))!, 'base64')).toHaveLength(32);
    expect(await client.pttl('kz-crypto-registry:reports:address-secret')).toBe(-1);
    // Only the platform's minute names an address (for its minute); nothing of the reports' keys does.
    const reportKeys = keys.filter((key) => !key.startsWith('kz-crypto-registry:rate-limit:per-address:'));
    expect(reportKeys.filter((key) => /198\.51\.100|scam/.test(key))).toEqual([]);
    expect(keys.filter((key) => key.startsWith('kz-crypto-registry:rate-limit:per-address:'))).toEqual([
      'kz-crypto-registry:rate-limit:per-address:198.51.100.1',
      'kz-crypto-registry:rate-limit:per-address:198.51.100.2',
    ]);
  });

  it('let reports through, counted, quickly, while Redis is frozen (the platform limit fails alike)', async () => {
    redis.freeze();
    try {
      const started = Date.now();
      const res = await report(a, '198.51.100.3', { q: 'frozen-scam.example' }).expect(202);
      // A command times out after 250 ms and is retried once; slack for a loaded machine.
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.body.counted).toBe(true);
      expect(res.headers['ratelimit-policy']).toBe('"per-address";q=600;w=60, "reports";q=2;w=3600');
      expect(res.headers.ratelimit).toBeUndefined();
    } finally {
      redis.thaw();
    }
    expect(await storedTargets(a, 'frozen-scam.example')).toEqual(['frozen-scam.example']);
  });
});

describe('two replicas without REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { TRUST_PROXY: '1', REPORTS_PER_HOUR: '2' };
    [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('count each in its own memory, as one replica does', async () => {
    expect((await report(a, '198.51.100.1', { q: 'alone-scam.example' }).expect(202)).body.counted).toBe(true);
    expect((await report(a, '198.51.100.1', { q: 'alone-scam.example' }).expect(202)).body.counted).toBe(false);
    const limited = await report(a, '198.51.100.1', { q: 'next-scam.example' }).expect(429);
    expect(limited.body.code).toBe('too-many-reports');
    expect(limited.headers['ratelimit-policy']).toBe(POLICIES);
    expectState(limited.headers.ratelimit, 597, 0);
    // b knows nothing of a's counts.
    const other = await report(b, '198.51.100.1', { q: 'alone-scam.example' }).expect(202);
    expect(other.body.counted).toBe(true);
    expectState(other.headers.ratelimit, 599, 1);
  });
});
