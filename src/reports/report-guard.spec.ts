import { describe, expect, it } from '@jest/globals';
import { type CountHour, MemoryReportStore, RedisReportStore, type ReportRedis, ReportGuard, SECRET_KEY, SEEN_PREFIX } from './report-guard.js';

const T0 = Date.UTC(2026, 10, 24, 9);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The platform store's fixed window (a window from a tag's first report), on a clock the test moves. */
function hourOf(perHour: number, clock: { now: number }): CountHour & { tags: string[] } {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const tags: string[] = [];
  const count = async (tag: string) => {
    tags.push(tag);
    let window = windows.get(tag);
    if (!window || window.resetAt <= clock.now) windows.set(tag, (window = { count: 0, resetAt: clock.now + HOUR_MS }));
    window.count++;
    return { exceeded: window.count > perHour, resetSeconds: Math.ceil((window.resetAt - clock.now) / 1000) };
  };
  return Object.assign(count, { tags });
}

/** SET (with PX and NX) and GET as Redis answers them, expiring on the test's clock; one instance is one Redis. */
class FakeRedis {
  readonly keys = new Map<string, { value: string; expiresAt: number }>();
  down = false;
  constructor(private readonly clock: { now: number }) {}

  async set(key: string, value: string, ...options: (string | number)[]): Promise<'OK' | null> {
    if (this.down) throw new Error('Command timed out');
    const px = options.indexOf('PX');
    const held = this.keys.get(key);
    if (options.includes('NX') && held && held.expiresAt > this.clock.now) return null;
    this.keys.set(key, { value, expiresAt: px >= 0 ? this.clock.now + Number(options[px + 1]) : Infinity });
    return 'OK';
  }

  async get(key: string): Promise<string | null> {
    if (this.down) throw new Error('Command timed out');
    const held = this.keys.get(key);
    return held && held.expiresAt > this.clock.now ? held.value : null;
  }

  asClient(): ReportRedis {
    return this as unknown as ReportRedis;
  }
}

describe('ReportGuard, in this process (no REDIS_URL)', () => {
  it('counts a target once per address and day, and stops an address past its hourly limit', async () => {
    const clock = { now: T0 };
    const hour = hourOf(3, clock);
    const guard = new ReportGuard(new MemoryReportStore(() => clock.now));
    const take = (ip: string, target: string, at: number) => ((clock.now = at), guard.take(ip, target, hour));
    expect(await take('198.51.100.1', 'a.example', T0)).toEqual({ outcome: 'count' });
    expect(await take('198.51.100.1', 'a.example', T0 + 1000)).toEqual({ outcome: 'repeat' });
    expect(await take('198.51.100.2', 'a.example', T0 + 1000)).toEqual({ outcome: 'count' });
    expect(await take('198.51.100.1', 'b.example', T0 + 2000)).toEqual({ outcome: 'count' });
    expect(await take('198.51.100.1', 'c.example', T0 + 3000)).toEqual({ outcome: 'limited', retryAfterSeconds: 3600 - 3 });
    // A new hour: taken again; the same target a day later counts again.
    expect(await take('198.51.100.1', 'c.example', T0 + HOUR_MS)).toEqual({ outcome: 'count' });
    expect(await take('198.51.100.1', 'a.example', T0 + DAY_MS)).toEqual({ outcome: 'count' });
    // In this process the hour knows an address by itself: nothing leaves the process.
    expect(new Set(hour.tags)).toEqual(new Set(['198.51.100.1', '198.51.100.2']));
  });

  it('counts an IPv6 client by its /64, so rotating addresses within it gains nothing', async () => {
    const hour = hourOf(1, { now: T0 });
    const guard = new ReportGuard(new MemoryReportStore());
    expect(await guard.take('2001:db8:1:2::1', 'a.example', hour)).toEqual({ outcome: 'count' });
    expect(await guard.take('2001:db8:1:2::ffff', 'b.example', hour)).toEqual({ outcome: 'limited', retryAfterSeconds: 3600 });
    expect(await guard.take('2001:db8:1:3::1', 'b.example', hour)).toEqual({ outcome: 'count' });
    expect(hour.tags).toEqual(['2001:db8:1:2::/64', '2001:db8:1:2::/64', '2001:db8:1:3::/64']);
  });

  it('lets a report through, counted, when the hour could not be counted (the store failed)', async () => {
    const guard = new ReportGuard(new MemoryReportStore());
    const uncounted: CountHour = async () => undefined;
    expect(await guard.take('198.51.100.9', 'a.example', uncounted)).toEqual({ outcome: 'count' });
    expect(await guard.take('198.51.100.9', 'a.example', uncounted)).toEqual({ outcome: 'repeat' });
  });
});

