// The reference ISP client catching up after a long gap: a resolver 299 publications behind, against a registry that
// answers 429 with Retry-After once it has had enough. Each run fetches a bounded number of manifests, keeps the
// part of the chain it verified, and the next run goes on from there; nothing is installed before the whole chain
// back to the applied manifest is verified, and a fork deep in the chain is refused however many runs it takes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareKeys, SigningService } from '../../src/platform/signing/signing.service.js';
import { CLIENT_SCRIPT, client as sh, PROG, type Run } from '../setup/isp-client.js';
import { type Answered, chain, FixtureRegistry, publish, type Publication, serials } from '../setup/publication-fixtures.js';

let signing: SigningService;
let registry: FixtureRegistry;
let dir: string;
const root = mkdtempSync(join(tmpdir(), 'isp-client-catch-up-'));
let isps = 0;

/** serial 1, applied before the gap; 2..300, published while the resolver was away (domains change as they go). */
let p1: Publication;
let honest: Publication[];
const domains = (serial: number) => ['bad.example', `gone-at-${serial}.example`];
const at = (serial: number) => honest[serial - 2]!;

beforeAll(async () => {
  const key = generateKeyPairSync('ed25519').privateKey;
  signing = new SigningService(await prepareKeys([{ fromSerial: 0, privateKey: key, publicKey: createPublicKey(key), source: 'test' }]));
  registry = await new FixtureRegistry().start();
  p1 = publish(signing, { serial: 1, previous: null, domains: domains(1) });
  honest = chain(signing, p1, serials(2, 300), domains);
});
afterAll(async () => {
  await registry.stop();
});

/** Each test: an ISP that applied serial 1, then was away while 2..300 were published. */
beforeEach(async () => {
  dir = join(root, `isp-${++isps}`);
  for (const sub of ['state', 'keys', 'etc']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'keys', `${p1.keyId}.pem`), signing.publicKeyPem(p1.keyId)!);
  registry.routes.clear();
  registry.rateLimit(null).latest(p1);
  expect((await client()).code).toBe(0);
  for (const p of honest) registry.add(p);
  registry.latest(at(300));
});

const target = () => join(dir, 'etc', 'kz-registry.rpz');
const state = (name: string) => readFileSync(join(dir, 'state', name), 'utf8');
const rpz = (p: Publication) => p.files.get('blocklist.rpz')!;

/** One run; and what the registry answered to it. */
async function client(extra: string[] = []): Promise<Run & { answered: Answered[] }> {
  const from = registry.requests.length;
  const run = await sh(['-u', registry.base, '-o', target(), '-s', join(dir, 'state'), '-k', join(dir, 'keys'), ...extra]);
  return { ...run, answered: registry.requests.slice(from) };
}

/** What is installed and applied is serial 1's, as before the gap: nothing unverified was ever put in place. */
function stillAtSerial1(): void {
  expect(readFileSync(target())).toEqual(rpz(p1));
  expect(state('applied')).toBe(`serial=1\nmanifestSha256=${p1.sha256}\n`);
  expect(readFileSync(join(dir, 'state', 'manifest.json'))).toEqual(p1.manifest);
}

const catchingUp = (latest: number, reached: number, fetched = 100, max = fetched) =>
  `${PROG}: catching up: verified the history of serial ${latest} back to serial ${reached} (${fetched} manifests this run, at most ${max}); the next run continues from there\n`;
/** The serials of the chain manifests a run fetched (and was served), in order. */
const walked = (answered: Answered[]) =>
  answered.filter((a) => a.status === 200 && /^\/v1\/blocklist\/\d+\/manifest\.json$/.test(a.path)).map((a) => Number(a.path.split('/')[3]));
const progress = (latest: Publication, reached: Publication) =>
  `target=${latest.serial}\ntargetSha256=${latest.sha256}\nreached=${reached.serial}\nreachedSha256=${reached.sha256}\n`;

