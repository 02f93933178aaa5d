// The one place the environment is read: every variable, its default and its meaning (README mirrors this list).
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { readSigningKeys } from './signing-keys.js';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** proxy-addr's names for the reserved ranges, as Fastify's `trustProxy` accepts them. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(item: string): boolean {
  if (PROXY_RANGE_NAMES.has(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  if (rest.length > 0) return false;
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!v4 && !ipaddr.IPv6.isValid(address)) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/**
 * Which hops may say who the client is (X-Forwarded-For, -Proto, -Host): `false` none; a number of proxy hops in
 * front of the service; or the proxies' addresses and CIDR ranges. Never "everyone": a client could then name any
 * address it likes, and get a fresh rate-limit bucket with each request.
 */
const trustProxy = z
  .string()
  .transform((raw, ctx): false | number | string[] => {
    const value = raw.trim().toLowerCase();
    if (value === 'false' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          'true would trust any X-Forwarded-For a client sends: give the number of proxy hops in front of the service (e.g. 1) or the proxies\' addresses (e.g. 127.0.0.1,10.0.0.0/8)',
      });
      return z.NEVER;
    }
    const items = value.split(',').map((item) => item.trim()).filter(Boolean);
    const bad = items.filter((item) => !isProxyAddress(item));
    if (items.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected false, a number of proxy hops, or a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal; not: ${bad.join(', ') || raw}`,
      });
      return z.NEVER;
    }
    return items;
  });

/** A duration in milliseconds; `off`: 0 turns it off. */
const millis = (fallback: number, { off = false, min = 100 } = {}) =>
  z.coerce
    .number()
    .int()
    .max(24 * 3600 * 1000)
    .refine((v) => v >= min || (off && v === 0), { message: `expected ${off ? '0 (off) or ' : ''}at least ${min} ms` })
    .default(fallback);

const envFields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Serve Prometheus metrics at /metrics on this port, apart from the API. Unset: no metrics listener. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The address the metrics listener binds to: loopback unless a scraper elsewhere must reach it. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** postgres://user:pass@host:port/db. Unset: an embedded PostgreSQL is started with data in EMBEDDED_PG_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * The schema owner's credentials, for the migrations at start and `db migrate`; DATABASE_URL is then the service's
   * own (a role that owns nothing, README "Database roles"). Unset: DATABASE_URL migrates too. Needs DATABASE_URL.
   */
  MIGRATION_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Load the demo records into an empty registry. Unset: yes, except when NODE_ENV is production. */
  LOAD_DEMO_DATA: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A request at least this slow is logged at warn, with its id. */
  LOG_SLOW_REQUEST_MS: z.coerce.number().int().min(1).default(500),
  /** Share of the other requests (not 5xx, not slow) logged at info; the rest at debug. 1: every request. */
  LOG_REQUEST_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.01),
  /** Base of the `type` URI of every problem+json response. */
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  /** Requests a minute per client address (IPv6 per /64); an API key with a limit of its own is counted by that instead. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** redis://[user:pass@]host:port[/db] or rediss:// (TLS): the rate limits' counts, shared by every replica using it. Unset: in memory, per process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Reports of suspicious sites taken from one client address an hour (POST /v1/reports and the report form). */
  REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  /** Single verifications (POST /v1/verifications) a minute from one address without a bank key; a bank key has none but its general limit. */
  VERIFICATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  TRUST_PROXY: trustProxy.default(false),
  /** How long a creating request's result is replayed for its Idempotency-Key; older records are purged. */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Opening a database connection, and waiting for a free one in the pool. */
  DATABASE_CONNECT_TIMEOUT_MS: millis(5000),
  /** One SQL statement; a database that does not answer at all is given up 1 s after it, its connection closed. */
  DATABASE_STATEMENT_TIMEOUT_MS: millis(10_000, { off: true }),
  /** Waiting for a row or table lock another transaction holds. */
  DATABASE_LOCK_TIMEOUT_MS: millis(5000, { off: true }),
  /** A transaction left open with nothing running in it is ended by PostgreSQL (its locks released). */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis(30_000, { off: true }),
  /** How long start-up keeps trying to reach the database (with backoff) before it gives up and exits. */
  DATABASE_STARTUP_TIMEOUT_MS: millis(30_000),
  /** A request (headers and body) must have arrived in full within this; else 408. */
  HTTP_BODY_TIMEOUT_MS: millis(30_000, { off: true, min: 1000 }),
  /** A request must be answered within this; else 503. */
  HTTP_REQUEST_TIMEOUT_MS: millis(60_000, { off: true, min: 1000 }),
  /**
   * How long SIGTERM's drain waits for open connections to finish their answers; past it the rest are cut. Below the
   * 30 s an orchestrator usually grants before SIGKILL, so the pool still closes and the exit is logged.
   */
  SHUTDOWN_TIMEOUT_MS: millis(25_000, { min: 1000 }),
  /** How long the check answers from its copy of the registry while it cannot confirm it current; then 503. */
  CHECK_MAX_STALENESS_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(300),
  /** Megabytes of the check's answers kept as JSON per index (least recently used dropped first); 0: none kept. */
  CHECK_ANSWER_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  /** Whether this instance publishes the blocklist (one publisher at a time across replicas; every replica serves). */
  PUBLISHER: bool.optional(),
  /** How long the publisher waits after a change of the blocklist before it publishes (changes meanwhile coalesce). */
  PUBLISH_DEBOUNCE_MS: millis(2000),
  /** How long a manifest is valid; a new one is published (an empty serial if nothing changed) before half of it. */
  PUBLICATION_EXPIRY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** The least a client should wait between two polls of the manifest (the manifest says it). */
  PUBLICATION_MIN_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Where publications' files are written (one folder per serial). */
  PUBLICATIONS_DIR: z.string().min(1).default('.data/publications'),
  /** How many of the newest publications keep their files and deltas (manifests are kept for ever). */
  PUBLICATION_RETAIN: z.coerce.number().int().min(1).max(100_000).default(100),
  /** The most entries (added and removed) a delta may carry; a larger one is refused (410: load the latest whole). */
  PUBLICATION_MAX_DELTA_ENTRIES: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  /** Megabytes of deltas kept in memory (least recently used dropped first). */
  PUBLICATION_DELTA_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
  /** The origin of the RPZ zone (its SOA and NS names). */
  RPZ_ZONE: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a DNS name in lower case, without a trailing dot')
    .default('kz-crypto-registry.rpz'),
  /** An Ed25519 private key (PKCS#8 PEM) that signs every serial. */
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** A rotation: a JSON list of keys, each with the serial from which it signs (retired ones public only). */
  SIGNING_KEYS_FILE: z.string().min(1).optional(),
  /** Where the development key is made and kept when no key is configured (never in production). */
  SIGNING_DEV_KEY_DIR: z.string().min(1).default('.data/signing'),
});

// A production registry holds only what operators wrote, unless someone asks for the demo explicitly.
// The signing keys are read here, so a key that cannot sign stops the service before it starts.
export const envSchema = envFields
  .refine((env) => !env.MIGRATION_DATABASE_URL || env.DATABASE_URL, {
    path: ['MIGRATION_DATABASE_URL'],
    message: 'needs DATABASE_URL as well (the embedded PostgreSQL makes its own owner and service roles)',
  })
  .refine((env) => env.METRICS_PORT === undefined || env.METRICS_PORT !== env.PORT, {
    path: ['METRICS_PORT'],
    message: 'must differ from PORT: metrics are served apart from the API',
  })
  .transform((env, ctx) => ({
    ...env,
    LOAD_DEMO_DATA: env.LOAD_DEMO_DATA ?? env.NODE_ENV !== 'production',
    // Tests publish only where they ask to, into a folder of their own.
    PUBLISHER: env.PUBLISHER ?? env.NODE_ENV !== 'test',
    /** The keyring, sorted by fromSerial; undefined: none configured, a development key is made (not in production). */
    signingKeys: readSigningKeys(env, ctx),
  }));

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** Parses the environment once, before Nest starts; throws a ConfigError listing every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
