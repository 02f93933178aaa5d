// The reference ISP client (src/blocklist/isp-client/kz-registry-sync.sh), run by /bin/sh against a fixture registry
// serving publications signed by the real SigningService: the happy path, and each attack it must refuse with
// nothing installed and its state unchanged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { prepareKeys, SigningService } from '../../src/platform/signing/signing.service.js';
import { CLIENT_SCRIPT as SCRIPT, client as sh, PROG, type Run } from '../setup/isp-client.js';
import { FixtureRegistry, publish, type Publication, sha256 } from '../setup/publication-fixtures.js';

let signing: SigningService;
let registry: FixtureRegistry;
let dir: string;
const root = mkdtempSync(join(tmpdir(), 'isp-client-'));
let runs = 0;

beforeAll(async () => {
  // Two keys: the second signs from serial 100, a rotation the client follows once its key is pinned.
  const [a, b] = [generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('ed25519').privateKey];
  signing = new SigningService(
    await prepareKeys([
      { fromSerial: 0, privateKey: a, publicKey: createPublicKey(a), source: 'test' },
      { fromSerial: 100, privateKey: b, publicKey: createPublicKey(b), source: 'test', keyId: 'registry-next' },
    ]),
  );
  registry = await new FixtureRegistry().start();
});
afterAll(async () => {
  await registry.stop();
});

/** Each test: an ISP with no state yet, the first key pinned, and a registry with nothing published. */
beforeEach(() => {
  dir = join(root, `isp-${++runs}`);
  for (const sub of ['state', 'keys', 'etc']) mkdirSync(join(dir, sub), { recursive: true });
  pin(signing.keyFor(1).keyId);
  registry.routes.clear();
});

function pin(keyId: string): void {
  writeFileSync(join(dir, 'keys', `${keyId}.pem`), signing.publicKeyPem(keyId)!);
}

const target = () => join(dir, 'etc', 'kz-registry.rpz');
const installed = () => readFileSync(target(), 'utf8');
const applied = () => readFileSync(join(dir, 'state', 'applied'), 'utf8');
const appliedLine = (p: Publication) => `serial=${p.serial}\nmanifestSha256=${p.sha256}\n`;
const rpz = (p: Publication) => p.files.get('blocklist.rpz')!.toString();

function client(extra: string[] = []): Promise<Run> {
  return sh(['-u', registry.base, '-o', target(), '-s', join(dir, 'state'), '-k', join(dir, 'keys'), ...extra]);
}

/** The ISP has applied `p` (its state and file are what a successful run leaves). */
async function applied_(p: Publication): Promise<void> {
  registry.latest(p);
  const run = await client();
  expect(run).toEqual({ code: 0, stdout: `${PROG}: installed serial ${p.serial} (rpz, ${p.files.get('blocklist.rpz')!.length} bytes) at ${target()}\n`, stderr: '' });
}

/** A refusal: exit 1, one line on stderr, and the file and state of the last applied publication untouched. */
async function expectRefused(line: string, last: Publication): Promise<void> {
  const run = await client();
  expect(run).toEqual({ code: 1, stdout: '', stderr: `${PROG}: refused: ${line}\n` });
  expect(installed()).toBe(rpz(last));
  expect(applied()).toBe(appliedLine(last));
  expect(readFileSync(join(dir, 'state', 'manifest.json'))).toEqual(last.manifest);
  expect(readdirSync(join(dir, 'state')).sort()).toEqual(['applied', 'manifest.json']);
  expect(readdirSync(join(dir, 'etc'))).toEqual(['kz-registry.rpz']);
}

/** A history: serial 1, then 2 (domains added as it goes). */
function history(): [Publication, Publication] {
  const p1 = publish(signing, { serial: 1, previous: null, domains: ['bad.example'] });
  const p2 = publish(signing, { serial: 2, previous: p1, domains: ['bad.example', 'worse.example'] });
  return [p1, p2];
}

