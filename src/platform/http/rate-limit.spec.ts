import { describe, expect, it } from '@jest/globals';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientKey, RateLimiter } from './rate-limit.js';

function request(ip: string, url = '/v1/check?q=x'): FastifyRequest {
  return { ip, url } as FastifyRequest;
}

function reply(): FastifyReply & { sent: Record<string, unknown> } {
  const sent: Record<string, unknown> = {};
  const r = { sent, header: (name: string, value: unknown) => ((sent[name] = value), r) };
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

describe('RateLimiter', () => {
  const limiter = () => new RateLimiter({ max: 2, windowMs: 60_000, exempt: (url) => url.startsWith('/health/') });

  it('counts per address in a window from its first request, with the headers @fastify/rate-limit sent', () => {
    const limits = limiter();
    const first = reply();
    expect(limits.take(request('192.0.2.1'), first, 1_000)).toBeUndefined();
    expect(first.sent).toEqual({ 'x-ratelimit-limit': 2, 'x-ratelimit-remaining': 1, 'x-ratelimit-reset': 60 });
    expect(limits.take(request('192.0.2.1'), reply(), 31_000)).toBeUndefined();
    const third = reply();
    const refused = limits.take(request('192.0.2.1'), third, 31_500);
    expect(third.sent).toEqual({ 'x-ratelimit-limit': 2, 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': 30 });
    expect(refused).toMatchObject({ status: 429, code: 'too-many-requests', headers: { 'retry-after': '30' } });
    expect(String(refused?.detail)).toBe('More than 2 requests a minute from this address: retry in 30 s.');
    // Another address has its own bucket; the window ends a minute after its first request.
    expect(limits.take(request('192.0.2.2'), reply(), 31_500)).toBeUndefined();
    expect(limits.take(request('192.0.2.1'), reply(), 61_000)).toBeUndefined();
  });

  it('counts the addresses of one IPv6 /64 together, and never the probes', () => {
    const limits = limiter();
    expect(limits.take(request('2001:db8::1'), reply(), 0)).toBeUndefined();
    expect(limits.take(request('2001:db8::2'), reply(), 0)).toBeUndefined();
    expect(limits.take(request('2001:db8::3'), reply(), 0)?.status).toBe(429);
    const probe = reply();
    for (let i = 0; i < 5; i++) expect(limits.take(request('2001:db8::1', '/health/live'), probe, 0)).toBeUndefined();
    expect(probe.sent).toEqual({});
  });
});
