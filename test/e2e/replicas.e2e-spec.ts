// Two built servers on one database behave as one (issue 13 item 3): a write through one is in the other's checks
// within a second; serials and publications stay single and gap-free when both write and both may publish; the
// publisher lock passes on when its holder dies; and neither instance claims as current a serial older than the one
// the database held a second before it was asked.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateKey } from '../../src/api-keys/api-key-format.js';
import { LISTENER_APPLICATION_NAME } from '../../src/platform/database/registry-changes.service.js';
import { PUBLISHER_LOCK } from '../../src/blocklist/publications/publications.repository.js';
import { cloneTemplate, type TestDatabase } from '../setup/database.js';
import { type RunningRedis, startRedis } from '../setup/redis.js';
import { type SpawnedServer, startServer } from '../setup/spawned-server.js';

/** How soon a write through one instance must be in the other's answers. */
const PROPAGATION_MS = 1000;
/**
 * How soon a write whose notification nobody heard is in the other's answers: the listener reconnects after 125 to
 * 250 ms (its first backoff), then catches up from its serial; doubled for a busy machine.
 */
const CATCH_UP_MS = 2000;
/** How soon the surviving instance publishes once the lock is free (debounce 100 ms, a retry each second, a render). */
const TAKEOVER_MS = 5000;

let dir: string;
let database: TestDatabase;
let redis: RunningRedis;
let db: pg.Client;
let a: SpawnedServer;
let b: SpawnedServer;
let key: string;
let unique = 0;

/** Makes an instance hang inside the publisher lock while the file `hangFlag()` names exists. */
const HANG = fileURLToPath(new URL('../setup/hang-publication.mjs', import.meta.url));
const hangFlag = () => join(dir, 'hang-publication');

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fresh = (label: string) => `${label}-${++unique}-${Date.now().toString(36)}`;
const source = { url: 'https://example.org/replicas', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

/**
 * One environment for both instances, as production runs them: the service's own role (migrations by the owner) and
 * one Redis for the rate limit; each its own files.
 */
function environment(): Record<string, string> {
  return {
    DATABASE_URL: database.serviceUrl,
    MIGRATION_DATABASE_URL: database.ownerUrl,
    REDIS_URL: redis.url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOG_REQUEST_SAMPLE_RATE: '0',
    LOAD_DEMO_DATA: 'false',
    PUBLISHER: 'true',
    PUBLISH_DEBOUNCE_MS: '100',
    SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
    RATE_LIMIT_PER_MINUTE: '1000000',
    KZ_HANG_PUBLICATION_FLAG: hangFlag(),
  };
}

/** An admin request through `server`, which must answer `status`. */
async function admin(server: SpawnedServer, method: string, path: string, body: object, status: number, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status}, not ${status}: ${JSON.stringify(json)}`);
  return { status: res.status, body: json, etag: res.headers.get('etag') };
}

interface CheckAnswer {
  verdict: string;
  serial: number;
  stale: { since: string; ageSeconds: number } | null;
  [field: string]: unknown;
}

async function check(server: SpawnedServer, q: string): Promise<CheckAnswer> {
  const res = await fetch(`${server.base}/v1/check?${new URLSearchParams({ q, lang: 'en' })}`);
  if (res.status !== 200) throw new Error(`check ${q}: ${res.status} ${await res.text()}`);
  return (await res.json()) as CheckAnswer;
}

/** Milliseconds from now until `server`'s check of `q` satisfies `ok` (asked every 10 ms); throws after 5 s. */
async function untilChecked(server: SpawnedServer, q: string, ok: (answer: CheckAnswer) => boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await check(server, q);
    if (ok(answer)) return performance.now() - started;
    if (performance.now() - started > 5000) throw new Error(`${server.base} still answers ${JSON.stringify(answer)} for ${q}`);
    await wait(10);
  }
}

/** The serial of the latest manifest `server` serves. */
async function latestServed(server: SpawnedServer): Promise<number> {
  const res = await fetch(`${server.base}/v1/blocklist/latest/manifest.json`);
  if (res.status !== 200) throw new Error(`latest manifest: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { serial: number }).serial;
}

async function dbSerials(): Promise<{ head: number; published: number | null }> {
  const { rows } = await db.query<{ head: string; published: string | null }>(
    'SELECT (SELECT serial FROM blocklist_head WHERE id = 1) AS head, (SELECT max(serial) FROM blocklist_publications) AS published',
  );
  return { head: Number(rows[0]!.head), published: rows[0]!.published === null ? null : Number(rows[0]!.published) };
}