describe('kz-registry-sync.sh', () => {
  it('is POSIX sh: it parses under sh -n, shellcheck -s sh finds nothing, and -h prints the usage', async () => {
    const parse = await new Promise<number>((resolve) => execFile('/bin/sh', ['-n', SCRIPT], (e) => resolve(e ? 1 : 0)));
    expect(parse).toBe(0);
    // shellcheck is installed by `npm test` (.ci/ensure-packages.sh).
    const lint = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile('shellcheck', ['-s', 'sh', SCRIPT], (e, out, err) => resolve({ code: e ? Number((e as { code?: unknown }).code) : 0, out: out + err })),
    );
    expect(lint).toEqual({ code: 0, out: '' });
    const help = await sh(['-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kz-registry-sync \[-u BASE_URL\] \[-f FORMAT\] \[-o TARGET\]/);
    expect(await sh([])).toEqual({ code: 2, stdout: '', stderr: `${PROG}: no base URL: give -u or KZR_BASE_URL (see ${PROG} -h)\n` });
  });

  it('installs the first publication, records it, and has nothing to do on the next run', async () => {
    const [p1] = history();
    await applied_(p1);
    expect(installed()).toBe(rpz(p1));
    expect(applied()).toBe(appliedLine(p1));
    expect(readFileSync(join(dir, 'state', 'manifest.json'))).toEqual(p1.manifest);
    const again = await client();
    expect(again).toEqual({ code: 0, stdout: `${PROG}: serial 1 is applied and still the latest; nothing to do\n`, stderr: '' });
    expect(applied()).toBe(appliedLine(p1));
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['applied', 'manifest.json']);
  });

  it('follows the chain back through coalesced publications (5 → 4 → 2) to the applied one, then installs', async () => {
    const [, p2] = history();
    await applied_(p2);
    const p4 = publish(signing, { serial: 4, previous: p2, domains: ['bad.example'] });
    const p5 = publish(signing, { serial: 5, previous: p4, domains: ['bad.example', 'new.example'] });
    registry.add(p4);
    await applied_(p5);
    expect(installed()).toBe(rpz(p5));
    expect(applied()).toBe(appliedLine(p5));
  });

  it('installs another format by name and runs the reload command after the file is in place', async () => {
    const [p1] = history();
    registry.latest(p1);
    const seen = join(dir, 'seen.conf');
    const unbound = join(dir, 'etc', 'kz-registry.conf');
    const run = await sh(['-u', registry.base, '-f', 'unbound', '-o', unbound, '-s', join(dir, 'state'), '-k', join(dir, 'keys'), '-r', `cp '${unbound}' '${seen}'`]);
    expect(run.code).toBe(0);
    expect(readFileSync(unbound)).toEqual(p1.files.get('unbound.conf'));
    expect(readFileSync(seen)).toEqual(p1.files.get('unbound.conf'));
  });

  it('reads its settings from the environment too', async () => {
    const [p1] = history();
    registry.latest(p1);
    const run = await sh([], { KZR_BASE_URL: registry.base, KZR_TARGET: target(), KZR_STATE_DIR: join(dir, 'state'), KZR_KEYS_DIR: join(dir, 'keys') });
    expect(run.code).toBe(0);
    expect(installed()).toBe(rpz(p1));
  });

  it('leaves the state unchanged when the reload fails, so the next run installs and reloads again', async () => {
    const [p1, p2] = history();
    await applied_(p1);
    registry.latest(p2);
    const run = await client(['-r', 'echo rndc: connection refused >&2; exit 1']);
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: `${PROG}: failed: installed serial 2 at ${target()}, but the reload command failed (echo rndc: connection refused >&2; exit 1: rndc: connection refused); the next run installs and reloads again\n`,
    });
    expect(installed()).toBe(rpz(p2));
    expect(applied()).toBe(appliedLine(p1));
    expect((await client(['-r', 'true'])).code).toBe(0);
    expect(applied()).toBe(appliedLine(p2));
  });

  it('follows a key rotation once the new key is pinned, and refuses a key that is not', async () => {
    const [, p2] = history();
    await applied_(p2);
    const p100 = publish(signing, { serial: 100, previous: p2, domains: ['bad.example'] });
    registry.latest(p100);
    await expectRefused(`unknown key: the manifest of serial 100 is signed by key registry-next, which is not pinned in ${join(dir, 'keys')}`, p2);
    pin('registry-next');
    await applied_(p100);
  });

  describe('refuses', () => {
    it('a tampered file (changed after signing): same size, other bytes; or other size', async () => {
      const [p1, p2] = history();
      await applied_(p1);
      const tampered = Buffer.from(rpz(p2).replace('worse.example', 'worse.exampl3'));
      registry.latest(p2).routes.set('/v1/blocklist/2/blocklist.rpz', tampered);
      const expected = p2.files.get('blocklist.rpz')!;
      await expectRefused(`tamper: blocklist.rpz of serial 2 has SHA-256 ${sha256(tampered)}, the manifest says ${sha256(expected)}`, p1);
      registry.routes.set('/v1/blocklist/2/blocklist.rpz', Buffer.concat([expected, Buffer.from('evil.example CNAME rpz-passthru.\n')]));
      await expectRefused(`tamper: blocklist.rpz of serial 2 has ${expected.length + 33} bytes, the manifest says ${expected.length}`, p1);
    });

    it('a rollback: an older manifest, validly signed, replayed as the latest', async () => {
      const [p1, p2] = history();
      await applied_(p1);
      await applied_(p2);
      registry.latest(p1);
      await expectRefused('rollback: the latest manifest has serial 1, lower than the applied serial 2', p2);
    });

    it('a freeze: an expired manifest, validly signed', async () => {
      const [p1] = history();
      await applied_(p1);
      const stale = publish(signing, { serial: 2, previous: p1, domains: ['bad.example'], expiresAt: '2000-01-02T00:00:00Z' });
      registry.latest(stale);
      await expectRefused('freeze: the manifest of serial 2 expired at 2000-01-02T00:00:00Z', p1);
    });

    it('a freeze at the applied serial: once the applied manifest expires, a run fails rather than saying all is well', async () => {
      // Expiry has seconds precision: the manifest expires 2 to 3 s from now, time enough to apply it on a busy machine.
      const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3000).toISOString().replace('.000Z', 'Z');
      const p1 = publish(signing, { serial: 1, previous: null, domains: ['bad.example'], expiresAt });
      await applied_(p1);
      await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) + 1100 - Date.now()));
      await expectRefused(`freeze: the manifest of serial 1 expired at ${expiresAt}`, p1);
    });

    it('a fork: a history that does not descend from the applied manifest', async () => {
      const [p1, p2] = history();
      await applied_(p2);
      // Another serial 2, and a history built on it: the chain walks 4 → 3 → 2 and meets the other manifest.
      const other2 = publish(signing, { serial: 2, previous: p1, domains: ['bad.example', 'innocent.example'] });
      const other3 = publish(signing, { serial: 3, previous: other2, domains: ['bad.example'] });
      const other4 = publish(signing, { serial: 4, previous: other3, domains: ['bad.example'] });
      registry.add(other2).add(other3).latest(other4);
      await expectRefused(`fork: serial 3 descends from a manifest of serial 2 other than the one applied (SHA-256 ${other2.sha256}, applied ${p2.sha256})`, p2);
      // The other serial 2 itself, as the latest.
      registry.latest(other2);
      await expectRefused(`fork: the manifest of serial 2 differs from the one applied (SHA-256 ${other2.sha256}, applied ${p2.sha256})`, p2);
      // A history that skips the applied serial.
      const skip = publish(signing, { serial: 5, previous: p1, domains: ['bad.example'] });
      registry.latest(skip);
      await expectRefused('fork: the history of serial 5 does not pass through the applied serial 2 (serial 5 follows 1)', p2);
      // A history that starts afresh.
      registry.latest(publish(signing, { serial: 6, previous: null, domains: ['bad.example'] }));
      await expectRefused('fork: the history of serial 6 does not pass through the applied serial 2 (serial 6 follows null)', p2);
      // An intermediate manifest that is not the one its successor names.
      const p3 = publish(signing, { serial: 3, previous: p2, domains: ['bad.example'] });
      const p4 = publish(signing, { serial: 4, previous: p3, domains: ['bad.example'] });
      registry.latest(p4).routes.set('/v1/blocklist/3/manifest.json', other3.manifest);
      await expectRefused(`fork: the manifest served for serial 3 is not the one serial 4 names (SHA-256 ${other3.sha256}, named ${p3.sha256})`, p2);
    });

    it('a bad signature: a manifest changed after signing, or a signature by another key', async () => {
      const [p1, p2] = history();
      await applied_(p1);
      const edited = Buffer.from(p2.manifest.toString().replace('"expiresAt":"2100-01-01T00:00:00Z"', '"expiresAt":"2199-01-01T00:00:00Z"'));
      expect(edited).not.toEqual(p2.manifest);
      registry.latest(p2).routes.set('/v1/blocklist/latest/manifest.json', edited);
      const kid = signing.keyFor(1).keyId;
      await expectRefused(`bad signature: the manifest of serial 2 does not verify with the pinned key ${kid}`, p1);
      // The right bytes, signed by another key under this key's name.
      const rogue = new SigningService(await prepareKeys([{ fromSerial: 0, keyId: kid, ...(() => { const k = generateKeyPairSync('ed25519'); return { privateKey: k.privateKey, publicKey: k.publicKey }; })(), source: 'rogue' }]));
      registry.latest(p2).routes.set('/v1/blocklist/2/manifest.json.sig', rogue.sign(p2.manifest, 2).signature);
      await expectRefused(`bad signature: the manifest of serial 2 does not verify with the pinned key ${kid}`, p1);
    });

    it('a manifest that is not one, before trusting any of it', async () => {
      const [p1] = history();
      await applied_(p1);
      registry.routes.set('/v1/blocklist/latest/manifest.json', Buffer.from(canonicalize({ hello: 'world' })!));
      await expectRefused(`malformed manifest: no serial in ${registry.base}/v1/blocklist/latest/manifest.json`, p1);
    });
  });

  it('runs one at a time: a lock held by a live run makes another fail, a lock left by a dead run is taken over', async () => {
    const [p1] = history();
    registry.latest(p1);
    const lock = join(dir, 'state', 'lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), `${process.pid}\n`);
    expect(await client()).toEqual({ code: 3, stdout: '', stderr: `${PROG}: failed: another run (process ${process.pid}) holds ${lock}\n` });
    expect(existsSync(target())).toBe(false);
    expect(existsSync(join(dir, 'state', 'applied'))).toBe(false);
    // A pid no process has (above the kernel's default pid_max of 4194304).
    writeFileSync(join(lock, 'pid'), '9999999\n');
    await applied_(p1);
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['applied', 'manifest.json']);
  });

  it('fails (exit 3) without touching anything when the registry cannot be reached', async () => {
    const [p1] = history();
    await applied_(p1);
    registry.routes.delete('/v1/blocklist/latest/manifest.json');
    const run = await client();
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`${PROG}: failed: cannot fetch ${registry.base}/v1/blocklist/latest/manifest.json: curl: (22) The requested URL returned error: 404\n`);
    expect(applied()).toBe(appliedLine(p1));
    expect(installed()).toBe(rpz(p1));
  });
});
