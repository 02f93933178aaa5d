// The built server as an operator runs it: `node dist/src/main.js`, embedded PostgreSQL and all.
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { findFreePort, runningPostmaster } from '../../src/platform/database/embedded-postgres.js';
import { testSigningKeyFile } from '../setup/signing-key.js';

const MAIN = 'dist/src/main.js';
const started: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `group`: the service leads its own process group, as under a terminal, where Ctrl-C reaches every process of it. */
function run(env: Record<string, string>, group = false): Run {
  const child = spawn(process.execPath, [MAIN], {
    // A configured key: without one the service warns that it signs with a development key, and these runs must not warn.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', SIGNING_KEY_FILE: testSigningKeyFile(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(url: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready`);
}

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the service process', () => {
  it('exits with a readable list when the configuration is invalid', async () => {
    const r = run({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await r.exited).toBe(1);
    expect(r.output()).toContain('Invalid configuration');
    expect(r.output()).toContain('PORT');
    expect(r.output()).toContain('LOG_LEVEL');
  });

  it('says clearly when the embedded PostgreSQL port is taken', async () => {
    const port = await findFreePort();
    const blocker: Server = await new Promise((resolve) => {
      const s = createServer().listen(port, '127.0.0.1', () => resolve(s));
    });
    try {
      const r = run({ EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DIR: `.data/proc-clash-${port}`, PORT: '0' });
      expect(await r.exited).toBe(1);
      expect(r.output()).toContain(`Port ${port} is already in use`);
      expect(r.output()).toContain('EMBEDDED_PG_PORT');
    } finally {
      blocker.close();
    }
  });

  it('starts on an embedded PostgreSQL, loads the demo once, keeps data across restarts and stops cleanly', async () => {
    const [pgPort, httpPort] = [await findFreePort(), await findFreePort()];
    const dir = `.data/proc-${pgPort}`;
    const env = {
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DIR: dir,
      PORT: String(httpPort),
      HOST: '127.0.0.1',
    };
    const base = `http://127.0.0.1:${httpPort}`;
    try {
      const first = run(env);
      await waitFor(`${base}/health/ready`);
      const firms = (await (await fetch(`${base}/v1/firms`)).json()) as { items: { names: { en: string } }[] };
      expect(firms.items.map((f) => f.names.en)).toEqual(['Binance Kazakhstan', 'Bybit Kazakhstan']);
      const check = (await (await fetch(`${base}/v1/check?q=https://www.coinbase.com/login`)).json()) as {
        verdict: string;
      };
      expect(check.verdict).toBe('blocked');
      expect((await fetch(`${base}/docs`)).status).toBe(200);
      expect(first.output()).toContain('Loaded demo data');
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = run(env, true);
      await waitFor(`${base}/health/ready`);
      const again = (await (await fetch(`${base}/v1/firms`)).json()) as { total: number };
      expect(again.total).toBe(2);
      expect(second.output()).not.toContain('Loaded demo data');
      // Ctrl-C: SIGINT to the whole group, the embedded PostgreSQL included. It stops without a warning or a trace.
      process.kill(-second.child.pid!, 'SIGINT');
      expect(await second.exited).toBe(0);
      expect(second.output()).not.toMatch(/"level":(40|50)/);
      expect(second.output()).not.toContain('"stack"');
      // The embedded server stopped with the service: its port is free again.
      const freed = await new Promise<boolean>((resolve) => {
        const s = createServer()
          .once('error', () => resolve(false))
          .listen(pgPort, '127.0.0.1', () => s.close(() => resolve(true)));
      });
      expect(freed).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
      for (const kept of ['password', 'owner-password', 'service-password']) await rm(`${dir}.${kept}`, { force: true });
    }
  }, 60_000);

  it('joins its own embedded PostgreSQL left running by a kill -9, even on another port, and stops it on exit', async () => {
    const [pgPort, otherPgPort, httpPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
    const dir = `.data/proc-orphan-${pgPort}`;
    const env = { EMBEDDED_PG_DIR: dir, PORT: String(httpPort), HOST: '127.0.0.1', LOAD_DEMO_DATA: 'false' };
    const base = `http://127.0.0.1:${httpPort}`;
    try {
      const crashed = run({ ...env, EMBEDDED_PG_PORT: String(pgPort) });
      await waitFor(`${base}/health/ready`);
      crashed.child.kill('SIGKILL');
      await crashed.exited;
      const orphan = await runningPostmaster(dir);
      expect(orphan).toMatchObject({ port: pgPort });

      const next = run({ ...env, EMBEDDED_PG_PORT: String(otherPgPort) });
      await waitFor(`${base}/health/ready`);
      expect(next.output()).toContain('Joined the embedded PostgreSQL already running on the data folder');
      expect(next.output()).not.toContain('undefined');
      next.child.kill('SIGINT');
      expect(await next.exited).toBe(0);
      expect(next.output()).not.toMatch(/"level":(40|50)/);
      expect(await runningPostmaster(dir)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
      for (const kept of ['password', 'owner-password', 'service-password']) await rm(`${dir}.${kept}`, { force: true });
    }
  }, 60_000);

  it('says in a sentence what PostgreSQL said when it cannot start on the data folder', async () => {
    const pgPort = await findFreePort();
    const dir = `.data/proc-broken-${pgPort}`;
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/PG_VERSION`, '9\n');
    try {
      const r = run({ EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(pgPort), PORT: '0' });
      expect(await r.exited).toBe(1);
      expect(r.output()).toMatch(/The embedded PostgreSQL \(data in .*proc-broken-\d+, port \d+\) did not start: postgres: could not access the server configuration file/);
      expect(r.output()).not.toContain('undefined');
    } finally {
      await rm(dir, { recursive: true, force: true });
      for (const kept of ['password', 'owner-password', 'service-password']) await rm(`${dir}.${kept}`, { force: true });
    }
  }, 30_000);

  // As root, PostgreSQL runs as the user postgres: a data folder (or a clone) inside a folder only root may enter,
  // such as /root, made it die with an unhandled `spawn ... EACCES`.
  (process.getuid?.() === 0 ? it : it.skip)('says what to do when root runs it where the postgres user cannot go', async () => {
    const closed = await mkdtemp(join(tmpdir(), 'kz-root-home-'));
    await chmod(closed, 0o700);
    try {
      const r = run({ EMBEDDED_PG_DIR: join(closed, 'project/.data/postgres'), EMBEDDED_PG_PORT: String(await findFreePort()), PORT: '0' });
      expect(await r.exited).toBe(1);
      expect(r.output()).toContain(
        `Running as root, the embedded PostgreSQL runs as the user postgres, which cannot enter ${closed}, so it cannot reach its data`,
      );
      expect(r.output()).toContain('or set DATABASE_URL to a PostgreSQL server.');
      expect(r.output()).not.toContain('EACCES');
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  }, 30_000);
});