/** Resolves once the latest publication is at least `serial`; its time from now. */
async function untilPublished(serial: number, ms: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { published } = await dbSerials();
    if (published !== null && published >= serial) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`serial ${serial} not published within ${ms} ms (latest ${published})`);
    await wait(25);
  }
}

const addEntry = (server: SpawnedServer, value: string) =>
  admin(server, 'POST', '/v1/admin/blocklist/entries', { legalBasis, source, entries: [{ kind: 'domain', value, match: 'exact' }] }, 201);

/** The serials each instance logged as published by itself. */
function publishedBy(server: SpawnedServer): number[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"Published the blocklist"'))
    .map((line) => (JSON.parse(line) as { serial: number }).serial);
}

/** Resolves once `server` has logged `serial` as published by itself: the line is written just after the commit. */
async function untilLoggedPublished(server: SpawnedServer, serial: number, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!publishedBy(server).includes(serial)) {
    if (performance.now() > deadline) throw new Error(`${server.base} did not log serial ${serial} as published by itself (it logged ${publishedBy(server).join(', ')})`);
    await wait(10);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replicas-'));
  database = await cloneTemplate();
  redis = await startRedis();
  // One signing key for both: a manifest either instance signs verifies against the keys the other serves.
  await writeFile(join(dir, 'signing-key.pem'), generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const generated = generateKey();
  key = generated.key;
  await db.query(`INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES ($1, 'replicas', $2, $3, 'cli')`, [
    generated.id,
    generated.secretHash,
    ['blocklist:write', 'blocks:write', 'firms:write', 'warnings:write'],
  ]);
  // Each its own publications folder, as replicas on separate machines have: files one lacks it renders again.
  [a, b] = await Promise.all(
    ['a', 'b'].map((name) => startServer({ ...environment(), PUBLICATIONS_DIR: join(dir, `publications-${name}`) }, 30_000, { nodeArgs: ['--import', HANG] })),
  );
  // The demo's serial, published by whichever started first.
  await untilPublished((await dbSerials()).head, TAKEOVER_MS);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.end().catch(() => undefined);
  await database?.drop();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('a write through one instance', () => {
  it('is in the other instance\'s checks within a second, for each kind of write', async () => {
    const times: Record<string, number[]> = { entry: [], 'blocked entity': [], firm: [], 'licence suspended': [], warning: [] };
    const brands = ['Quokkabit', 'Wombatex', 'Numbatrade'];
    const entities = ['Dingolex Markets', 'Platypex Trading', 'Echidnacoin Exchange'];
    for (let round = 0; round < 3; round += 1) {
      const domain = `${fresh('replicated')}.example`;
      const entry = await addEntry(a, domain);
      times.entry!.push(await untilChecked(b, domain, (c) => c.verdict === 'blocked' && c.serial >= entry.body.serial));

      const entityName = entities[round]!;
      expect((await check(b, entityName)).verdict).toBe('unknown');
      await admin(a, 'POST', '/v1/admin/blocked-entities', {
        name: entityName,
        category: 'online-exchange',
        authority: 'National Security Committee of the Republic of Kazakhstan',
        legalBasis,
        blockedOn: '2026-11-20',
        source,
      }, 201);
      times['blocked entity']!.push(await untilChecked(b, entityName, (c) => c.verdict === 'blocked'));

      const firmDomain = `${fresh('licensed')}.kz`;
      const firm = await admin(a, 'POST', '/v1/admin/firms', {
        names: { en: `Replica Firm ${round}` },
        bin: `DEMO-BIN-REPLICA-${round}`,
        jurisdiction: 'AIFC',
        domains: [{ domain: firmDomain, source }],
        licences: [{ number: `DEMO-AFSA-A-LA-2026-09${round}0`, regulator: 'AFSA', activities: ['Providing Custody'], grantedOn: '2026-01-15', source }],
        source,
      }, 201);
      times.firm!.push(await untilChecked(b, firmDomain, (c) => c.verdict === 'licensed'));

      await admin(a, 'POST', `/v1/admin/firms/${firm.body.id}/licences/${firm.body.licences[0].id}/status`, { status: 'suspended', effectiveOn: '2026-11-10' }, 200, { 'if-match': firm.etag! });
      times['licence suspended']!.push(await untilChecked(b, firmDomain, (c) => c.verdict === 'suspended'));

      const warnedDomain = `${fresh('warned')}.example`;
      await admin(a, 'POST', '/v1/admin/warnings', {
        brands: [brands[round]],
        domains: [warnedDomain],
        issuedOn: '2026-11-20',
        issuer: 'AFSA',
        title: { en: `AFSA warns about ${brands[round]}` },
        summary: `${brands[round]} is not licensed in the AIFC.`,
        source,
      }, 201);
      times.warning!.push(await untilChecked(b, warnedDomain, (c) => c.verdict === 'warned'));
    }
    const all = Object.values(times).flat().sort((x, y) => x - y);
    const p50 = all[Math.floor(all.length / 2)]!;
    const max = all[all.length - 1]!;
    const perKind = Object.entries(times).map(([kind, ms]) => `${kind} ${Math.round(Math.max(...ms))}`).join(', ');
    console.log(`replicas: propagation p50 ${Math.round(p50)} ms, max ${Math.round(max)} ms over ${all.length} writes (max per kind: ${perKind} ms)`);
    const late = Object.entries(times).flatMap(([kind, ms]) => ms.filter((m) => m > PROPAGATION_MS).map((m) => `${kind}: ${Math.round(m)} ms`));
    expect(late).toEqual([]);
  }, 40_000);
});

describe('a notification missed while the listener reconnects', () => {
  it('is caught up: the write is in the other instance\'s checks once it listens again', async () => {
    // Both instances' listening connections ended (as a database restart or a network cut would), and the write made
    // at once, before either has listened again: its NOTIFY reaches no one.
    const ended = await db.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [LISTENER_APPLICATION_NAME],
    );
    expect(ended.rows).toEqual([{ ended: true }, { ended: true }]);
    const domain = `${fresh('unheard')}.example`;
    const entry = await addEntry(a, domain);
    const ms = await untilChecked(b, domain, (c) => c.verdict === 'blocked' && c.serial >= entry.body.serial && c.stale === null);
    console.log(`replicas: a write made while the listeners reconnected was in the other's checks after ${Math.round(ms)} ms`);
    expect(ms).toBeLessThanOrEqual(CATCH_UP_MS);
    expect(b.output()).toContain('The database closed the change listener\'s connection');
  });
});

describe('concurrent writes through both instances, both publishers', () => {
  it('take unique, gap-free serials, published once each in one chain, and neither instance serves an older serial as current', async () => {
    // Watches both instances while they write: a serial the database held PROPAGATION_MS before a request was sent
    // must be in its answer (a check that says it is stale may answer from an older one: it does not claim current).
    const firstSeen = { head: new Map<number, number>(), published: new Map<number, number>() };
    const violations: string[] = [];
    /** Per instance, the most it served an older manifest as latest after the database held a newer one. */
    const lagMs = new Map<SpawnedServer, number>([[a, 0], [b, 0]]);
    let watching = true;
    let samples = 0;
    const required = (seen: Map<number, number>, sentAt: number) => Math.max(0, ...[...seen].filter(([, at]) => at <= sentAt - PROPAGATION_MS).map(([s]) => s));
    const watch = (async () => {
      while (watching) {
        const { head, published } = await dbSerials();
        const now = performance.now();
        if (!firstSeen.head.has(head)) firstSeen.head.set(head, now);
        if (published !== null && !firstSeen.published.has(published)) firstSeen.published.set(published, now);
        for (const server of [a, b]) {
          const sentAt = performance.now();
          const [served, answer] = await Promise.all([latestServed(server), check(server, 'binance.com')]);
          samples += 1;
          const mustPublished = required(firstSeen.published, sentAt);
          const mustHead = required(firstSeen.head, sentAt);
          const newer = [...firstSeen.published].filter(([s]) => s > served).map(([, at]) => sentAt - at);
          lagMs.set(server, Math.max(lagMs.get(server)!, ...newer));
          if (served < mustPublished) violations.push(`${server.base} served manifest ${served} as latest, ${mustPublished} published over ${PROPAGATION_MS} ms before`);
          if (answer.stale === null && answer.serial < mustHead) violations.push(`${server.base} checked at serial ${answer.serial} as current, head ${mustHead} over ${PROPAGATION_MS} ms before`);
        }
        await wait(20);
      }
    })();

    const before = await dbSerials();
    const values = Array.from({ length: 24 }, (_, i) => `${fresh(`concurrent-${i}`)}.example`);
    const written = await Promise.all(values.map((value, i) => addEntry(i % 2 === 0 ? a : b, value)));
    const serials = written.map((w) => w.body.serial as number).sort((x, y) => x - y);
    expect(new Set(serials).size).toBe(24);
    expect(serials[0]).toBeGreaterThan(before.head);

    const { head } = await dbSerials();
    await untilPublished(head, TAKEOVER_MS);
    // Long enough for both instances to be asked after every change is a window old.
    await wait(PROPAGATION_MS + 500);
    watching = false;
    await watch;
    console.log(`replicas: latest manifest behind the database by at most ${Math.round(lagMs.get(a)!)} ms on A, ${Math.round(lagMs.get(b)!)} ms on B (${samples} samples)`);
    expect({ samples: samples > 20, violations }).toEqual({ samples: true, violations: [] });

    // Gap-free: every serial from 1 to the head was taken exactly once, and the writes took the ones after `before`.
    const taken = await db.query<{ serial: string }>('SELECT serial FROM blocklist_serials ORDER BY serial');
    expect(taken.rows.map((r) => Number(r.serial))).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(serials.every((s) => s > before.head && s <= head)).toBe(true);

    // Published once each, one chain: each publication names the one before it, by serial and by manifest hash.
    const chain = await db.query<{ serial: string; previous_serial: string | null; previous: string | null; sha: string }>(
      `SELECT serial, previous_serial, convert_from(manifest, 'UTF8')::json->>'previousManifestSha256' AS previous, manifest_sha256 AS sha
         FROM blocklist_publications ORDER BY serial`,
    );
    const rows = chain.rows.map((r) => ({ serial: Number(r.serial), previousSerial: r.previous_serial === null ? null : Number(r.previous_serial), previous: r.previous, sha: r.sha }));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.at(-1)!.serial).toBe(head);
    rows.forEach((row, i) => {
      const prior = i === 0 ? null : rows[i - 1]!;
      expect({ serial: row.serial, previousSerial: row.previousSerial, previous: row.previous }).toEqual({
        serial: row.serial,
        previousSerial: prior?.serial ?? null,
        previous: prior?.sha ?? null,
      });
    });
    const byEither = [...publishedBy(a), ...publishedBy(b)].sort((x, y) => x - y);
    expect(byEither).toEqual(rows.map((r) => r.serial));

    // Both serve the same latest manifest, and a file of it: the instance that did not write it renders it again.
    expect([await latestServed(a), await latestServed(b)]).toEqual([head, head]);
    const manifest = (await (await fetch(`${b.base}/v1/blocklist/${head}/manifest.json`)).json()) as { files: { name: string; sha256: string; url: string }[] };
    const rpz = manifest.files.find((f) => f.name === 'blocklist.rpz')!;
    for (const server of [a, b]) {
      const res = await fetch(`${server.base}${new URL(rpz.url, server.base).pathname}`, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status).toBe(200);
      expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(rpz.sha256);
    }
  }, 40_000);
});

