// The check with its database frozen (every PostgreSQL process stopped with SIGSTOP: connections stay open and
// nothing answers): it keeps answering from its index with its serial, says since when it is stale, refuses with a
// 503 once that is longer than CHECK_MAX_STALENESS_SECONDS, and recovers without a restart. A PostgreSQL of its own:
// the one the rest of the suite shares must not freeze.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import request from 'supertest';
import { createRegistryApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/app-config.js';
import { DemoDataLoader } from '../../src/demo/demo-data.loader.js';
import { type EmbeddedDatabase, findFreePort, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';

let dir: string;
let database: EmbeddedDatabase;
let app: NestFastifyApplication;
let frozen: number[] = [];

/** The postmaster and every process it started, read from its data folder and /proc. */
function postgresProcesses(): number[] {
  const postmaster = Number(readFileSync(resolve(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // "pid (comm) state ppid ...": the command may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

function thaw(): void {
  for (const pid of frozen) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone already
    }
  }
  frozen = [];
}

beforeAll(async () => {
  const port = await findFreePort();
  dir = `.data/test-frozen-${port}`;
  database = await startEmbeddedPostgres({ dir, port, database: 'registry', persistent: false });
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CHECK_MAX_STALENESS_SECONDS: '12', RATE_LIMIT_PER_MINUTE: '1000000' });
  app = await createRegistryApp({ config, databaseUrl: database.url });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await app.get(DemoDataLoader).loadIfEmpty();
  // The demo's notifications applied, so that what the test sees is the freeze and nothing still in flight.
  await new Promise((done) => setTimeout(done, 1000));
}, 60_000);

afterAll(async () => {
  thaw();
  await app?.close();
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

const check = () => request(app.getHttpServer()).get('/v1/check').query({ q: 'https://www.coinbase.com/login' });

async function until<T>(probe: () => Promise<T | null>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('GET /v1/check with the database frozen', () => {
  it('answers from its index with its serial, then says how stale, then 503 with Retry-After, and recovers', async () => {
    const before = await check().expect(200);
    expect(before.body).toMatchObject({ verdict: 'blocked', stale: null });
    const serial: number = before.body.serial;

    frozen = postgresProcesses();
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    const frozenAt = Date.now();

    // At once, and without waiting for the database.
    const during = await check().expect(200);
    expect(during.body).toMatchObject({ verdict: 'blocked', serial });

    // Once the listener's heartbeat goes unanswered, the answer says since when it is not known to be current: the
    // last heartbeat answered before the freeze (one every 3 s).
    const stale = await until(async () => {
      const res = await check().expect(200);
      return res.body.stale ? res.body : null;
    }, 15_000);
    expect(stale).toMatchObject({ verdict: 'blocked', serial, stale: { ageSeconds: expect.any(Number) } });
    expect(stale.stale.ageSeconds).toBeLessThanOrEqual(12);
    expect(Date.parse(stale.stale.since)).toBeLessThanOrEqual(frozenAt);
    expect(Date.parse(stale.stale.since)).toBeGreaterThan(frozenAt - 4_000);

    // Past CHECK_MAX_STALENESS_SECONDS: no answer that could miss a block, but a problem that says when to retry.
    const refused = await until(async () => {
      const res = await check();
      return res.status === 503 ? res : null;
    }, 15_000);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.body).toMatchObject({ status: 503, code: 'check-unavailable', serial, stale: { since: stale.stale.since } });
    expect(refused.body.detail).toContain(`serial ${serial}`);

    thaw();
    const recovered = await until(async () => {
      const res = await check();
      return res.status === 200 && res.body.stale === null ? res.body : null;
    }, 30_000);
    expect(recovered).toMatchObject({ verdict: 'blocked', serial });
  }, 90_000);
});