describe('kz-registry-sync.sh after a long gap', () => {
  it('catches up 299 publications over three runs of at most 103 requests, waiting out every 429, and installs only then', async () => {
    registry.rateLimit({ max: 50, retryAfterSeconds: 1 });

    const first = await client();
    expect({ code: first.code, stdout: first.stdout, stderr: first.stderr }).toEqual({ code: 0, stdout: catchingUp(300, 200), stderr: '' });
    stillAtSerial1();
    expect(state('progress')).toBe(progress(at(300), at(200)));
    expect(readFileSync(join(dir, 'state', 'progress.json'))).toEqual(at(200).manifest);
    // Latest manifest, its signature, 100 chain manifests: 102 served; the 429s in between were each waited out.
    expect(first.answered.filter((a) => a.status === 200)).toHaveLength(102);
    expect(walked(first.answered)).toEqual(serials(200, 299).reverse());
    const limited = first.answered.flatMap((a, i) => (a.status === 429 ? [i] : []));
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const i of limited) {
      const [refused, retried] = [first.answered[i]!, first.answered[i + 1]!];
      expect(refused.retryAfter).toBe('1');
      expect(retried).toMatchObject({ path: refused.path, status: 200 });
      // curl waits the Retry-After (1 s) before it asks again (a little slack for the clock's granularity).
      expect(retried.at - refused.at).toBeGreaterThanOrEqual(950);
    }

    // The second run starts where the first stopped: no manifest above serial 200 is fetched again.
    const second = await client();
    expect({ code: second.code, stdout: second.stdout }).toEqual({ code: 0, stdout: catchingUp(300, 100) });
    expect(walked(second.answered)).toEqual(serials(100, 199).reverse());
    expect(second.answered.filter((a) => a.status === 200)).toHaveLength(102);
    stillAtSerial1();

    const third = await client();
    expect({ code: third.code, stdout: third.stdout, stderr: third.stderr }).toEqual({
      code: 0,
      stdout: `${PROG}: installed serial 300 (rpz, ${rpz(at(300)).length} bytes) at ${target()}\n`,
      stderr: '',
    });
    expect(walked(third.answered)).toEqual(serials(2, 99).reverse());
    expect(third.answered.filter((a) => a.status === 200)).toHaveLength(2 + 98 + 1);
    expect(readFileSync(target())).toEqual(rpz(at(300)));
    expect(state('applied')).toBe(`serial=300\nmanifestSha256=${at(300).sha256}\n`);
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['applied', 'manifest.json']);
  }, 90_000);

  // The rest walk a gap of 59 (serial 60 the latest) 20 manifests a run: the same logic, a fifth of the requests.
  const short = ['-n', '20'];

  it('joins what an earlier run verified when newer publications arrived in between', async () => {
    registry.latest(at(60));
    expect((await client(short)).stdout).toBe(catchingUp(60, 40, 20));
    registry.latest(at(61));
    const run = await client(short);
    expect(run.stdout).toBe(catchingUp(61, 21, 20));
    // 60 (up to the serial verified before), then straight on below 40.
    expect(walked(run.answered)).toEqual([60, ...serials(21, 39).reverse()]);
    expect(state('progress')).toBe(progress(at(61), at(21)));
    stillAtSerial1();
  });

  it('fails at once on a Retry-After longer than it waits, keeping its progress, and the next run resumes', async () => {
    registry.latest(at(60)).rateLimit({ max: 10, retryAfterSeconds: 3600 });
    const started = Date.now();
    const run = await client(short);
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 3,
      stdout: '',
      stderr: `${PROG}: failed: cannot fetch ${registry.base}/v1/blocklist/51/manifest.json: curl: (22) The requested URL returned error: 429\n`,
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.answered.filter((a) => a.status === 429)).toEqual([expect.objectContaining({ path: '/v1/blocklist/51/manifest.json', retryAfter: '3600' })]);
    expect(state('progress')).toBe(progress(at(60), at(52)));
    stillAtSerial1();

    registry.rateLimit(null);
    const next = await client(short);
    expect(next.stdout).toBe(catchingUp(60, 32, 20));
    expect(walked(next.answered)).toEqual(serials(32, 51).reverse());
    stillAtSerial1();
  });

  it('keeps its progress when it is stopped by a signal mid-walk, and the next run resumes', async () => {
    registry.latest(at(60));
    const args = ['-u', registry.base, '-o', target(), '-s', join(dir, 'state'), '-k', join(dir, 'keys'), ...short];
    let sent!: () => void;
    const signalled = new Promise<void>((resolve) => (sent = resolve));
    const done = new Promise<Run>((resolve) => {
      const child = execFile('/bin/sh', [CLIENT_SCRIPT, ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr }),
      );
      // SIGTERM while the request for serial 50 is held; the shell runs its trap once that request is answered.
      registry.before = async (path) => {
        if (path !== '/v1/blocklist/50/manifest.json') return;
        child.kill('SIGTERM');
        sent();
      };
    });
    await signalled;
    const run = await done;
    registry.before = null;
    expect(run).toEqual({ code: 3, stdout: '', stderr: `${PROG}: failed: interrupted by a signal; the next run tries again (and resumes a chain walk from what this one verified)\n` });
    // Serial 50 arrived but was not yet checked: what is kept ends at 51, the last manifest verified.
    expect(state('progress')).toBe(progress(at(60), at(51)));
    stillAtSerial1();
    const next = await client(short);
    expect(next.stdout).toBe(catchingUp(60, 31, 20));
    expect(walked(next.answered)).toEqual(serials(31, 50).reverse());
  });

  it('walks afresh when its progress is damaged, rather than trusting it', async () => {
    registry.latest(at(60));
    expect((await client(short)).stdout).toBe(catchingUp(60, 40, 20));
    writeFileSync(join(dir, 'state', 'progress.json'), at(30).manifest);
    const run = await client(short);
    expect(run.stdout).toBe(catchingUp(60, 40, 20));
    expect(walked(run.answered)).toEqual(serials(40, 59).reverse());
  });

  describe('refuses', () => {
    it('a fork deep in the chain: another serial 1 at its root, found on the third run and on every run after it', async () => {
      const other1 = publish(signing, { serial: 1, previous: null, domains: ['innocent.example'] });
      const forked = chain(signing, other1, serials(2, 60), domains);
      registry.routes.clear();
      for (const p of forked) registry.add(p);
      registry.latest(forked.at(-1)!);
      const line = `${PROG}: refused: fork: serial 2 descends from a manifest of serial 1 other than the one applied (SHA-256 ${other1.sha256}, applied ${p1.sha256})\n`;
      expect((await client(short)).stdout).toBe(catchingUp(60, 40, 20));
      expect((await client(short)).stdout).toBe(catchingUp(60, 20, 20));
      for (let i = 0; i < 2; i++) {
        const run = await client(short);
        expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 1, stdout: '', stderr: line });
        stillAtSerial1();
      }
    });

    it('a manifest deep in the chain that is not the one its successor names', async () => {
      registry.latest(at(60)).routes.set('/v1/blocklist/30/manifest.json', publish(signing, { serial: 30, previous: at(29), domains: ['other.example'] }).manifest);
      expect((await client(short)).stdout).toBe(catchingUp(60, 40, 20));
      const run = await client(short);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^${PROG}: refused: fork: the manifest served for serial 30 is not the one serial 31 names \\(SHA-256 [0-9a-f]{64}, named ${at(30).sha256}\\)\n$`));
      stillAtSerial1();
    });

    it('a history that leaves what an earlier run verified: another manifest at its serial, one that skips it, or a rollback below it', async () => {
      registry.latest(at(60));
      expect((await client(short)).stdout).toBe(catchingUp(60, 40, 20));
      const other60 = publish(signing, { serial: 60, previous: at(59), domains: ['other.example'] });
      const p61 = publish(signing, { serial: 61, previous: other60, domains: domains(61) });
      registry.latest(p61).routes.set('/v1/blocklist/60/manifest.json', other60.manifest);
      const recorded = join(dir, 'state', 'progress');
      const refused = async (line: string) => {
        const run = await client(short);
        expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 1, stdout: '', stderr: `${PROG}: refused: ${line}\n` });
        stillAtSerial1();
        expect(state('progress')).toBe(progress(at(60), at(40)));
      };
      await refused(`fork: the manifest of serial 60 in the history of serial 61 differs from the one an earlier run verified (SHA-256 ${other60.sha256}, verified ${at(60).sha256}; recorded in ${recorded})`);
      registry.latest(publish(signing, { serial: 61, previous: at(59), domains: domains(61) }));
      await refused(`fork: the history of serial 61 skips serial 60, which an earlier run verified (serial 61 follows 59; recorded in ${recorded})`);
      registry.latest(at(50));
      await refused(`rollback: the latest manifest has serial 50, lower than serial 60, which an earlier run verified (recorded in ${recorded})`);
    });
  });

  it('takes -n for the manifests a run may fetch, and refuses anything but a positive number', async () => {
    registry.latest(at(60));
    expect((await client(['-n', '50'])).stdout).toBe(catchingUp(60, 10, 50));
    expect((await client(['-n', '0'])).stderr).toBe(`${PROG}: not a number of manifests from 1 to 999999: 0 (see ${PROG} -h)\n`);
    expect((await client(['-n', 'all'])).code).toBe(2);
  });
});
