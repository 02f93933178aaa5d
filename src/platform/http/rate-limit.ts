// Requests a minute per client address, in this process, counted in one synchronous step. @fastify/rate-limit, used
// before, awaits its store through a promise on every request even when the store is in memory (two async hops and
// an allocation per request; with the other async hooks, issue 9 measured it among the costs that kept /v1/check at
// 0.2 of bare Fastify), and it cannot be configured without them: these few lines keep its behaviour (a fixed window
// per address from the first request, IPv6 counted per /64, the same headers) without the hop.
import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';
import { localise } from '../i18n/translate.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError } from './problem.js';

export class RateLimitedError extends DomainError {
  constructor(max: number, seconds: number) {
    super('too-many-requests', HttpStatus.TOO_MANY_REQUESTS, localise(PLATFORM_MESSAGES, 'rate-limited', { max, seconds }), {}, {
      'retry-after': String(seconds),
    });
  }
}

/** Addresses tracked at once; past it the least recently seen one starts afresh (as @fastify/rate-limit's LRU did). */
const TRACKED_ADDRESSES = 100_000;

interface Window {
  count: number;
  resetAt: number;
}

/**
 * The bucket of an address: IPv4 as it is, an IPv4-mapped IPv6 address as its IPv4, any other IPv6 address by its /64
 * (one subscriber's prefix; counting each of its 2^64 addresses apart would give a fresh bucket per request).
 */
export function clientKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  if (!ipaddr.IPv6.isValid(ip)) return ip.toLowerCase();
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${address.parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Paths never counted (probes, so that an orchestrator never trips the limit). */
  exempt: (url: string) => boolean;
}

export class RateLimiter {
  private readonly windows = new LRUCache<string, Window>({ max: TRACKED_ADDRESSES });

  constructor(private readonly options: RateLimitOptions) {}

  /** Counts the request and sets the X-RateLimit headers; the error to answer with when it is over the limit. */
  take(request: FastifyRequest, reply: FastifyReply, now = Date.now()): RateLimitedError | undefined {
    const { max, windowMs, exempt } = this.options;
    if (exempt(request.url)) return undefined;
    const key = clientKey(request.ip);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    const seconds = Math.ceil((window.resetAt - now) / 1000);
    reply.header('x-ratelimit-limit', max);
    reply.header('x-ratelimit-remaining', Math.max(0, max - window.count));
    reply.header('x-ratelimit-reset', seconds);
    return window.count > max ? new RateLimitedError(max, seconds) : undefined;
  }
}
