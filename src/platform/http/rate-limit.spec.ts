import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  addressBucket,
  bucketOf,
  clientKey,
  keyBucket,
  type KeyedRateLimits,
  policyItem,
  type RateLimits,
  registerRateLimits,
  stateItem,
} from './rate-limit.js';

function request(ip: string, authorization?: string): FastifyRequest {
  return { ip, headers: authorization === undefined ? {} : { authorization }, routeOptions: { config: {} } } as unknown as FastifyRequest;
}

function reply(): FastifyReply & { sent: Record<string, unknown> } {
  const sent: Record<string, unknown> = {};
  const r = { sent, header: (name: string, value: unknown) => ((sent[name] = value), r), getHeader: (name: string) => sent[name] };
  return r as unknown as FastifyReply & { sent: Record<string, unknown> };
}

describe('clientKey', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    ['::ffff:192.0.2.10', '192.0.2.10'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:bbbb:cccc:dddd:eeee', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});

describe('the RateLimit fields (draft-ietf-httpapi-ratelimit-headers-10)', () => {
  it('writes a policy as a quoted name with q and w, and its state with r and t', () => {
    expect(policyItem(addressBucket('192.0.2.1', 600))).toBe('"per-address";q=600;w=60');
    expect(stateItem(addressBucket('192.0.2.1', 600), 599, 42)).toBe('"per-address";r=599;t=42');
    expect(policyItem(keyBucket('k3dax2q7m4pa', 6000))).toBe('"per-key";q=6000;w=60');
    expect(policyItem(addressBucket('2001:db8::1', 30, 'verifications'))).toBe('"verifications";q=30;w=60');
  });
});

describe('bucketOf', () => {
  const keyed: KeyedRateLimits = {
    limitOf: async (token) => (token === 'kzr_good' ? { keyId: 'k3dax2q7m4pa', perMinute: 6000 } : undefined),
  };

  it('counts an anonymous request by its address, at once (no promise)', () => {
    expect(bucketOf(request('2001:db8::7'), 600, keyed)).toEqual({ policy: 'per-address', key: 'per-address:2001:db8:0:0::/64', max: 600 });
  });

  it('counts a verified key with a limit by the key, and any other token by the address', async () => {
    await expect(bucketOf(request('192.0.2.1', 'Bearer kzr_good'), 600, keyed)).resolves.toEqual({ policy: 'per-key', key: 'per-key:k3dax2q7m4pa', max: 6000 });
    await expect(bucketOf(request('192.0.2.1', 'bearer kzr_made_up'), 600, keyed)).resolves.toEqual({ policy: 'per-address', key: 'per-address:192.0.2.1', max: 600 });
    expect(bucketOf(request('192.0.2.1', 'Basic abc'), 600, keyed)).toEqual({ policy: 'per-address', key: 'per-address:192.0.2.1', max: 600 });
  });

  it('counts by address when the key lookup fails or is slower than its timeout', async () => {
    const byAddress = { policy: 'per-address', key: 'per-address:192.0.2.1', max: 600 };
    const failing: KeyedRateLimits = { limitOf: () => Promise.reject(new Error('database down')) };
    await expect(bucketOf(request('192.0.2.1', 'Bearer kzr_good'), 600, failing)).resolves.toEqual(byAddress);
    const frozen: KeyedRateLimits = { limitOf: () => new Promise(() => undefined) };
    const started = Date.now();
    await expect(bucketOf(request('192.0.2.1', 'Bearer kzr_good'), 600, frozen, 20)).resolves.toEqual(byAddress);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('RateLimits, in memory', () => {
  let fastify: FastifyInstance;
  let limits: RateLimits;
  beforeAll(async () => {
    fastify = Fastify();
    limits = await registerRateLimits(fastify);
  });
  afterAll(async () => {
    await fastify.close();
  });

  it('counts a bucket up to its max, then answers a 429 problem with Retry-After and r=0', async () => {
    const bucket = addressBucket('198.51.100.1', 2);
    const first = reply();
    expect(await limits.count(request('198.51.100.1'), first, bucket)).toBeUndefined();
    expect(first.sent).toEqual({ 'ratelimit-policy': '"per-address";q=2;w=60', ratelimit: '"per-address";r=1;t=60' });
    expect(await limits.count(request('198.51.100.1'), reply(), bucket)).toBeUndefined();
    const third = reply();
    const refused = await limits.count(request('198.51.100.1'), third, bucket);
    expect(third.sent).toEqual({ 'ratelimit-policy': '"per-address";q=2;w=60', ratelimit: '"per-address";r=0;t=60' });
    expect(refused).toMatchObject({ status: 429, code: 'too-many-requests', headers: { 'retry-after': '60' } });
    expect(String(refused?.detail)).toBe('More than 2 requests a minute from this address: retry in 60 s.');
    // Another address, and the same address under another policy, are counted apart.
    expect(await limits.count(request('198.51.100.2'), reply(), addressBucket('198.51.100.2', 2))).toBeUndefined();
    expect(await limits.count(request('198.51.100.1'), reply(), addressBucket('198.51.100.1', 2, 'verifications'))).toBeUndefined();
  });

  it('lists a second policy after the first on the same answer', async () => {
    const both = reply();
    await limits.count(request('198.51.100.3'), both, addressBucket('198.51.100.3', 600));
    await limits.count(request('198.51.100.3'), both, addressBucket('198.51.100.3', 30, 'verifications'));
    expect(both.sent).toEqual({
      'ratelimit-policy': '"per-address";q=600;w=60, "verifications";q=30;w=60',
      ratelimit: '"per-address";r=599;t=60, "verifications";r=29;t=60',
    });
  });

  it("counts a bucket with a window of its own (a report's hour) and gives its state to the feature that refuses", async () => {
    const bucket = { policy: 'reports' as const, key: 'reports:198.51.100.6', max: 1, windowSeconds: 3600 };
    const first = reply();
    expect(await limits.stateAfter(request('198.51.100.6'), first, bucket)).toEqual({ exceeded: false, resetSeconds: 3600 });
    expect(first.sent).toEqual({ 'ratelimit-policy': '"reports";q=1;w=3600', ratelimit: '"reports";r=0;t=3600' });
    expect(await limits.stateAfter(request('198.51.100.6'), reply(), bucket)).toEqual({ exceeded: true, resetSeconds: 3600 });
    // The address's minute is a bucket apart from its hour of reports.
    expect(await limits.count(request('198.51.100.6'), reply(), addressBucket('198.51.100.6', 1))).toBeUndefined();
  });

  it('says "with this API key" when a key is over its own limit', async () => {
    const bucket = keyBucket('k3dax2q7m4pa', 1);
    await limits.count(request('198.51.100.4'), reply(), bucket);
    const refused = await limits.count(request('198.51.100.5'), reply(), bucket);
    expect(String(refused?.detail)).toBe('More than 1 requests a minute with this API key: retry in 60 s.');
  });
});
