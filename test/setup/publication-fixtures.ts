// Blocklist publications built in a test, in the manifest format of issue 10 (RFC 8785 canonical JSON, signed with
// the real SigningService), and a small HTTP server that serves them at the registry's URLs: so the reference ISP
// client can be shown each attack (a tampered file, a replayed or expired manifest, a forked history) on demand.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SigningService } from '../../src/platform/signing/signing.service.js';

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export interface Publication {
  serial: number;
  manifest: Buffer;
  /** SHA-256 (hex) of the manifest bytes: what the next manifest names as previousManifestSha256. */
  sha256: string;
  /** Raw Ed25519 signature of the manifest bytes. */
  signature: Buffer;
  keyId: string;
  /** The files by name, as published (a test may serve other bytes). */
  files: Map<string, Buffer>;
}

export interface PublishOptions {
  serial: number;
  previous: Publication | null;
  /** Domains blocked (subtree), rendered into each format. */
  domains: string[];
  expiresAt?: string;
  publishedAt?: string;
}

/** The formats the fixtures publish, each with what the manifest says of it. */
const FORMATS = [
  {
    format: 'rpz',
    name: 'blocklist.rpz',
    mediaType: 'text/dns',
    kinds: ['cidr', 'domain', 'ipv4', 'ipv6'],
    subtrees: true,
    render: (serial: number, domains: string[]) =>
      `$TTL 300\n@ SOA localhost. hostmaster.localhost. ${serial} 3600 600 86400 300\n@ NS localhost.\n${domains.map((d) => `${d} CNAME .\n*.${d} CNAME .\n`).join('')}`,
  },
  {
    format: 'unbound',
    name: 'unbound.conf',
    mediaType: 'text/plain; charset=utf-8',
    kinds: ['domain'],
    subtrees: true,
    render: (serial: number, domains: string[]) => `# serial ${serial}\nserver:\n${domains.map((d) => `local-zone: "${d}." always_nxdomain\n`).join('')}`,
  },
] as const;

/** A publication at `serial`, chained to `previous`, signed by the key of its serial. */
export function publish(signing: SigningService, options: PublishOptions): Publication {
  const { serial, previous, domains } = options;
  const set = [...domains].sort().map((d) => `domain\tsubtree\t${d}\n`).join('');
  const files = new Map<string, Buffer>();
  const entries = FORMATS.map((f) => {
    const bytes = Buffer.from(f.render(serial, domains));
    files.set(f.name, bytes);
    return { format: f.format, kinds: [...f.kinds], mediaType: f.mediaType, name: f.name, sha256: sha256(bytes), size: bytes.length, subtrees: f.subtrees, url: `/v1/blocklist/${serial}/${f.name}` };
  }).sort((a, b) => (a.name < b.name ? -1 : 1));
  const { keyId } = signing.keyFor(serial);
  const manifest = Buffer.from(
    canonicalize({
      auditHash: sha256(`audit ${serial}`),
      auditSeq: String(serial * 3),
      entryCount: domains.length,
      expiresAt: options.expiresAt ?? '2100-01-01T00:00:00Z',
      files: entries,
      keyId,
      minPollSeconds: 60,
      previousManifestSha256: previous?.sha256 ?? null,
      previousSerial: previous?.serial ?? null,
      publishedAt: options.publishedAt ?? '2026-12-02T01:00:00Z',
      serial,
      setSha256: sha256(set),
      type: 'kz-crypto-registry/blocklist-manifest',
      version: 1,
    })!,
  );
  return { serial, manifest, sha256: sha256(manifest), signature: signing.sign(manifest, serial).signature, keyId, files };
}

/** A publication chained to the one before it for each serial of `serials`, after `previous`. */
export function chain(signing: SigningService, previous: Publication | null, serials: Iterable<number>, domains: (serial: number) => string[]): Publication[] {
  const out: Publication[] = [];
  for (const serial of serials) {
    previous = publish(signing, { serial, previous, domains: domains(serial) });
    out.push(previous);
  }
  return out;
}