describe('ReportGuard, in Redis (REDIS_URL)', () => {
  it('is one guard for every replica on the same Redis: one hour, one day of repeats', async () => {
    const clock = { now: T0 };
    const redis = new FakeRedis(clock);
    const hour = hourOf(2, clock);
    const replicaA = new ReportGuard(new RedisReportStore(redis.asClient()));
    const replicaB = new ReportGuard(new RedisReportStore(redis.asClient()));
    expect(await replicaA.take('198.51.100.1', 'a.example', hour)).toEqual({ outcome: 'count' });
    expect(await replicaB.take('198.51.100.1', 'a.example', hour)).toEqual({ outcome: 'repeat' });
    expect(await replicaB.take('198.51.100.1', 'b.example', hour)).toEqual({ outcome: 'limited', retryAfterSeconds: 3600 });
    // Both replicas know the address by the same tag (one deployment secret, made once), the day's key expires.
    expect(new Set(hour.tags).size).toBe(1);
    clock.now = T0 + DAY_MS - 1;
    expect(await replicaA.take('198.51.100.1', 'a.example', hourOf(2, clock))).toEqual({ outcome: 'repeat' });
    clock.now = T0 + DAY_MS;
    expect(await replicaA.take('198.51.100.1', 'a.example', hourOf(2, clock))).toEqual({ outcome: 'count' });
  });

  it('keeps no address and no target in Redis: an HMAC of them under a secret of the deployment', async () => {
    const clock = { now: T0 };
    const redis = new FakeRedis(clock);
    const hour = hourOf(10, clock);
    const guard = new ReportGuard(new RedisReportStore(redis.asClient()));
    await guard.take('2001:db8:1:2::1', 'binance-kz.com', hour);
    await guard.take('198.51.100.1', 'binance-kz.com', hour);
    const seen = [...redis.keys.keys()].filter((key) => key !== SECRET_KEY);
    expect(seen).toHaveLength(2);
    for (const key of seen) {
      expect(key).toMatch(new RegExp(`^${SEEN_PREFIX}[A-Za-z0-9_-]{43}$`));
      expect(redis.keys.get(key)).toEqual({ value: '1', expiresAt: T0 + DAY_MS });
    }
    for (const tag of hour.tags) expect(tag).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(redis.keys.get(SECRET_KEY)!.value, 'base64')).toHaveLength(32);
    expect(redis.keys.get(SECRET_KEY)!.expiresAt).toBe(Infinity);
    // Another deployment (another Redis, another secret) tags the same address otherwise.
    const other = hourOf(10, clock);
    await new ReportGuard(new RedisReportStore(new FakeRedis(clock).asClient())).take('198.51.100.1', 'binance-kz.com', other);
    expect(other.tags[0]).not.toBe(hour.tags[1]);
  });

  it('lets reports through, counted, while Redis is away, and keeps the day again once it is back', async () => {
    const clock = { now: T0 };
    const redis = new FakeRedis(clock);
    const guard = new ReportGuard(new RedisReportStore(redis.asClient()));
    const hour = hourOf(1, clock);
    redis.down = true;
    expect(await guard.take('198.51.100.1', 'a.example', hour)).toEqual({ outcome: 'count' });
    expect(await guard.take('198.51.100.1', 'a.example', hour)).toEqual({ outcome: 'count' });
    // Nothing could be tagged, so nothing was counted in the hour either (the platform's store fails alike).
    expect(hour.tags).toEqual([]);
    redis.down = false;
    expect(await guard.take('198.51.100.1', 'a.example', hour)).toEqual({ outcome: 'count' });
    expect(await guard.take('198.51.100.2', 'a.example', hour)).toEqual({ outcome: 'count' });
    redis.down = true;
    // The secret is known now: the hour counts on (here in the fake), the day's key cannot be set: counted.
    expect(await guard.take('198.51.100.2', 'a.example', hour)).toEqual({ outcome: 'limited', retryAfterSeconds: 3600 });
    expect(await guard.take('198.51.100.3', 'a.example', hour)).toEqual({ outcome: 'count' });
  });
});
