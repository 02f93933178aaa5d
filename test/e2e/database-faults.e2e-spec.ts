// The built server through database faults, on a PostgreSQL of this file's own (the shared test database is never
// frozen or stopped): start-up against nothing, a database that comes up late, a frozen one (SIGSTOP), one stopped
// and started again, one gone read-only, and a write stuck behind another transaction's lock. The bounds are set
// small through the environment so each fault answers within a second or two.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { generateKey } from '../../src/api-keys/api-key-format.js';
import { type EmbeddedDatabase, findFreePort, runningPostmaster, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';
import { withDatabase } from '../setup/database.js';
import { problem, timed } from '../setup/fault-answers.js';
import { type SpawnedServer, startServer } from '../setup/spawned-server.js';

const LATE_MS = 2000;
const BOUNDS = {
  DATABASE_CONNECT_TIMEOUT_MS: '1000',
  DATABASE_STATEMENT_TIMEOUT_MS: '1500',
  DATABASE_LOCK_TIMEOUT_MS: '1000',
};
/** A frozen database is given up DATABASE_STATEMENT_TIMEOUT_MS + 1 s after a statement was sent. */
const SILENCE_MS = 2500;
/** Room for a busy machine (two CPUs shared with other test runs). */
const SLACK_MS = 1500;

let pgPort: number;
let dir: string;
let url: string;
let database: EmbeddedDatabase;
let server: SpawnedServer;
let lateStart: { waitedMs: number; readyMs: number };
let db: pg.Client;
let key: string;
let unique = 0;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const startDatabase = () => startEmbeddedPostgres({ dir, port: pgPort, database: 'registry', persistent: true });

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

function addEntry(value: string, idempotencyKey?: string): Promise<Response> {
  return fetch(`${server.base}/v1/admin/blocklist/entries`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
    },
    body: JSON.stringify({
      legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
      source: { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' },
      entries: [{ kind: 'domain', value, match: 'exact' }],
    }),
  });
}

const fresh = (label: string) => `${label}-${++unique}-${Date.now().toString(36)}.example`;

async function readiness(): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${server.base}/health/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Polls readiness until `ok` holds (the pool finds out about dropped connections as it uses them). */
async function readyWhen(ok: (r: { status: number; body: Record<string, any> }) => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await readiness();
    if (ok(r)) return;
    if (Date.now() > deadline) throw new Error(`readiness stayed ${r.status} ${JSON.stringify(r.body)}`);
    await wait(100);
  }
}

async function entriesWithValue(value: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM blocklist_entries WHERE value = $1', [value]);
  return rows[0]!.n;
}

/** The postmaster and every process it started (backends, checkpointer, WAL writer...). */
async function postgresProcesses(): Promise<number[]> {
  const postmaster = await runningPostmaster(dir);
  if (!postmaster) throw new Error('no postmaster');
  const { stdout } = await promisify(execFile)('pgrep', ['-P', String(postmaster.pid)]);
  return [postmaster.pid, ...stdout.split('\n').filter(Boolean).map(Number)];
}

/**
 * What loading the service and exiting costs on this machine now: a run refused by its config (a bad port) exits
 * right after the modules load, as a start-up deadline's exit does. A busy machine slows both alike.
 */
let loadMs: number | undefined;
async function processLoadMs(): Promise<number> {
  loadMs ??= (await runMain({ PORT: 'not-a-port' }).exited).ms;
  return loadMs;
}

function runMain(env: Record<string, string>): { exited: Promise<{ code: number | null; ms: number }>; output: () => string } {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, ms: performance.now() - started })),
  );
  setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  return { exited, output: () => output };
}

