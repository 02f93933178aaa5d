// A creating request with an Idempotency-Key whose server process dies by SIGKILL at the COMMIT of the write's
// transaction (test/setup/crash-at-commit.mjs, preloaded into the built server). The key's record is written by that
// same transaction, so: dead after COMMIT, the retry replays what committed and writes nothing; dead before COMMIT,
// nothing is left and the retry writes exactly once. Never a second firm, never a key stuck for ever.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createKey } from '../setup/api-keys.js';
import { type SpawnedServer, startServer } from '../setup/spawned-server.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PRELOAD = fileURLToPath(new URL('../setup/crash-at-commit.mjs', import.meta.url));

let t: TestApp;
let db: pg.Client;
let apiKey: { id: string; key: string };
const started: SpawnedServer[] = [];

beforeAll(async () => {
  t = await createTestApp();
  apiKey = await createKey(t.app, ['firms:write']);
  db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  await db?.end();
  await t?.close();
});

async function server(crashAt?: 'after-commit' | 'before-commit'): Promise<SpawnedServer> {
  const env: Record<string, string> = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent', LOAD_DEMO_DATA: 'false', NODE_ENV: 'test' };
  const s = crashAt
    ? await startServer({ ...env, KZ_CRASH_AT: crashAt }, 30_000, { nodeArgs: ['--import', PRELOAD] })
    : await startServer(env);
  started.push(s);
  return s;
}

function firmBody(domain: string, en = `Crash Test Exchange (${domain})`) {
  const source = { document: 'Crash test register extract', readOn: '2026-11-24', confidence: 'unconfirmed' };
  return { names: { en }, jurisdiction: 'AIFC', domains: [{ domain, source }], source };
}

function post(base: string, idempotencyKey: string, body: object): Promise<Response> {
  return fetch(`${base}/v1/admin/firms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey.key}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The request dies with its server: the connection is reset, the process gone by a signal (exit code null). */
async function expectCrash(crashing: SpawnedServer, request: Promise<Response>, at: 'after-commit' | 'before-commit'): Promise<void> {
  const error: { message: string; cause?: { code?: string } } = await request.then(
    (res) => ({ message: `expected the connection to drop, got ${res.status}` }),
    (e: unknown) => e as { message: string; cause?: { code?: string } },
  );
  expect(error.message).toBe('fetch failed');
  expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(error.cause?.code);
  await expect(fetch(`${crashing.base}/health/ready`)).rejects.toThrow('fetch failed');
  // A live server would handle SIGTERM and exit 0; null means SIGKILL had already ended it.
  expect(await crashing.stop()).toBeNull();
  // The preload's last words: the fault fired where it was meant to, on the transaction that claimed the key. The
  // pipe may still hold them when 'exit' comes, so give it a moment.
  const words = `crash-at-commit: SIGKILL ${at}\n`;
  for (let i = 0; i < 20 && !crashing.output().includes(words); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(crashing.output()).toContain(words);
}

async function firmIds(domain: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT DISTINCT f.id FROM firms f JOIN firm_domains d ON d.firm_id = f.id WHERE d.domain = $1',
    [domain],
  );
  return rows.map((r) => r.id);
}

async function record(key: string): Promise<{ status: number; body: { id: string } | null }[]> {
  const { rows } = await db.query<{ status: number; body: { id: string } | null }>(
    'SELECT status, body FROM idempotency_keys WHERE api_key_id = $1 AND key = $2',
    [apiKey.id, key],
  );
  return rows;
}

async function auditCreates(firmId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'firm.create' AND target_id = $1`,
    [firmId],
  );
  return rows[0]!.n;
}

describe('an Idempotency-Key across a server killed at COMMIT', () => {
  it('after COMMIT: the firm and its record are there once, and the retry replays them', async () => {
    const key = 'crash-after-commit-1';
    const domain = 'crash-after-commit.example';
    const body = firmBody(domain);

    const crashing = await server('after-commit');
    await expectCrash(crashing, post(crashing.base, key, body), 'after-commit');

    const ids = await firmIds(domain);
    expect(ids).toHaveLength(1);
    const stored = await record(key);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe(201);
    expect(stored[0]!.body).toMatchObject({ id: ids[0], domains: [{ domain }] });

    const normal = await server();
    try {
      const retry = await post(normal.base, key, body);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const replayed = (await retry.json()) as { id: string };
      expect(replayed.id).toBe(ids[0]);
      expect(replayed).toEqual(stored[0]!.body);
      expect(await firmIds(domain)).toEqual(ids);
      expect(await auditCreates(ids[0]!)).toBe(1);

      const other = await post(normal.base, key, firmBody('crash-after-commit-other.example', 'Other Exchange'));
      expect(other.status).toBe(422);
      expect(((await other.json()) as { code: string }).code).toBe('idempotency-key-reused');
      expect(await firmIds('crash-after-commit-other.example')).toEqual([]);
      expect(await record(key)).toEqual(stored);
    } finally {
      await normal.stop();
    }
  }, 60_000);

  it('before COMMIT: nothing is left, and the retry writes the firm exactly once', async () => {
    const key = 'crash-before-commit-1';
    const domain = 'crash-before-commit.example';
    const body = firmBody(domain);

    const crashing = await server('before-commit');
    await expectCrash(crashing, post(crashing.base, key, body), 'before-commit');

    expect(await firmIds(domain)).toEqual([]);
    expect(await record(key)).toEqual([]);

    const normal = await server();
    try {
      const retry = await post(normal.base, key, body);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      const created = (await retry.json()) as { id: string };
      expect(await firmIds(domain)).toEqual([created.id]);
      expect(await auditCreates(created.id)).toBe(1);
      const stored = await record(key);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.status).toBe(201);
      expect(stored[0]!.body).toEqual(created);
    } finally {
      await normal.stop();
    }
  }, 60_000);
});
