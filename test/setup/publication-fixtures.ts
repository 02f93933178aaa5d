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

/**
 * A registry as the client sees it: paths to bytes, changed by the test between runs. With `upstream` (the base URL
 * of a running service) it is a man in the middle: what `routes` does not hold is fetched from the service (decoded).
 */
export class FixtureRegistry {
  readonly routes = new Map<string, Buffer>();
  private server?: Server;
  base = '';

  constructor(private readonly upstream?: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.answer(new URL(req.url ?? '/', 'http://x').pathname, req.method ?? 'GET').then(({ status, body }) => {
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