beforeAll(async () => {
  pgPort = await findFreePort();
  dir = `.data/faults-${pgPort}`;
  // Made once and stopped: the URL (its password included) is known, and the service starts before its database.
  const made = await startDatabase();
  url = made.url;
  await made.stop();

  const env = {
    ...BOUNDS,
    DATABASE_URL: url,
    DATABASE_STARTUP_TIMEOUT_MS: '30000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    LOAD_DEMO_DATA: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  // The database comes up LATE_MS after the service says it is waiting for it (not after a fixed time: on a busy
  // machine loading the modules alone can take longer than that).
  const waitingLine = `"msg":"Waiting for the database in DATABASE_URL (127.0.0.1:${pgPort}/registry)"`;
  let sawWaiting!: () => void;
  const waiting = new Promise<void>((resolve) => (sawWaiting = resolve));
  const started = performance.now();
  const starting = startServer(env, 60_000, { onOutput: (output) => output.includes(waitingLine) && sawWaiting() });
  await Promise.race([waiting, starting]);
  await wait(LATE_MS);
  database = await startDatabase();
  const waitedMs = performance.now() - started;
  server = await starting;
  lateStart = { waitedMs, readyMs: performance.now() - started };

  db = await connect();
  const generated = generateKey();
  key = generated.key;
  await db.query(
    `INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES ($1, 'faults', $2, $3, 'cli')`,
    [generated.id, generated.secretHash, ['blocklist:write', 'audit:read', 'keys:admin']],
  );
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await db?.end().catch(() => undefined);
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(`${dir}.password`, { force: true });
}, 30_000);

describe('start-up', () => {
  it('waits for a database that comes up a few seconds late, then starts', async () => {
    expect(lateStart.waitedMs).toBeGreaterThanOrEqual(LATE_MS);
    expect(server.output()).toContain(`"msg":"Waiting for the database in DATABASE_URL (127.0.0.1:${pgPort}/registry)"`);
    expect(server.output()).not.toContain(new URL(url).password);
    expect((await fetch(`${server.base}/v1/firms`)).status).toBe(200);
  });

  it('exits within DATABASE_STARTUP_TIMEOUT_MS, with a sentence, when nothing listens on the port', async () => {
    const port = await findFreePort();
    const run = runMain({ DATABASE_URL: `postgres://registry:s3cret@127.0.0.1:${port}/registry`, DATABASE_STARTUP_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '500' });
    const { code, ms } = await run.exited;
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms - (await processLoadMs())).toBeLessThan(2000 + SLACK_MS);
    expect(run.output()).toMatch(
      new RegExp(
        `The database in DATABASE_URL \\(127\\.0\\.0\\.1:${port}/registry\\) did not answer within 2(\\.\\d)? s \\(\\d+ attempts\\): ` +
          'the database cannot be reached \\(ECONNREFUSED\\)\\. Check that PostgreSQL is running there and accepts connections ' +
          'from this host, and that DATABASE_URL is right; DATABASE_STARTUP_TIMEOUT_MS sets how long start-up waits\\.',
      ),
    );
    expect(run.output()).not.toContain('s3cret');
  });

  it('exits within the deadline when a server accepts connections and never says a word', async () => {
    const silent: Socket[] = [];
    const listener: Server = await new Promise((resolve) => {
      const s = createServer((socket) => silent.push(socket)).listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const port = (listener.address() as { port: number }).port;
      const run = runMain({ DATABASE_URL: `postgres://registry:s3cret@127.0.0.1:${port}/registry`, DATABASE_STARTUP_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '500' });
      const { code, ms } = await run.exited;
      expect(code).toBe(1);
      expect(ms - (await processLoadMs())).toBeLessThan(2000 + SLACK_MS);
      expect(run.output()).toContain(
        `The database in DATABASE_URL (127.0.0.1:${port}/registry) did not answer within 2`,
      );
      expect(run.output()).toContain('the database did not accept a connection within DATABASE_CONNECT_TIMEOUT_MS.');
    } finally {
      for (const socket of silent) socket.destroy();
      listener.close();
    }
  });
});

describe('a frozen database (SIGSTOP)', () => {
  it('answers writes 503 within the bound, says why in readiness, stays live, and writes again once it thaws', async () => {
    expect((await addEntry(fresh('before-freeze'))).status).toBe(201);
    const frozen = fresh('frozen');
    const pids = await postgresProcesses();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const write = await timed(() => addEntry(frozen));
      expect(write.ms).toBeLessThan(SILENCE_MS + SLACK_MS);
      const answer = await problem(write.value);
      expect(answer).toMatchObject({ status: 503, code: 'database-timeout', retryAfter: '5' });

      const ready = await timed(readiness);
      expect(ready.ms).toBeLessThan(1000 + SLACK_MS);
      expect(ready.value.status).toBe(503);
      expect(ready.value.body).toMatchObject({
        code: 'service-unavailable',
        detail: 'Not ready. database: The database did not answer within 1000 ms.',
        checks: { database: { status: 'down', reason: 'The database did not answer within 1000 ms.' } },
      });

      const live = await timed(() => fetch(`${server.base}/health/live`));
      expect(live.value.status).toBe(200);
      expect(live.ms).toBeLessThan(500);

      // A read waits no longer than a write.
      const list = await timed(() => fetch(`${server.base}/v1/admin/audit-events`, { headers: { authorization: `Bearer ${key}` } }));
      expect(list.ms).toBeLessThan(SILENCE_MS + SLACK_MS);
      expect(await problem(list.value)).toMatchObject({ status: 503, code: 'database-timeout' });
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
    await readyWhen((r) => r.status === 200);
    expect((await addEntry(fresh('after-thaw'))).status).toBe(201);
    // The write given up on was rolled back with its connection.
    expect(await entriesWithValue(frozen)).toBe(0);
  }, 30_000);
});

describe('PostgreSQL dropping every connection of the service', () => {
  it('leaves the process up, and the pool opens new connections for the next requests', async () => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = 'registry' AND pid <> pg_backend_pid() AND application_name LIKE 'kz-crypto-registry%'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    // The pool hears of each loss as the connection's error, a moment later.
    await wait(200);
    expect((await fetch(`${server.base}/v1/firms`)).status).toBe(200);
    expect((await addEntry(fresh('after-drop'))).status).toBe(201);
    expect((await readiness()).status).toBe(200);
  });
});

