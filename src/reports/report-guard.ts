// The abuse guard of reports, without a captcha: a per-address limit and one count per address and target.
// A proof-of-work was weighed and not taken: it needs JavaScript (the report form must work without it) and costs a
// phone more than a bot farm. Instead each address (IPv6 by its /64, as the API's rate limit counts) may send
// `perHour` reports an hour, and a second report of the same target from the same address within a day is accepted
// but not counted again, so one person cannot push a target up the operators' list. Addresses live in this process's
// memory only (never in the database), bounded and least recently used first out.
import { LRUCache } from 'lru-cache';
import { clientKey } from '../platform/http/rate-limit.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TRACKED = 100_000;

export type GuardVerdict = { outcome: 'count' } | { outcome: 'repeat' } | { outcome: 'limited'; retryAfterSeconds: number };

export class ReportGuard {
  private readonly windows = new LRUCache<string, { count: number; resetAt: number }>({ max: TRACKED });
  private readonly seen = new LRUCache<string, number>({ max: TRACKED });

  constructor(private readonly perHour: number) {}

  /** Takes one report from `ip` of `target`; whether it is counted, a repeat, or over the limit. */
  take(ip: string, target: string, now = Date.now()): GuardVerdict {
    const address = clientKey(ip);
    let window = this.windows.get(address);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + HOUR_MS };
      this.windows.set(address, window);
    }
    if (window.count >= this.perHour) return { outcome: 'limited', retryAfterSeconds: Math.ceil((window.resetAt - now) / 1000) };
    window.count++;
    const key = `${address}\u0000${target}`;
    const before = this.seen.get(key);
    if (before !== undefined && now - before < DAY_MS) return { outcome: 'repeat' };
    this.seen.set(key, now);
    return { outcome: 'count' };
  }
}