describe('the publisher lock', () => {
  it('passes to a waiting instance when its holder\'s session ends, without another write', async () => {
    // A publisher that took the lock and died: its session holds the lock until the connection goes.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [PUBLISHER_LOCK]);
    const entry = await addEntry(a, `${fresh('while-locked')}.example`);
    await wait(1500);
    expect((await dbSerials()).published).toBeLessThan(entry.body.serial);
    await holder.end();
    const took = await untilPublished(entry.body.serial, TAKEOVER_MS);
    console.log(`replicas: publication ${Math.round(took)} ms after the lock holder's session ended`);
  }, 20_000);

  it('lets the other instance publish when the publishing one is killed (SIGKILL) inside the lock, mid-publication', async () => {
    const last = (await dbSerials()).published!;
    const offsets = new Map([a, b].map((server) => [server, server.output().length]));
    const holding = (server: SpawnedServer) => server.output().slice(offsets.get(server)).includes('hang-publication: holding the publisher lock');
    await writeFile(hangFlag(), '');
    const domain = `${fresh('after-kill')}.example`;
    const entry = await addEntry(a, domain);
    const deadline = performance.now() + TAKEOVER_MS;
    while (!holding(a) && !holding(b)) {
      if (performance.now() > deadline) throw new Error('no instance began publishing');
      await wait(25);
    }
    const publisher = holding(a) ? a : b;
    const survivor = publisher === a ? b : a;
    // Files rendered, row not committed: killed holding the lock, its publication half done.
    expect((await dbSerials()).published).toBe(last);
    await rm(hangFlag());
    await publisher.kill('SIGKILL');
    const took = await untilPublished(entry.body.serial, TAKEOVER_MS);
    console.log(`replicas: the survivor published ${Math.round(took)} ms after the publishing instance was killed inside the lock`);
    await untilLoggedPublished(survivor, entry.body.serial, 1000);
    const chain = await db.query<{ serial: string; previous_serial: string }>('SELECT serial, previous_serial FROM blocklist_publications WHERE serial > $1', [last]);
    expect(chain.rows.map((r) => [Number(r.serial), Number(r.previous_serial)])).toEqual([[entry.body.serial, last]]);
    expect(await latestServed(survivor)).toBe(entry.body.serial);
    expect((await check(survivor, domain)).verdict).toBe('blocked');
  }, 20_000);
});
