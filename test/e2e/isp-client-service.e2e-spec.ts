// The reference ISP client against the running service: publications made through the admin API are applied, with
// the key pinned from the service's own routes; and, through a man in the middle in front of the service, the four
// attacks on real publications (a tampered file, a replayed older manifest, an expired one, a forked history signed
// by the registry's own key) are refused with nothing installed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { SigningService } from '../../src/platform/signing/signing.service.js';
import { createKey } from '../setup/api-keys.js';
import { FixtureRegistry, sha256 } from '../setup/publication-fixtures.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SCRIPT = 'src/blocklist/isp-client/kz-registry-sync.sh';
const PROG = 'kz-registry-sync';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface ManifestFile {
  format: string;
  name: string;
  sha256: string;
  size: number;
  url: string;
}

interface Manifest {
  serial: number;
  keyId: string;
  previousSerial: number | null;
  previousManifestSha256: string | null;
  expiresAt: string;
  files: ManifestFile[];
  [key: string]: unknown;
}

let t: TestApp;
let base: string;
let mitm: FixtureRegistry;
let apiKey: string;
const dir = mkdtempSync(join(tmpdir(), 'isp-client-service-'));
const [stateDir, keysDir, etcDir] = ['state', 'keys', 'etc'].map((sub) => join(dir, sub));
const target = join(etcDir!, 'kz-crypto-registry.rpz');

beforeAll(async () => {
  for (const sub of [stateDir, keysDir, etcDir]) mkdirSync(sub!, { recursive: true });
  t = await createTestApp({ PUBLISHER: 'true', PUBLISH_DEBOUNCE_MS: '100', PUBLICATIONS_DIR: join(dir, 'publications') });
  await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
  apiKey = (await createKey(t.app, ['blocklist:write'], 'isp client test')).key;
  mitm = await new FixtureRegistry(base).start();
  // As an ISP pins them: every key the service lists, in PEM, named by its key id.
  const keys = (await (await fetch(`${base}/v1/signing-keys`)).json()) as { items: { keyId: string; links: { pem: string } }[] };
  for (const key of keys.items) writeFileSync(join(keysDir!, `${key.keyId}.pem`), await (await fetch(`${base}${key.links.pem}`)).text());
}, 60_000);
afterAll(async () => {
  await mitm?.stop();
  await t?.close();
});

function client(registry: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile('/bin/sh', [SCRIPT, '-u', registry, '-f', 'rpz', '-o', target, '-s', stateDir!, '-k', keysDir!], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr }),
    );
  });
}

