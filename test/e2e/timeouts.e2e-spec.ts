// The HTTP bounds: a request whose body never finishes arriving (HTTP_BODY_TIMEOUT_MS) and one that is not answered
// in time (HTTP_REQUEST_TIMEOUT_MS) both get a problem, not a connection held open for ever; and a statement that
// outlasts DATABASE_STATEMENT_TIMEOUT_MS is a 503 that leaves nothing written.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { exchange, listen } from '../setup/raw-http.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const entryBody = (value: string) => ({
  legalBasis: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  source: { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' },
  entries: [{ kind: 'domain', value, match: 'exact' }],
});

/** Room for a busy machine; Node looks for expired requests once a second. */
const SLACK_MS = 1500;

let t: TestApp;
let port: number;
let key: string;
let db: pg.Client;

beforeAll(async () => {
  // No lock bound: only the whole-request bound can end the write held up below. It is longer than the body bound
  // (which Node applies within a second of its expiry), so the body test meets the body bound.
  t = await createTestApp({ HTTP_BODY_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '3000', DATABASE_LOCK_TIMEOUT_MS: '0' });
  port = await listen(t.app);
  key = (await createKey(t.app, ['blocklist:write'])).key;
  db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('HTTP_BODY_TIMEOUT_MS', () => {
  it('answers a body that stops arriving with a 408 problem and closes the connection', async () => {
    const started = performance.now();
    const [answer, ...more] = await exchange(
      port,
      [
        'POST /v1/admin/blocklist/entries HTTP/1.1\r\nHost: registry.test\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${key}\r\nContent-Length: 200\r\n\r\n{"entries":[`,
      ],
      0,
      5000,
    );
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(2000 + SLACK_MS);
    expect(more).toEqual([]);
    expect(answer).toMatchObject({ status: 408, headers: { 'content-type': 'application/problem+json', connection: 'close' } });
    expect(JSON.parse(answer!.body)).toMatchObject({ status: 408, code: 'request-timeout', detail: 'The request did not arrive in full in time.' });
  });
});

describe('HTTP_REQUEST_TIMEOUT_MS', () => {
  it('answers a request still unanswered after it with a 503 problem that says a change may still be made', async () => {
    const value = `held-up-${Date.now().toString(36)}.example`;
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT serial FROM blocklist_head WHERE id = 1 FOR UPDATE');
    try {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/v1/admin/blocklist/entries?lang=en`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(entryBody(value)),
      });
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThanOrEqual(3000);
      expect(ms).toBeLessThan(3000 + SLACK_MS);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({
        code: 'response-timeout',
        detail:
          'The request was not answered within 3 s: retry it. A change may still have been made: read it back first, or retry a creating request with the same Idempotency-Key.',
      });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // What the answer warned of: the write was not cancelled, and lands once the lock is free.
    let landed = 0;
    for (let i = 0; i < 100 && landed === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      landed = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM blocklist_entries WHERE value = $1', [value])).rows[0]!.n;
    }
    expect(landed).toBe(1);
  });
});

describe('DATABASE_STATEMENT_TIMEOUT_MS', () => {
  it('answers a write whose statement outlasts it with a 503 database-timeout, and writes nothing', async () => {
    // No lock bound: the wait for the lock counts against the statement bound, which ends it.
    const app = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '1000', DATABASE_LOCK_TIMEOUT_MS: '0' });
    const holder = new pg.Client({ connectionString: app.databaseUrl });
    const value = `slow-statement-${Date.now().toString(36)}.example`;
    try {
      const writer = (await createKey(app.app, ['blocklist:write'])).key;
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT serial FROM blocklist_head WHERE id = 1 FOR UPDATE');
      const started = performance.now();
      const res = await request(app.server)
        .post('/v1/admin/blocklist/entries')
        .set('authorization', `Bearer ${writer}`)
        .send(entryBody(value));
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThanOrEqual(1000);
      expect(ms).toBeLessThan(1000 + SLACK_MS);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ code: 'database-timeout', status: 503 });
      await holder.query('ROLLBACK');
      const { rows } = await holder.query<{ n: number }>('SELECT count(*)::int AS n FROM blocklist_entries WHERE value = $1', [value]);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await holder.end();
      await app.close();
    }
  });
});