/** Serials from `from` to `to`, both included. */
export const serials = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** One request as the registry answered it. */
export interface Answered {
  path: string;
  status: number;
  at: number;
  retryAfter?: string;
}

/**
 * A rate limit as a registry (or a proxy before it) applies one: after `max` requests it answers 429 with
 * `Retry-After: retryAfterSeconds`, to every request, until that many seconds have passed; then `max` more.
 * Counted by requests rather than by a clock, so that where the 429s fall does not depend on the machine's speed.
 */
export interface RateLimit {
  max: number;
  retryAfterSeconds: number;
}

/**
 * A registry as the client sees it: paths to bytes, changed by the test between runs. With `upstream` (the base URL
 * of a running service) it is a man in the middle: what `routes` does not hold is fetched from the service (decoded).
 */
export class FixtureRegistry {
  readonly routes = new Map<string, Buffer>();
  /** Every request, in the order answered. */
  readonly requests: Answered[] = [];
  private server?: Server;
  private limit: (RateLimit & { count: number; blockedUntil: number }) | null = null;
  /** Awaited before a request is answered: a test holds a response while it does something (a signal, say). */
  before: ((path: string) => Promise<void>) | null = null;
  base = '';

  constructor(private readonly upstream?: string) {}

  /** Applies `limit` from the next request on (null: none), its count starting afresh. */
  rateLimit(limit: RateLimit | null): this {
    this.limit = limit && { ...limit, count: 0, blockedUntil: 0 };
    return this;
  }

  /** The seconds to send in Retry-After when this request is over the limit; undefined when it is served. */
  private limited(now: number): number | undefined {
    const limit = this.limit;
    if (!limit) return undefined;
    if (now < limit.blockedUntil) return Math.ceil((limit.blockedUntil - now) / 1000);
    if (limit.count < limit.max) {
      limit.count++;
      return undefined;
    }
    limit.count = 0;
    limit.blockedUntil = now + limit.retryAfterSeconds * 1000;
    return limit.retryAfterSeconds;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const at = Date.now();
      const retryAfter = this.limited(at);
      if (retryAfter !== undefined) {
        const body = Buffer.from('{"status":429}');
        this.requests.push({ path, status: 429, at, retryAfter: String(retryAfter) });
        res.writeHead(429, { 'content-type': 'application/problem+json', 'content-length': body.length, 'retry-after': String(retryAfter) }).end(body);
        return;
      }
      void (this.before?.(path) ?? Promise.resolve()).then(() => this.answer(path, req.method ?? 'GET')).then(({ status, body }) => {
        this.requests.push({ path, status, at });
        res.writeHead(status, { 'content-type': status === 200 ? 'application/octet-stream' : 'application/problem+json', 'content-length': body.length }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async answer(path: string, method: string): Promise<{ status: number; body: Buffer }> {
    const held = method === 'GET' ? this.routes.get(path) : undefined;
    if (held) return { status: 200, body: held };
    if (!this.upstream || method !== 'GET') return { status: 404, body: Buffer.from('{"status":404}') };
    const res = await fetch(`${this.upstream}${path}`);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Serves `publication` at its serial's URLs (manifest, signature, files), as the registry keeps them for ever. */
  add(publication: Publication): this {
    const at = `/v1/blocklist/${publication.serial}`;
    this.routes.set(`${at}/manifest.json`, publication.manifest);
    this.routes.set(`${at}/manifest.json.sig`, publication.signature);
    for (const [name, bytes] of publication.files) this.routes.set(`${at}/${name}`, bytes);
    return this;
  }

  /** Makes `publication` the latest (and serves it at its serial). */
  latest(publication: Publication): this {
    this.add(publication);
    this.routes.set('/v1/blocklist/latest/manifest.json', publication.manifest);
    this.routes.set('/v1/blocklist/latest/manifest.json.sig', publication.signature);
    return this;
  }
}