describe('a database stopped and started again', () => {
  it('answers 503 while it is down and recovers without a restart once it is back on the same port and data', async () => {
    await db.end();
    await database.stop();
    try {
      const write = await timed(() => addEntry(fresh('while-down')));
      expect(write.ms).toBeLessThan(1000 + SLACK_MS);
      expect(await problem(write.value)).toMatchObject({ status: 503, code: 'database-unavailable', retryAfter: '5' });
      const ready = await readiness();
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database.reason).toBe('The database cannot be reached (ECONNREFUSED).');
      expect((await fetch(`${server.base}/health/live`)).status).toBe(200);
    } finally {
      database = await startDatabase();
      db = await connect();
    }
    await readyWhen((r) => r.status === 200);
    expect((await addEntry(fresh('after-restart'))).status).toBe(201);
  }, 30_000);
});

describe('a read-only database', () => {
  it('keeps authenticated reads working (no write on the request path) and answers writes 503, not 500', async () => {
    // A key never used yet: authenticating it would record its first use.
    const unused = generateKey();
    await db.query(`INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES ($1, 'read-only', $2, $3, 'cli')`, [
      unused.id,
      unused.secretHash,
      ['audit:read'],
    ]);
    const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    const dropServiceConnections = () =>
      admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'registry' AND pid <> pg_backend_pid() AND application_name = 'kz-crypto-registry'`);
    try {
      await admin.query('ALTER DATABASE registry SET default_transaction_read_only = on');
      await dropServiceConnections();
      await readyWhen((r) => r.status === 200 && r.body.status === 'degraded');
      expect((await readiness()).body.details.database).toEqual({
        status: 'degraded',
        reason: 'The database is read-only: reads are served, changes answer 503.',
      });

      const read = await fetch(`${server.base}/v1/admin/audit-events`, { headers: { authorization: `Bearer ${unused.key}` } });
      expect(read.status).toBe(200);
      expect((await fetch(`${server.base}/v1/firms`)).status).toBe(200);

      const write = await addEntry(fresh('read-only'));
      expect(await problem(write)).toMatchObject({ status: 503, code: 'database-read-only', retryAfter: '30' });
      for (let i = 0; i < 50 && !server.output().includes('Could not record when the API key was last used'); i++) await wait(20);
      expect(server.output()).toContain('Could not record when the API key was last used');
    } finally {
      await admin.query('ALTER DATABASE registry SET default_transaction_read_only = off');
      await dropServiceConnections();
      await admin.end();
    }
    await readyWhen((r) => r.status === 200 && r.body.status === 'ok');
    expect((await addEntry(fresh('writable-again'))).status).toBe(201);
  }, 30_000);
});

describe('a write behind another transaction\'s lock', () => {
  it('answers 503 within DATABASE_LOCK_TIMEOUT_MS, writes nothing, and succeeds with the same Idempotency-Key once the lock is gone', async () => {
    const value = fresh('locked');
    const counts = async () =>
      (
        await db.query<{ serial: number; audit: number; claims: number }>(
          `SELECT (SELECT serial FROM blocklist_head)::int AS serial, (SELECT count(*) FROM audit_events)::int AS audit,
                  (SELECT count(*) FROM idempotency_keys WHERE key = 'locked-write')::int AS claims`,
        )
      ).rows[0];
    const before = await counts();
    const holder = await connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT serial FROM blocklist_head WHERE id = 1 FOR UPDATE');
      const write = await timed(() => addEntry(value, 'locked-write'));
      expect(write.ms).toBeGreaterThanOrEqual(1000);
      expect(write.ms).toBeLessThan(1000 + SLACK_MS);
      expect(await problem(write.value)).toMatchObject({ status: 503, code: 'database-timeout', retryAfter: '5' });
      expect(await entriesWithValue(value)).toBe(0);
      expect(await counts()).toEqual(before);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const retried = await addEntry(value, 'locked-write');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await entriesWithValue(value)).toBe(1);
  });
});
