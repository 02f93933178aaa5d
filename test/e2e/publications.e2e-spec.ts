// Publications through the real HTTP stack: a write through the admin API is published, its manifest verified with
// openssl and its files with sha256sum, the RPZ checked by named-checkzone and loaded by a real BIND.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { publishedBlockedEntity } from '../../src/blocklist/formats/blocklist-format.js';
import { PublisherService } from '../../src/blocklist/publications/publisher.service.js';
import { createKey } from '../setup/api-keys.js';
import { startBind } from '../setup/bind.js';
import { type ManifestFile, publishNow, rawGet, sha256 } from '../setup/publications.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let writer: string;
let dir: string;
let work: string;
const HOUR = 3600_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publications-'));
  work = await mkdtemp(join(tmpdir(), 'publications-work-'));
  // Published only when a test says so (publish()), so every serial and count below is certain.
  t = await createTestApp({
    PUBLISHER: 'true',
    PUBLICATIONS_DIR: dir,
    PUBLISH_DEBOUNCE_MS: String(20 * HOUR),
    PUBLICATION_RETAIN: '4',
    SIGNING_DEV_KEY_DIR: join(work, 'signing'),
  });
  writer = (await createKey(t.app, ['blocklist:write'])).key;
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';
const add = (entries: object[]) =>
  request(t.server).post('/v1/admin/blocklist/entries').set('authorization', `Bearer ${writer}`).send({ legalBasis, source, entries });
const publish = (now?: Date) => publishNow(t.app, now);
const raw = (path: string, headers: Record<string, string> = {}) => rawGet(t.server, path, headers);
const manifestOf = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown> & { serial: number; files: ManifestFile[]; keyId: string };

