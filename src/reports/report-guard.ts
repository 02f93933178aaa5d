// The abuse guard of reports, without a captcha: a per-address limit and one count per address and target.
// A proof-of-work was weighed and not taken: it needs JavaScript (the report form must work without it) and costs a
// phone more than a bot farm. Instead each address (IPv6 by its /64, as the API's rate limit counts) may send
// REPORTS_PER_HOUR reports an hour, and a second report of the same target from the same address within a day is accepted
// but not counted again, so one person cannot push a target up the operators' list.
// Behind several replicas both counts must be one, else an address reports N times as much and a repeat through
// another replica counts again: with REDIS_URL the hour is counted in the platform's rate-limit store (policy
// `reports`, in Redis) and the day's repeats are keys in Redis; without it, both in this process as before. Never in
// the database. What Redis holds is an HMAC of the address, never the address (RedisReportStore).
import { LRUCache } from 'lru-cache';
import { createHmac, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type BucketState, clientKey } from '../platform/http/rate-limit.js';

export const HOUR_SECONDS = 3600;
const DAY_MS = 24 * HOUR_SECONDS * 1000;
const TRACKED = 100_000;

export type GuardVerdict = { outcome: 'count' } | { outcome: 'repeat' } | { outcome: 'limited'; retryAfterSeconds: number };

/**
 * Counts one report in the hour of the address known by `tag` (the platform's store, policy `reports`): where the
 * hour stands after it, or undefined when the store could not count it.
 */
export type CountHour = (tag: string) => Promise<BucketState | undefined>;

/** Where the guard keeps what it must remember of addresses. */
export interface ReportStore {
  /** What the hour's count knows an address by: the address in this process, an HMAC of it where it leaves it. */
  tagOf(address: string): Promise<string>;
  /** Remembers for a day that `address` reported `target`: false when it already had within the day. */
  firstOfDay(address: string, target: string): Promise<boolean>;
}

/** In this process (no REDIS_URL): bounded, least recently used first out, as the platform's in-memory store. */
export class MemoryReportStore implements ReportStore {
  private readonly seen = new LRUCache<string, number>({ max: TRACKED });

  constructor(private readonly now: () => number = Date.now) {}

  async tagOf(address: string): Promise<string> {
    return address;
  }

  async firstOfDay(address: string, target: string): Promise<boolean> {
    const key = `${address}\u0000${target}`;
    const now = this.now();
    const before = this.seen.get(key);
    if (before !== undefined && now - before < DAY_MS) return false;
    this.seen.set(key, now);
    return true;
  }
}

/** The Redis commands the store sends (a real client, or a fake in unit tests). */
export type ReportRedis = Pick<Redis, 'set' | 'get'>;

export const SECRET_KEY = 'kz-crypto-registry:reports:address-secret';
export const SEEN_PREFIX = 'kz-crypto-registry:reports:seen:';

/**
 * In Redis, shared by every replica using it. A day's repeat is one `SET <key> 1 PX 86400000 NX` (atomic: of two
 * replicas taking the same repeat at once, one sets the key and counts, the other finds it), and Redis expires it.
 * Keys carry an HMAC-SHA256 of the address (and of the target, for the day's key), never the address: its secret is
 * the deployment's, made by the first replica that needs it (`SET NX`) and read by the others, kept in Redis without
 * expiry. That keeps addresses out of Redis's keys, its dumps and a MONITOR; it is no protection against whoever can
 * read Redis itself, who can read the secret too and try the 2^32 IPv4 addresses. Deleting the secret's key forgets
 * every count at once (the next report makes a new secret).
 */
export class RedisReportStore implements ReportStore {
  private secret: Promise<Buffer> | undefined;

  constructor(private readonly redis: ReportRedis) {}

  async tagOf(address: string): Promise<string> {
    return this.hmac(await this.deploymentSecret(), address);
  }

  async firstOfDay(address: string, target: string): Promise<boolean> {
    const key = SEEN_PREFIX + this.hmac(await this.deploymentSecret(), `${address}\u0000${target}`);
    return (await this.redis.set(key, '1', 'PX', DAY_MS, 'NX')) === 'OK';
  }

  private hmac(secret: Buffer, text: string): string {
    return createHmac('sha256', secret).update(text).digest('base64url');
  }

  /** Asked of Redis once per process; a failure (Redis away) is forgotten so that the next report asks again. */
  private deploymentSecret(): Promise<Buffer> {
    if (!this.secret) {
      const asked = (async () => {
        await this.redis.set(SECRET_KEY, randomBytes(32).toString('base64'), 'NX');
        const secret = await this.redis.get(SECRET_KEY);
        if (secret === null) throw new Error(`${SECRET_KEY} vanished between SET NX and GET`);
        return Buffer.from(secret, 'base64');
      })();
      asked.catch(() => {
        if (this.secret === asked) this.secret = undefined;
      });
      this.secret = asked;
    }
    return this.secret;
  }
}

export class ReportGuard {
  constructor(private readonly store: ReportStore) {}

  /**
   * Takes one report from `ip` of `target`; whether it is counted, a repeat, or over the limit. Every report counts
   * in the hour, repeats too. A store that fails (Redis away or frozen past its short fuse) lets the report through
   * and counts it, the platform's failure mode: the registry's answers matter more than its limit, and Redis's
   * client logs the outage once.
   */
  async take(ip: string, target: string, countHour: CountHour): Promise<GuardVerdict> {
    const address = clientKey(ip);
    let tag: string;
    try {
      tag = await this.store.tagOf(address);
    } catch {
      return { outcome: 'count' };
    }
    const hour = await countHour(tag);
    if (hour?.exceeded) return { outcome: 'limited', retryAfterSeconds: hour.resetSeconds };
    try {
      return (await this.store.firstOfDay(address, target)) ? { outcome: 'count' } : { outcome: 'repeat' };
    } catch {
      return { outcome: 'count' };
    }
  }
}
