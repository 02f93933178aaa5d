// Requests a minute per client (an address, or an API key with a limit of its own), counted by @fastify/rate-limit's
// store: in this process, or with REDIS_URL in Redis, shared by every replica. Issue 9 had replaced the plugin with a
// synchronous counter of ours, because its hooks awaited the store on every request; issue 13 takes it back for what a
// hand-written counter lacks (one counter across replicas, through a reviewed atomic Lua script) and calls it through
// `createRateLimit` from the platform's one request hook, so the plugin adds no hook of its own: it never runs after
// a feature's early answer (answer-before-routing.ts) and it counts unrouted requests (404, 405) like any other.
// Its own header sets (x-ratelimit-*, ratelimit-limit/-remaining/-reset) are never sent: every answer carries the two
// fields of the IETF draft instead, written here from the counts the plugin returns.
import fastifyRateLimit from '@fastify/rate-limit';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import ipaddr from 'ipaddr.js';
import { localise } from '../i18n/translate.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { DomainError } from './problem.js';

/** A limit counts a fixed window from a client's first request in it: a minute, unless its bucket says otherwise. */
const RATE_LIMIT_WINDOW_SECONDS = 60;
/** Clients tracked at once in memory; past it the least recently seen one starts afresh. */
const TRACKED_CLIENTS = 100_000;

/**
 * A policy of the IETF RateLimit fields: `per-address` for anonymous clients (IPv6 by /64), `per-key` for a verified
 * API key with a limit of its own, `verifications` for anonymous single verifications, counted on top of the first,
 * `reports` for citizens' reports (an hour's window), also on top of the first.
 */
type RateLimitPolicy = 'per-address' | 'per-key' | 'verifications' | 'reports';

/** Who is counted under which policy, with how many requests a window (a minute unless `windowSeconds` says). */
interface Bucket {
  policy: RateLimitPolicy;
  /** The store's key: the policy and the client (an address's bucket, or a key id). */
  key: string;
  max: number;
  windowSeconds?: number;
}

export class RateLimitedError extends DomainError {
  constructor(bucket: Bucket, seconds: number) {
    const message = bucket.policy === 'per-key' ? 'rate-limited-key' : 'rate-limited';
    super('too-many-requests', HttpStatus.TOO_MANY_REQUESTS, localise(PLATFORM_MESSAGES, message, { max: bucket.max, seconds }), {}, {
      'retry-after': String(seconds),
    });
  }
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

export function addressBucket(ip: string, max: number, policy: 'per-address' | 'verifications' = 'per-address'): Bucket {
  return { policy, key: `${policy}:${clientKey(ip)}`, max };
}

export function keyBucket(keyId: string, max: number): Bucket {
  return { policy: 'per-key', key: `per-key:${keyId}`, max };
}

/**
 * What the platform asks the API keys about a presented bearer token: the key's id and its own limit once the token
 * is verified as that key (known, secret matching, unrevoked, unexpired), else undefined (a made-up or bad token, or
 * a key without a limit of its own): the request is then counted by its address like any other. Provided under
 * KEYED_RATE_LIMITS by the feature that owns the keys (platform knows no feature).
 */
export interface KeyedRateLimits {
  limitOf(token: string): Promise<{ keyId: string; perMinute: number } | undefined>;
}

export const KEYED_RATE_LIMITS = Symbol('KEYED_RATE_LIMITS');

const BEARER = /^Bearer\s+(\S+)$/i;
/**
 * The longest a request waits for its key's limit (a key not in the cache is a query): past it the request is counted
 * by its address, so a frozen database never holds a public read that happens to carry a key.
 */
const KEY_LOOKUP_TIMEOUT_MS = 250;

/**
 * The bucket a request is counted in: a verified key's own when it has a limit, else its address's. Synchronous
 * without a bearer token (the anonymous public reads, nearly every request); a key lookup that fails or is slow
 * counts the request by its address rather than fail or hold it.
 */
export function bucketOf(request: FastifyRequest, max: number, keyed?: KeyedRateLimits, timeoutMs = KEY_LOOKUP_TIMEOUT_MS): Bucket | Promise<Bucket> {
  const token = keyed && request.headers.authorization !== undefined ? BEARER.exec(request.headers.authorization)?.[1] : undefined;
  if (!token) return addressBucket(request.ip, max);
  return new Promise<Bucket>((resolve) => {
    const byAddress = () => resolve(addressBucket(request.ip, max));
    const timer = setTimeout(byAddress, timeoutMs);
    keyed!.limitOf(token).then(
      (limit) => {
        clearTimeout(timer);
        if (limit) resolve(keyBucket(limit.keyId, limit.perMinute));
        else byAddress();
      },
      () => {
        clearTimeout(timer);
        byAddress();
      },
    );
  });
}

// The two fields of draft-ietf-httpapi-ratelimit-headers-10 ("RateLimit header fields for HTTP", section 4,
// "RateLimit-Policy Field", and section 5, "RateLimit Field"): each a Structured Fields List (RFC 9651) of Items whose
// value is the policy's name as a String, with Integer parameters: q the quota and w its window in seconds for the
// policy, r the quota remaining and t the seconds until it is restored for the current state. A response under two
// policies (an anonymous verification) lists both, in the order counted.

/** `"per-address";q=600;w=60` */
export function policyItem(bucket: Bucket): string {
  return `"${bucket.policy}";q=${bucket.max};w=${windowOf(bucket)}`;
}

/** `"per-address";r=599;t=42` */
export function stateItem(bucket: Bucket, remaining: number, resetSeconds: number): string {
  return `"${bucket.policy}";r=${remaining};t=${resetSeconds}`;
}

function windowOf(bucket: Bucket): number {
  return bucket.windowSeconds ?? RATE_LIMIT_WINDOW_SECONDS;
}

function appendItem(reply: FastifyReply, name: string, item: string): void {
  const previous = reply.getHeader(name);
  reply.header(name, previous === undefined ? item : `${String(previous)}, ${item}`);
}

/** What @fastify/rate-limit's createRateLimit returns: counts one request in the store. */
type Take = ReturnType<FastifyInstance['createRateLimit']>;

const BUCKET = Symbol('rate-limit bucket');
type Counted = FastifyRequest & { [BUCKET]?: Bucket };

/** Where a bucket stands after a request was counted in it. */
export interface BucketState {
  exceeded: boolean;
  /** Seconds until the bucket's window starts afresh. */
  resetSeconds: number;
}

/** Counts requests in their buckets and sets the RateLimit fields on the reply. */
export class RateLimits {
  constructor(private readonly take: Take) {}

