// README's install steps for the reference ISP client, run as they are written there: each `sh` block of the "For ISPs"
// section (BIND's and Unbound's) is run as root with its paths moved under a temporary directory, the resolver's
// directory stood in for with the owner and mode of the real one (Debian's packages make them), and then the cron
// line's command is run as the cron line's user, in the environment cron gives a job (the cron file's variables on
// top of cron's own). The resolver's reload command and logger are stood in for by scripts that record who ran them
// with what. It needs root (to run as another user) and the resolvers' packages: without them each test is skipped,
// and its name says why.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareKeys, SigningService } from '../../src/platform/signing/signing.service.js';
import { CLIENT_SCRIPT, PROG, run, type Run } from '../setup/isp-client.js';
import { FixtureRegistry, publish, type Publication, sha256 } from '../setup/publication-fixtures.js';

/** The `sh` blocks of README's "For ISPs" section that write a cron file: the install steps, one per resolver. */
function installBlocks(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## For ISPs'), readme.indexOf('\n## ', readme.indexOf('## For ISPs') + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((block) => block.includes('/etc/cron.d/'));
}

/** The absolute paths README's blocks use, each moved under `root` (the block runs in the repository: `src/` stays). */
const MOVED = /(?<=[\s'"=])\/(usr\/local\/bin|etc\/kz-registry-sync|var\/lib\/kz-registry-sync|etc\/cron\.d|var\/lib\/bind|var\/lib\/unbound)(?=[/\s'"]|$)/gm;
const moved = (text: string, root: string) => text.replace(MOVED, `${root}/$1`);

const RESOLVERS = {
  bind: { directory: '/var/lib/bind', format: 'rpz', file: 'blocklist.rpz', reload: 'rndc reload kz-crypto-registry.rpz' },
  unbound: { directory: '/var/lib/unbound', format: 'unbound', file: 'unbound.conf', reload: 'unbound-control reload' },
} as const;
type CronUser = keyof typeof RESOLVERS;

/** The uid and gid of `name` on this machine, or null. */
function account(name: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Why the install of `user` cannot be run here, or null when it can. */
function cannotRun(user: CronUser): string | null {
  if (process.getuid?.() !== 0) return 'needs root, to install as README does and run the job as another user';
  if (!account(user)) return `no user ${user} on this machine (its resolver's package makes it)`;
  if (!existsSync(RESOLVERS[user].directory)) return `no ${RESOLVERS[user].directory} on this machine (its resolver's package makes it)`;
  return null;
}

/** A cron file: its variables, and its one job line split as cron splits it (five time fields, the user, the command). */
function parseCron(text: string): { env: Record<string, string>; user: string; command: string } {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const env: Record<string, string> = {};
  const jobs: { user: string; command: string }[] = [];
  for (const line of lines) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (assignment) env[assignment[1]!] = assignment[2]!;
    else {
      const job = /^(\S+\s+){5}(\S+)\s+(.*)$/.exec(line);
      expect(job).not.toBeNull();
      jobs.push({ user: job![2]!, command: job![3]! });
    }
  }
  expect(jobs).toHaveLength(1);
  return { env, ...jobs[0]! };
}

let signing: SigningService;
let registry: FixtureRegistry;
let p1: Publication;
let p2: Publication;

beforeAll(async () => {
  const key = generateKeyPairSync('ed25519').privateKey;
  signing = new SigningService(await prepareKeys([{ fromSerial: 0, privateKey: key, publicKey: createPublicKey(key), source: 'test' }]));
  registry = await new FixtureRegistry().start();
  p1 = publish(signing, { serial: 1, previous: null, domains: ['bad.example'] });
  p2 = publish(signing, { serial: 2, previous: p1, domains: ['bad.example', 'worse.example'] });
});
afterAll(async () => {
  await registry.stop();
});

const blocks = installBlocks();

describe("README's install steps for ISPs", () => {
  it('has one block for BIND and one for Unbound, each with a cron file', () => {
    expect(blocks.map((b) => /^\* \* \* \* \* (\S+) /m.exec(b)?.[1])).toEqual(['bind', 'unbound']);
  });

  describe.each(Object.keys(RESOLVERS) as CronUser[])('for %s', (user) => {
    const why = cannotRun(user);
    const resolver = RESOLVERS[user];
    const test = why ? it.skip : it;
    const name = (text: string) => (why ? `${text} (skipped: ${why})` : text);

    test(name('installs as written, and the cron job applies as its user, reloads, logs, and mails only what went wrong'), async () => {
      const block = blocks.find((b) => b.includes(`* * * * * ${user} `))!;
      const root = mkdtempSync(join(tmpdir(), `isp-install-${user}-`));
      chmodSync(root, 0o755);
      for (const sub of ['usr/local/bin', 'etc/cron.d', 'var/lib']) mkdirSync(join(root, sub), { recursive: true, mode: 0o755 });
      // The resolver's directory as its package made it on this machine.
      const real = statSync(resolver.directory);
      const directory = `${root}${resolver.directory}`;
      mkdirSync(directory);
      chownSync(directory, real.uid, real.gid);
      chmodSync(directory, real.mode & 0o7777);

      // README's block, as root, in the repository.
      const install = await run('/bin/sh', ['-eu', '-c', moved(block, root)]);
      expect(install).toEqual({ code: 0, stdout: '', stderr: '' });
      // Pinned as README says (curl -o as root: a file readable by all).
      writeFileSync(join(root, 'etc/kz-registry-sync/keys', `${p1.keyId}.pem`), signing.publicKeyPem(p1.keyId)!, { mode: 0o644 });

      const cron = parseCron(readFileSync(join(root, 'etc/cron.d/kz-registry-sync'), 'utf8'));
      expect(cron.user).toBe(user);
      // A failure reaches someone: cron mails what the job writes, and the job drops only its stdout.
      expect(cron.env.MAILTO).toMatch(/^\S+$/);
      expect(cron.command).toMatch(/ -l daemon /);
      expect(cron.command).toMatch(/ >\/dev\/null$/);
      const { uid, gid } = account(user)!;
      // Cron's own environment for a job, then the cron file's variables over it.
      const jobEnv = { HOME: '/', LOGNAME: user, SHELL: '/bin/sh', PATH: '/usr/bin:/bin', ...cron.env };
      const asUser = (argv: string[], env: Record<string, string> = jobEnv): Promise<Run> =>
        run('runuser', ['-u', user, '--', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], {}, root);

      // What the job runs is on the job's PATH (the reload command's program too: rndc and unbound-control are in
      // /usr/sbin, which cron's own PATH lacks).
      const programs = ['curl', 'openssl', 'sha256sum', 'logger', resolver.reload.split(' ')[0]!];
      expect(await asUser(['/bin/sh', '-c', programs.map((p) => `command -v ${p} >/dev/null`).join(' && ')])).toEqual({ code: 0, stdout: '', stderr: '' });

      // The reload command and logger stood in for, first on the job's PATH: each records who ran it, with what.
      const fakes = join(root, 'fakes');
      const calls = join(root, 'calls.log');
      mkdirSync(fakes, { mode: 0o755 });
      writeFileSync(calls, '', { mode: 0o666 });
      chmodSync(calls, 0o666);
      for (const program of ['logger', resolver.reload.split(' ')[0]!]) {
        writeFileSync(join(fakes, program), `#!/bin/sh\nprintf '%s %s %s\\n' "$(id -un)" "${program}" "$*" >> '${calls}'\n`, { mode: 0o755 });
      }
      const job = moved(cron.command, root).replace('https://registry.example.kz', registry.base);
      // The state and keys directories are the client's defaults, which are not moved: the environment names them.
      const state = join(root, 'var/lib/kz-registry-sync');
      const runJob = () =>
        asUser(['/bin/sh', '-c', job], { ...jobEnv, PATH: `${fakes}:${jobEnv.PATH}`, KZR_STATE_DIR: state, KZR_KEYS_DIR: join(root, 'etc/kz-registry-sync/keys') });
      const logged = () => readFileSync(calls, 'utf8');
      const target = join(directory, `kz-crypto-registry.${user === 'bind' ? 'rpz' : 'conf'}`);
      expect(job).toContain(` -o ${target} `);

      // Applies, as the user, the file and the state its own; nothing to mail.
      registry.routes.clear();
      registry.latest(p1);
      expect(await runJob()).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(target)).toEqual(p1.files.get(resolver.file));
      expect(statSync(target)).toMatchObject({ uid, gid });
      expect(statSync(join(state, 'applied'))).toMatchObject({ uid, gid });
      const size = p1.files.get(resolver.file)!.length;
      expect(logged()).toBe(
        `${user} ${resolver.reload}\n` + `${user} logger -t ${PROG} -p daemon.notice -- installed serial 1 (${resolver.format}, ${size} bytes) at ${target}\n`,
      );

      // Nothing to do: logged at debug, nothing mailed.
      expect(await runJob()).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(logged().split('\n').at(-2)).toBe(`${user} logger -t ${PROG} -p daemon.debug -- serial 1 is applied and still the latest; nothing to do`);

      // A refusal: exit 1, mailed (stderr), logged at err.
      const tampered = Buffer.from(p2.files.get(resolver.file)!.toString().replace('worse.example', 'wors3.example'));
      registry.latest(p2).routes.set(`/v1/blocklist/2/${resolver.file}`, tampered);
      const refusal = `tamper: ${resolver.file} of serial 2 has SHA-256 ${sha256(tampered)}, the manifest says ${sha256(p2.files.get(resolver.file)!)}`;
      expect(await runJob()).toEqual({ code: 1, stdout: '', stderr: `${PROG}: refused: ${refusal}\n` });
      expect(logged().split('\n').at(-2)).toBe(`${user} logger -t ${PROG} -p daemon.err -- refused: ${refusal}`);
      expect(readFileSync(target)).toEqual(p1.files.get(resolver.file));

      // The state directory as `mkdir -p` as root leaves it (what README said before): a failure that says what to do.
      chownSync(state, 0, 0);
      const unwritable = `the state directory ${state} is not writable by user ${user}, which this job runs as: make it that user's (as root: chown ${user}:${user} ${state})`;
      expect(await runJob()).toEqual({ code: 3, stdout: '', stderr: `${PROG}: failed: ${unwritable}\n` });
      expect(logged().split('\n').at(-2)).toBe(`${user} logger -t ${PROG} -p daemon.err -- failed: ${unwritable}`);
      chownSync(state, uid, gid);

      // Back to the real file: the next run applies serial 2 and leaves the state directory as it found it.
      registry.latest(p2);
      expect(await runJob()).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(target)).toEqual(p2.files.get(resolver.file));
      expect(readdirSync(state).sort()).toEqual(['applied', 'manifest.json']);
    });

    test(name('a target in a directory the user may not write fails before any request, saying what to do'), async () => {
      const root = mkdtempSync(join(tmpdir(), `isp-install-${user}-`));
      chmodSync(root, 0o755);
      const state = join(root, 'state');
      const keys = join(root, 'keys');
      mkdirSync(keys, { mode: 0o755 });
      mkdirSync(state, { mode: 0o750 });
      chownSync(state, account(user)!.uid, account(user)!.gid);
      // Like /etc/bind or /etc/unbound: root's, readable by all.
      const etc = join(root, 'etc');
      mkdirSync(etc, { mode: 0o755 });
      const script = join(root, 'kz-registry-sync');
      copyFileSync(CLIENT_SCRIPT, script);
      chmodSync(script, 0o755);
      const from = registry.requests.length;
      const result = await run('runuser', ['-u', user, '--', '/bin/sh', script, '-u', registry.base, '-o', join(etc, 'kz.rpz'), '-s', state, '-k', keys], {}, root);
      expect(result).toEqual({
        code: 3,
        stdout: '',
        stderr: `${PROG}: failed: the target's directory ${etc} is not writable by user ${user}: the file is written beside the target and renamed over it, so choose a target in a directory that user may write and the resolver reads (Debian: /var/lib/bind for BIND, /var/lib/unbound for Unbound)\n`,
      });
      expect(registry.requests.length).toBe(from);
    });
  });
});