describe('a publication made through the admin API', () => {
  let serial: number;
  let manifestBytes: Buffer;
  let manifest: ReturnType<typeof manifestOf>;

  beforeAll(async () => {
    const res = await add([
      { kind: 'domain', value: 'published-scam.example', match: 'subtree' },
      { kind: 'domain', value: 'exact-scam.example', match: 'exact' },
      { kind: 'ipv4', value: '198.51.100.77', match: 'exact' },
    ]).expect(201);
    serial = await publish();
    expect(serial).toBe(res.body.serial);
    const latest = await raw('/v1/blocklist/latest/manifest.json');
    expect(latest.status).toBe(200);
    manifestBytes = latest.body;
    manifest = manifestOf(manifestBytes);
  });

  it('is the latest manifest, canonical JSON with every field and file', async () => {
    expect(manifest).toMatchObject({ serial, type: 'kz-crypto-registry/blocklist-manifest', version: 1, minPollSeconds: 60, previousSerial: null });
    expect(manifestBytes.toString('utf8')).toMatch(/^\{"auditHash":"[0-9a-f]{64}","auditSeq":"\d+","entryCount":\d+,"expiresAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",/);
    expect(manifest.files.map((f) => f.name)).toEqual([
      'blocklist.rpz', 'cidr.txt', 'dnsmasq.conf', 'domains.txt', 'entries.csv', 'entries.ndjson', 'hosts', 'ip.txt', 'set.tsv', 'unbound.conf', 'urls.txt',
    ]);
    expect(manifest.files.find((f) => f.name === 'hosts')).toMatchObject({ subtrees: false, note: expect.any(String) });
    expect(manifest.setSha256).toBe(manifest.files.find((f) => f.name === 'set.tsv')!.sha256);
    const entries = await request(t.server).get('/v1/blocklist/entries').query({ serial, limit: 100 }).expect(200);
    expect(manifest.entryCount).toBe(entries.body.items.length);
  });

  it('verifies with openssl pkeyutl -rawin against the served public key, and its files with sha256sum', async () => {
    const signature = await raw('/v1/blocklist/latest/manifest.json.sig');
    expect(signature.headers['content-type']).toBe('application/octet-stream');
    expect(signature.body).toHaveLength(64);
    const pem = await request(t.server).get(`/v1/signing-keys/${manifest.keyId}.pem`).expect(200);
    await writeFile(join(work, 'key.pem'), pem.text);
    await writeFile(join(work, 'manifest.json'), manifestBytes);
    await writeFile(join(work, 'manifest.json.sig'), signature.body);
    const verified = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'], { cwd: work, encoding: 'utf8' });
    expect([verified.status, verified.stdout.trim()]).toEqual([0, 'Signature Verified Successfully']);

    const lines: string[] = [];
    for (const file of manifest.files) {
      const got = await raw(file.url, { 'accept-encoding': 'identity' });
      expect([file.name, got.status, got.headers['content-type']]).toEqual([file.name, 200, file.mediaType]);
      await writeFile(join(work, file.name), got.body);
      lines.push(`${file.sha256}  ${file.name}`);
      expect(got.body.length).toBe(file.size);
    }
    await writeFile(join(work, 'SHA256SUMS'), lines.join('\n') + '\n');
    const sums = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: work, encoding: 'utf8' });
    expect(sums.status).toBe(0);

    // A tampered manifest does not verify.
    await writeFile(join(work, 'manifest.json'), manifestBytes.toString('utf8').replace(`"serial":${serial}`, `"serial":${serial + 1}`));
    const tampered = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'], { cwd: work, encoding: 'utf8' });
    expect(tampered.status).not.toBe(0);
  });

  it('serves an RPZ that named-checkzone accepts and a real BIND enforces', async () => {
    const rpz = await raw(`/v1/blocklist/${serial}/blocklist.rpz`);
    await writeFile(join(work, 'blocklist.rpz'), rpz.body);
    const checked = spawnSync('named-checkzone', ['kz-crypto-registry.rpz', join(work, 'blocklist.rpz')], { encoding: 'utf8' });
    expect([checked.status, checked.stdout.trim().split('\n').at(-1)]).toEqual([0, 'OK']);
    const bind = await startBind({
      records: ['published-scam.example. A 192.0.2.10', 'www.published-scam.example. A 192.0.2.11', 'www.binance.com. A 192.0.2.12', 'exact-scam.example. A 192.0.2.13'],
      rpz: { zone: 'kz-crypto-registry.rpz', text: rpz.body.toString('utf8') },
    });
    try {
      expect((await bind.query('published-scam.example')).status).toBe('NXDOMAIN');
      expect((await bind.query('www.published-scam.example')).status).toBe('NXDOMAIN');
      expect((await bind.query('exact-scam.example')).status).toBe('NXDOMAIN');
      expect(await bind.query('www.binance.com')).toMatchObject({ status: 'NOERROR', answers: [expect.stringContaining('192.0.2.12')] });
    } finally {
      await bind.stop();
    }
  });

  it('keeps licensed firms\' official domains out: refused at write time, in no file', async () => {
    const refused = await add([{ kind: 'domain', value: 'www.binance.com', match: 'exact' }]).expect(422);
    expect(refused.body.errors[0].messages[0]).toContain('licensed firm');
    const firms = await request(t.server).get('/v1/firms').query({ licensingStatus: 'licensed', limit: 100 }).expect(200);
    const official: string[] = firms.body.items.flatMap((f: { domains: { domain: string }[] }) => f.domains.map((d) => d.domain));
    expect(official.length).toBeGreaterThan(0);
    for (const file of manifest.files) {
      const text = (await raw(file.url)).body.toString('utf8');
      for (const domain of official) expect([file.name, domain, text.includes(domain)]).toEqual([file.name, domain, false]);
    }
  });

  it('carries in the NDJSON each entry\'s decision as the public record of its blocked entity says it', async () => {
    const ndjson = (await raw(manifest.files.find((f) => f.name === 'entries.ndjson')!.url)).body.toString('utf8');
    const records = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line));
    const withEntity = records.filter((r) => r.blockedEntity !== null);
    expect(withEntity.length).toBeGreaterThan(0);
    for (const record of withEntity) {
      const entity = (await request(t.server).get(`/v1/blocked-entities/${record.blockedEntity.id}`).expect(200)).body;
      expect(record.blockedEntity).toEqual(publishedBlockedEntity(entity));
    }
    const entry = records.find((r) => r.value === 'published-scam.example');
    expect(entry).toMatchObject({ kind: 'domain', match: 'subtree', addedSerial: serial, legalBasis: { en: legalBasis }, source: { url: source.url, readOn: source.readOn } });
    expect(entry.addedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('serves files immutable, with an ETag, gzip and brotli decoding to the manifest\'s hash, and 304', async () => {
    const file = manifest.files.find((f) => f.name === 'entries.ndjson')!;
    const plain = await raw(file.url, { 'accept-encoding': 'identity' });
    expect(plain.headers).toMatchObject({ 'cache-control': 'public, max-age=31536000, immutable', etag: `"${file.sha256}"`, vary: 'Accept-Encoding' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    // As the bytes travel (supertest would decode them): smaller than the file, and decoding to its hash.
    const onWire = (encoding: string) => t.app.getHttpAdapter().getInstance().inject({ url: file.url, headers: { 'accept-encoding': encoding } });
    const br = await onWire('gzip, br');
    expect([br.headers['content-encoding'], br.headers['content-type'], br.headers['content-length']]).toEqual(['br', file.mediaType, String(br.rawPayload.length)]);
    expect(br.rawPayload.length).toBeLessThan(file.size);
    expect(sha256(brotliDecompressSync(br.rawPayload))).toBe(file.sha256);
    const gz = await onWire('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(sha256(gunzipSync(gz.rawPayload))).toBe(file.sha256);
    const again = await raw(file.url, { 'accept-encoding': 'identity', 'if-none-match': `"${file.sha256}"` });
    expect([again.status, again.body.length]).toEqual([304, 0]);
    const perSerial = await raw(`/v1/blocklist/${serial}/manifest.json`);
    expect(perSerial.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(perSerial.body.equals(manifestBytes)).toBe(true);
    expect((await raw(`/v1/blocklist/${serial}/nothing.txt`)).status).toBe(404);
  });

  it('answers latest with an ETag and no-cache, and 304 to If-None-Match', async () => {
    const latest = await raw('/v1/blocklist/latest/manifest.json');
    expect(latest.headers).toMatchObject({ 'cache-control': 'no-cache', etag: `"${sha256(manifestBytes)}"`, 'content-type': 'application/json' });
    const again = await raw('/v1/blocklist/latest/manifest.json', { 'if-none-match': latest.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(latest.headers.etag);
    const jws = await request(t.server).get('/v1/blocklist/latest/manifest.jws').expect(200);
    expect(jws.headers['content-type']).toBe('application/jose');
    const [header, payload] = jws.text.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: manifest.keyId });
    expect(Buffer.from(payload!, 'base64url').equals(manifestBytes)).toBe(true);
  });
  it('answers a revalidation of latest from memory, before routing, with the very headers the controller gives a 304', async () => {
    const latest = await raw('/v1/blocklist/latest/manifest.json');
    const tag = { 'if-none-match': latest.headers.etag as string };
    // ?wait=1 goes through the controller (a long-poll), which ends in its own 304 a second later.
    const [early, routed] = await Promise.all([raw('/v1/blocklist/latest/manifest.json', tag), raw('/v1/blocklist/latest/manifest.json?wait=1', tag)]);
    const varying = new Set(['date', 'x-request-id', 'ratelimit']);
    const fixed = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !varying.has(name)));
    expect([early.status, routed.status]).toEqual([304, 304]);
    expect(fixed(early.headers)).toEqual(fixed(routed.headers));
    expect(fixed(early.headers)).toMatchObject({ etag: latest.headers.etag, 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
    for (const variant of ['manifest.json.sig', 'manifest.jws']) {
      const answer = await raw(`/v1/blocklist/latest/${variant}`, tag);
      expect([answer.status, answer.headers.etag, answer.body.length]).toEqual([304, latest.headers.etag, 0]);
    }
    // A tag of another version, or none, is routed on to a 200.
    expect((await raw('/v1/blocklist/latest/manifest.json', { 'if-none-match': `"${'0'.repeat(64)}"` })).status).toBe(200);
  });
});

describe('the chain, deltas, long-poll, retention and replicas', () => {
  it('releases a long-poll at once when a newer publication is made, and chains it to the one before', async () => {
    const first = await raw('/v1/blocklist/latest/manifest.json');
    const before = manifestOf(first.body);
    const started = Date.now();
    const waiting = raw('/v1/blocklist/latest/manifest.json?wait=30', { 'if-none-match': first.headers.etag as string });
    await new Promise((r) => setTimeout(r, 300));
    await add([{ kind: 'domain', value: 'long-poll.example', match: 'exact' }]).expect(201);
    const serial = await publish();
    const released = await waiting;
    expect(released.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const after = manifestOf(released.body);
    expect(after).toMatchObject({ serial, previousSerial: before.serial, previousManifestSha256: sha256(first.body) });
    // Without a newer one, the wait ends in a 304.
    const idle = await raw('/v1/blocklist/latest/manifest.json?wait=1', { 'if-none-match': released.headers.etag as string });
    expect(idle.status).toBe(304);
  });

  it('gives the delta from a publication to the latest, signed, with both set hashes', async () => {
    const from = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    const written = await add([{ kind: 'domain', value: 'delta-added.example', match: 'subtree' }]).expect(201);
    const listed = await request(t.server).get('/v1/blocklist/entries').query({ kind: 'ipv4', limit: 100 }).expect(200);
    const removedEntry = listed.body.items.find((e: { value: string }) => e.value === '198.51.100.77');
    await request(t.server).post('/v1/admin/blocklist/removals').set('authorization', `Bearer ${writer}`).send({ ids: [removedEntry.id], reason: 'Block lifted' }).expect(200);
    const to = await publish();
    expect(to).toBe(written.body.serial + 1);
    const res = await raw(`/v1/blocklist/deltas?from=${from.serial}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-location']).toBe(`/v1/blocklist/deltas/${from.serial}-${to}.json`);
    const latest = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    expect(JSON.parse(res.body.toString())).toEqual({
      added: [{ kind: 'domain', match: 'subtree', value: 'delta-added.example' }],
      from: from.serial,
      fromSetSha256: from.setSha256,
      removed: [{ kind: 'ipv4', match: 'exact', value: '198.51.100.77' }],
      to,
      toSetSha256: latest.setSha256,
      type: 'kz-crypto-registry/blocklist-delta',
      version: 1,
    });
    const file = await raw(`/v1/blocklist/deltas/${from.serial}-${to}.json`);
    expect(file.body.equals(res.body)).toBe(true);
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const signature = await raw(`/v1/blocklist/deltas/${from.serial}-${to}.json.sig`);
    await writeFile(join(work, 'delta.json'), file.body);
    await writeFile(join(work, 'delta.json.sig'), signature.body);
    const pem = await request(t.server).get(`/v1/signing-keys/${latest.keyId}.pem`).expect(200);
    await writeFile(join(work, 'key.pem'), pem.text);
    const verified = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'delta.json', '-sigfile', 'delta.json.sig'], { cwd: work, encoding: 'utf8' });
    expect(verified.status).toBe(0);
  });

  it('answers 400, 404, 409 for a delta from a serial that is not one, not published, or ahead', async () => {
    const latest = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    const bad = await request(t.server).get('/v1/blocklist/deltas').query({ from: 'abc' }).expect(400);
    expect(bad.body.errors[0].field).toBe('from');
    const ahead = await request(t.server).get('/v1/blocklist/deltas').query({ from: latest.serial + 5 }).expect(409);
    expect(ahead.body).toMatchObject({ code: 'serial-ahead-of-publications', latest: '/v1/blocklist/latest/manifest.json' });
    // Two serials, one publication: the first was never published.
    const one = await add([{ kind: 'domain', value: 'coalesced-1.example', match: 'exact' }]).expect(201);
    await add([{ kind: 'domain', value: 'coalesced-2.example', match: 'exact' }]).expect(201);
    const published = await publish();
    expect(published).toBe(one.body.serial + 1);
    const unpublished = await request(t.server).get('/v1/blocklist/deltas').query({ from: one.body.serial }).expect(404);
    expect(unpublished.body.code).toBe('publication-not-found');
    const manifest = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    expect(manifest.previousSerial).toBe(latest.serial);
  });

  it('keeps files and deltas for the retained publications only (410 linking latest), and every manifest', async () => {
    const oldest = manifestOf((await raw(`/v1/blocklist/latest/manifest.json`)).body);
    for (let i = 0; i < 4; i += 1) {
      await add([{ kind: 'domain', value: `retention-${i}.example`, match: 'exact' }]).expect(201);
      await publish();
    }
    const gone = await request(t.server).get(oldest.files[0]!.url).expect(410);
    expect(gone.body).toMatchObject({ code: 'publication-gone', latest: '/v1/blocklist/latest/manifest.json' });
    expect(gone.headers.link).toBe('</v1/blocklist/latest/manifest.json>; rel="latest-version"');
    expect((await request(t.server).get('/v1/blocklist/deltas').query({ from: oldest.serial }).expect(410)).body.code).toBe('publication-gone');
    expect((await raw(`/v1/blocklist/${oldest.serial}/manifest.json`)).status).toBe(200);
    expect((await readdir(dir)).sort()).toHaveLength(4);
  });

  it('renders a retained publication again on a replica that lacks its files, to the manifest\'s hashes', async () => {
    const latest = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    await rm(join(dir, String(latest.serial)), { recursive: true, force: true });
    for (const file of latest.files) {
      const got = await raw(file.url, { 'accept-encoding': 'identity' });
      expect([file.name, got.status, sha256(got.body)]).toEqual([file.name, 200, file.sha256]);
    }
  });

  it('publishes once when two publishers try at the same time (the advisory lock)', async () => {
    const written = await add([{ kind: 'domain', value: 'one-publisher.example', match: 'exact' }]).expect(201);
    const publisher = t.app.get(PublisherService);
    const results = await Promise.all([publisher.publishDue(), publisher.publishDue()]);
    expect(results.filter((r) => r !== null)).toEqual([written.body.serial]);
    const manifest = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    expect(manifest.serial).toBe(written.body.serial);
  });

  it('publishes a new, empty serial before half the expiry when nothing changed, so the manifest never expires', async () => {
    const latest = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    expect(await t.app.get(PublisherService).publishDue()).toBeNull();
    const serial = await publish(new Date(Date.parse(latest.publishedAt as string) + 13 * HOUR));
    const refreshed = manifestOf((await raw('/v1/blocklist/latest/manifest.json')).body);
    expect(refreshed).toMatchObject({ serial, previousSerial: latest.serial, setSha256: latest.setSha256, entryCount: latest.entryCount });
    expect(Date.parse(refreshed.expiresAt as string)).toBeGreaterThan(Date.parse(latest.expiresAt as string));
  });
});

describe('publishing on its own', () => {
  it('publishes a write within seconds of it, debounced, without anyone asking', async () => {
    const own = await mkdtemp(join(tmpdir(), 'publications-auto-'));
    const auto = await createTestApp({ PUBLISHER: 'true', PUBLICATIONS_DIR: own, PUBLISH_DEBOUNCE_MS: '200', SIGNING_DEV_KEY_DIR: join(own, 'signing') });
    try {
      const key = (await createKey(auto.app, ['blocklist:write'])).key;
      // The demo serial is published at start.
      let latest: request.Response | undefined;
      for (let i = 0; i < 50 && latest?.status !== 200; i += 1) {
        latest = await request(auto.server).get('/v1/blocklist/latest/manifest.json');
        if (latest.status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(latest?.status).toBe(200);
      const waiting = request(auto.server).get('/v1/blocklist/latest/manifest.json').query({ wait: 20 }).set('if-none-match', latest!.headers.etag as string);
      const written = await request(auto.server)
        .post('/v1/admin/blocklist/entries')
        .set('authorization', `Bearer ${key}`)
        .send({ legalBasis, source, entries: [{ kind: 'domain', value: 'auto-published.example', match: 'exact' }] })
        .expect(201);
      const released = await waiting;
      expect(released.status).toBe(200);
      expect(released.body.serial).toBe(written.body.serial);
    } finally {
      await auto.close();
      await rm(own, { recursive: true, force: true });
    }
  });
});