  /** Counts the request in `bucket`; the error to answer with when it is over the bucket's limit. */
  async count(request: FastifyRequest, reply: FastifyReply, bucket: Bucket): Promise<RateLimitedError | undefined> {
    const state = await this.stateAfter(request, reply, bucket);
    return state?.exceeded ? new RateLimitedError(bucket, state.resetSeconds) : undefined;
  }

  /**
   * Counts the request in `bucket`, for a feature that answers its own refusal (a report's `too-many-reports`):
   * the bucket's state, or undefined when the store failed and let the request through uncounted.
   */
  async stateAfter(request: FastifyRequest, reply: FastifyReply, bucket: Bucket): Promise<BucketState | undefined> {
    (request as Counted)[BUCKET] = bucket;
    const counted = await this.take(request);
    if (counted.isAllowed) return undefined;
    appendItem(reply, 'ratelimit-policy', policyItem(bucket));
    // No ttl: the store failed and skipOnError let the request through uncounted, so there is no state to tell.
    if (counted.ttl === 0) return undefined;
    appendItem(reply, 'ratelimit', stateItem(bucket, counted.remaining, counted.ttlInSeconds));
    return { exceeded: counted.isExceeded, resetSeconds: counted.ttlInSeconds };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The registry's rate limits (registerRateLimits), for a feature's own limit on top of the platform's. */
    rateLimits: RateLimits;
  }
}

/**
 * Registers @fastify/rate-limit without hooks of its own (`global: false`) on the store, and decorates the instance
 * with the RateLimits that count in it. With a Redis client the counts are shared by every replica using it.
 */
export async function registerRateLimits(instance: FastifyInstance, redis?: Redis): Promise<RateLimits> {
  await instance.register(fastifyRateLimit, {
    global: false,
    timeWindow: (request) => windowOf((request as Counted)[BUCKET]!) * 1000,
    keyGenerator: (request) => (request as Counted)[BUCKET]!.key,
    max: (request) => (request as Counted)[BUCKET]!.max,
    cache: TRACKED_CLIENTS,
    ...(redis ? { redis, nameSpace: 'kz-crypto-registry:rate-limit:' } : {}),
    // Redis away (platform/redis: a short fuse): the request goes through uncounted, the registry's answers mattering
    // more than its limit.
    skipOnError: true,
  });
  const limits = new RateLimits(instance.createRateLimit());
  instance.decorate('rateLimits', limits);
  return limits;
}