/** Blocks `domain` through the admin API; the serial it was written at. */
async function block(domain: string): Promise<number> {
  const res = await fetch(`${base}/v1/admin/blocklist/entries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `isp-client-${domain}` },
    body: JSON.stringify({
      legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
      source: { document: 'Test decision', readOn: '2026-11-24', confidence: 'verified' },
      entries: [{ kind: 'domain', value: domain, match: 'subtree' }],
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { serial: number }).serial;
}

/** The latest manifest once it publishes `serial` or later: its bytes and its fields. */
async function published(serial: number): Promise<{ bytes: Buffer; manifest: Manifest }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await fetch(`${base}/v1/blocklist/latest/manifest.json`);
    if (res.status === 200) {
      const bytes = Buffer.from(await res.arrayBuffer());
      const manifest = JSON.parse(bytes.toString()) as Manifest;
      if (manifest.serial >= serial) return { bytes, manifest };
    }
    if (Date.now() > deadline) throw new Error(`serial ${serial} was not published within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rpzOf = (m: Manifest) => m.files.find((f) => f.format === 'rpz')!;
const applied = () => readFileSync(join(stateDir!, 'applied'), 'utf8');

/** A manifest the registry's own key signs: what a compromised or split-brain registry could serve. */
function signed(fields: Manifest): { bytes: Buffer; signature: Buffer } {
  const bytes = Buffer.from(canonicalize(fields)!);
  return { bytes, signature: t.app.get(SigningService).sign(bytes, fields.serial).signature };
}

describe('the reference client against the running service', () => {
  let first: { bytes: Buffer; manifest: Manifest };
  let second: { bytes: Buffer; manifest: Manifest };

  it('applies a publication made through the admin API, then has nothing to do', async () => {
    first = await published(await block('isp-client-first.example'));
    const run = await client(base);
    const rpz = rpzOf(first.manifest);
    expect(run).toEqual({ code: 0, stdout: `${PROG}: installed serial ${first.manifest.serial} (rpz, ${rpz.size} bytes) at ${target}\n`, stderr: '' });
    const served = Buffer.from(await (await fetch(`${base}${rpz.url}`)).arrayBuffer());
    expect(readFileSync(target)).toEqual(served);
    expect(readFileSync(target, 'utf8')).toContain('isp-client-first.example');
    expect(applied()).toBe(`serial=${first.manifest.serial}\nmanifestSha256=${sha256(first.bytes)}\n`);
    expect(await client(base)).toEqual({ code: 0, stdout: `${PROG}: serial ${first.manifest.serial} is applied and still the latest; nothing to do\n`, stderr: '' });
  });

  it('follows the chain to the next publication', async () => {
    second = await published(await block('isp-client-second.example'));
    expect(second.manifest.previousManifestSha256).toBe(sha256(first.bytes));
    expect((await client(base)).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('isp-client-second.example');
    expect(applied()).toBe(`serial=${second.manifest.serial}\nmanifestSha256=${sha256(second.bytes)}\n`);
  });

  it('refuses, through a man in the middle, a tampered file, a replayed manifest, an expired one and a fork', async () => {
    const third = await published(await block('isp-client-third.example'));
    const { serial } = third.manifest;
    const unchanged = () => {
      expect(readFileSync(target, 'utf8')).toContain('isp-client-second.example');
      expect(readFileSync(target, 'utf8')).not.toContain('isp-client-third.example');
      expect(applied()).toBe(`serial=${second.manifest.serial}\nmanifestSha256=${sha256(second.bytes)}\n`);
    };
    const refused = async (line: string) => {
      expect(await client(mitm.base)).toEqual({ code: 1, stdout: '', stderr: `${PROG}: refused: ${line}\n` });
      unchanged();
      mitm.routes.clear();
    };

    // Tamper: the real publication, its RPZ file changed on the way.
    const rpz = rpzOf(third.manifest);
    const real = Buffer.from(await (await fetch(`${base}${rpz.url}`)).arrayBuffer());
    const tampered = Buffer.from(real.toString().replace('isp-client-third.example', 'isp-client-thirD.example'));
    mitm.routes.set(rpz.url, tampered);
    await refused(`tamper: blocklist.rpz of serial ${serial} has SHA-256 ${sha256(tampered)}, the manifest says ${rpz.sha256}`);

    // Rollback: the first publication, validly signed, replayed as the latest.
    mitm.routes.set('/v1/blocklist/latest/manifest.json', first.bytes);
    await refused(`rollback: the latest manifest has serial ${first.manifest.serial}, lower than the applied serial ${second.manifest.serial}`);

    // Freeze: the real manifest with an expiry in the past.
    const expired = signed({ ...third.manifest, expiresAt: '2026-01-01T00:00:00Z' });
    mitm.routes.set('/v1/blocklist/latest/manifest.json', expired.bytes).set(`/v1/blocklist/${serial}/manifest.json.sig`, expired.signature);
    await refused(`freeze: the manifest of serial ${serial} expired at 2026-01-01T00:00:00Z`);

    // Fork: a manifest signed by the registry's key whose history goes through another manifest at the applied serial.
    const other = sha256('another history');
    const fork = signed({ ...third.manifest, previousManifestSha256: other });
    mitm.routes.set('/v1/blocklist/latest/manifest.json', fork.bytes).set(`/v1/blocklist/${serial}/manifest.json.sig`, fork.signature);
    await refused(`fork: serial ${serial} descends from a manifest of serial ${second.manifest.serial} other than the one applied (SHA-256 ${other}, applied ${sha256(second.bytes)})`);

    // The same man in the middle, changing nothing: the real publication applies.
    expect((await client(mitm.base)).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('isp-client-third.example');
    expect(applied()).toBe(`serial=${serial}\nmanifestSha256=${sha256(third.bytes)}\n`);
  });
});
