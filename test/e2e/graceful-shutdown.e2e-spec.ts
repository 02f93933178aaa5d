// SIGTERM under load (issue 13, item 4): the built server stops taking connections, answers in full every request it
// has one for (slow batch verifications among them, in flight when the signal comes), closes its database pool and
// exits 0. A load of keep-alive clients runs throughout; every request's outcome is counted.
//
// Each client keeps one connection, as a resolver's or a load balancer's does, and opens a new one only when the
// server closes it: a connection whose handshake completes in the instant between the server's last accept and the
// listener's close is reset by the kernel, whatever the server does, and fetch's pool opens extra connections at
// random (so a test on it would measure that race, not the drain).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { parseConfig } from '../../src/config/app-config.js';
import { createRegistryApp } from '../../src/app.js';
import { createKey } from '../setup/api-keys.js';
import { cloneTemplate } from '../setup/database.js';
import { type SpawnedServer, startServer } from '../setup/spawned-server.js';
import { testSigningKeyFile } from '../setup/signing-key.js';

/** The service's own sessions: the pool's (`kz-crypto-registry`) and start-up's wait (`kz-crypto-registry-start`). */
const SESSIONS = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'kz-crypto-registry%'`;
const LOOPS = 16;
const BATCH_LOOPS = 2;
/** How long the load runs before SIGTERM, and the bound on the exit after it. */
const LOAD_MS = 2000;
const EXIT_BOUND_MS = 10_000;

const QUICK = ['/v1/check?q=https://www.coinbase.com/login', '/v1/firms', '/v1/blocklist/entries?limit=100', '/v1/warnings', '/v1/check?q=binance.kz'];

/** 500 items, names and domains: a few hundred ms each here, so some are in flight when the signal comes. */
const batch = JSON.stringify({
  items: Array.from({ length: 500 }, (_, i) =>
    i % 3 === 0 ? { reference: `r${i}`, name: `Binance Kazakhstan ${i % 7 ? 'Ltd' : 'LLP'}` } : i % 3 === 1 ? { reference: `r${i}`, name: `Nowhere Exchange ${i}` } : { reference: `r${i}`, domain: `www.site${i}.example` },
  ),
});

interface Outcome {
  path: string;
  sentAt: number;
  doneAt: number;
  /** The status of a response read in full, or the error's code (ECONNREFUSED, ECONNRESET, ...). */
  result: number | string;
}

let server: SpawnedServer;
let databaseUrl: string;
/** The service's own credentials, as production runs it. */
let serviceUrl: string;
let drop: () => Promise<void>;
let bankKey: string;
const outcomes: Outcome[] = [];
let signalAt = 0;
let exitedAt = 0;
let exitCode: number | null = null;
let sessionsBefore = -1;
let sessionsAfter = -1;
let refusedAfterExit = '';

async function sessions(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'graceful-shutdown-test' });
  await client.connect();
  try {
    return ((await client.query(SESSIONS)).rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

/** One request on `agent`, with its status once the answer is read in full and parsed: one cut short is an error. */
function send(agent: Agent, path: string, post?: { body: string; headers: Record<string, string> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, server.base), { agent, method: post ? 'POST' : 'GET', headers: post?.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('aborted', () => reject(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' })));
      response.on('error', reject);
      response.on('end', () => {
        try {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve(response.statusCode!);
        } catch (error) {
          reject(error);
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end(post?.body);
  });
}

/** One client of the load: requests back to back on its keep-alive connection until the server refuses it one. */
async function client(index: number, inFlightBatches: { n: number }): Promise<void> {
  const slow = index < BATCH_LOOPS;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = { body: batch, headers: { 'content-type': 'application/json', authorization: `Bearer ${bankKey}` } };
  for (let i = 0; ; i++) {
    const path = slow ? '/v1/verifications/batch' : QUICK[(index + i) % QUICK.length]!;
    const sentAt = performance.now();
    if (slow) inFlightBatches.n++;
    let result: number | string;
    try {
      result = await send(agent, path, slow ? post : undefined);
    } catch (error) {
      result = (error as { code?: string }).code ?? String(error);
    } finally {
      if (slow) inFlightBatches.n--;
    }
    outcomes.push({ path, sentAt, doneAt: performance.now(), result });
    if (result === 'ECONNREFUSED') return;
    if (typeof result === 'string' && signalAt === 0) continue;
    if (typeof result === 'string') return;
  }
}

beforeAll(async () => {
  ({ url: databaseUrl, serviceUrl, drop } = await cloneTemplate());
  const setup = await createRegistryApp({ config: parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), databaseUrl });
  await setup.init();
  bankKey = (await createKey(setup, ['verifications:use'], 'shutdown bank')).key;
  await setup.close();
  server = await startServer({
    NODE_ENV: 'production',
    SIGNING_KEY_FILE: testSigningKeyFile(),
    DATABASE_URL: serviceUrl,
    LOAD_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    // A batch takes over the default 500 ms here: slow-request warnings would hide any other warning.
    LOG_SLOW_REQUEST_MS: '60000',
    // The load comes from one address: the limit is another test's subject.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });

  const inFlightBatches = { n: 0 };
  const loops = Array.from({ length: LOOPS }, (_, i) => client(i, inFlightBatches));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  sessionsBefore = await sessions();
  // The signal comes while batches are being answered.
  while (inFlightBatches.n === 0) await new Promise((resolve) => setImmediate(resolve));
  signalAt = performance.now();
  exitCode = await server.stop(EXIT_BOUND_MS + 5000);
  exitedAt = performance.now();
  await Promise.all(loops);
  // PostgreSQL ends a backend as it reads its client's goodbye; give it a moment to leave pg_stat_activity.
  for (let tries = 0; tries < 20; tries++) {
    sessionsAfter = await sessions();
    if (sessionsAfter === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  refusedAfterExit = await fetch(`${server.base}/health/live`).then(
    (r) => `answered ${r.status}`,
    (error: { cause?: { code?: string } }) => error.cause?.code ?? 'other error',
  );
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await drop?.();
});

describe('SIGTERM under load', () => {
  it('answers in full every request sent before the signal, slow batches in flight included', () => {
    const before = outcomes.filter((o) => o.sentAt < signalAt);
    const unanswered = before.filter((o) => o.result !== 200);
    const inFlight = before.filter((o) => o.doneAt > signalAt);
    const inFlightBatches = inFlight.filter((o) => o.path === '/v1/verifications/batch');
    console.log(
      `sent before SIGTERM ${before.length} (batches ${before.filter((o) => o.path === '/v1/verifications/batch').length}), ` +
        `in flight at it ${inFlight.length} (batches ${inFlightBatches.length}), answered 200 ${before.length - unanswered.length}, other ${unanswered.length}`,
    );
    // The batches take most of the CPU: a few dozen quick requests get through meanwhile.
    expect(before.length).toBeGreaterThan(40);
    expect(inFlightBatches.length).toBeGreaterThanOrEqual(1);
    expect(unanswered).toEqual([]);
  });

  it('after the signal, answers a request on an open connection in full or refuses the connection, nothing else', () => {
    const after = outcomes.filter((o) => o.sentAt >= signalAt);
    const tally: Record<string, number> = {};
    for (const o of after) tally[String(o.result)] = (tally[String(o.result)] ?? 0) + 1;
    console.log(`sent after SIGTERM ${after.length}: ${JSON.stringify(tally)}`);
    expect(after.filter((o) => o.result !== 200 && o.result !== 'ECONNREFUSED')).toEqual([]);
    // Every client ends on a refused connection: the server stopped taking them before it exited.
    expect(after.filter((o) => o.result === 'ECONNREFUSED')).toHaveLength(LOOPS);
    const firstRefused = Math.min(...after.filter((o) => o.result === 'ECONNREFUSED').map((o) => o.doneAt));
    expect(firstRefused).toBeLessThan(exitedAt);
  });

  it('exits 0 within the bound, having closed its pool: no session of the service left in PostgreSQL', () => {
    console.log(`exit ${exitCode} ${Math.round(exitedAt - signalAt)} ms after SIGTERM; sessions before ${sessionsBefore}, after ${sessionsAfter}`);
    expect({ exitCode, withinBound: exitedAt - signalAt < EXIT_BOUND_MS }).toEqual({ exitCode: 0, withinBound: true });
    expect(sessionsBefore).toBeGreaterThanOrEqual(1);
    expect(sessionsAfter).toBe(0);
    expect(refusedAfterExit).toBe('ECONNREFUSED');
    const lines = server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['Shutting down', 'Stopped: every request answered, the database pool closed']));
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});
