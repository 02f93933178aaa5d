// What a review that used publications as ISPs do found, pinned: one spelling per serial, files a replica keeps and
// renders to the same bytes, localised problems, an ETag per coding, bounded deltas, a tidy folder, caching rules.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PublisherService } from '../../src/blocklist/publications/publisher.service.js';
import { createKey } from '../setup/api-keys.js';
import { type ManifestFile, publishNow, rawGet, sha256 } from '../setup/publications.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let writer: string;
let dir: string;
let work: string;
const HOUR = 3600_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publications-review-'));
  work = await mkdtemp(join(tmpdir(), 'publications-review-work-'));
  t = await createTestApp({
    PUBLISHER: 'true',
    PUBLICATIONS_DIR: dir,
    PUBLISH_DEBOUNCE_MS: String(20 * HOUR),
    // Small, so that the tests below leave the first publications out of the window.
    PUBLICATION_RETAIN: '3',
    PUBLICATION_MAX_DELTA_ENTRIES: '3',
    SIGNING_DEV_KEY_DIR: join(work, 'signing'),
  });
  writer = (await createKey(t.app, ['blocklist:write', 'blocks:write'])).key;
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
const manifestAt = async (serial: number | 'latest') =>
  JSON.parse((await raw(`/v1/blocklist/${serial}/manifest.json`)).body.toString('utf8')) as { serial: number; files: ManifestFile[]; keyId: string; previousSerial: number | null };

let first: number;
let second: number;
beforeAll(async () => {
  await add([{ kind: 'domain', value: 'review-one.example', match: 'subtree' }]).expect(201);
  first = await publish();
  await add([{ kind: 'ipv4', value: '198.51.100.90', match: 'exact' }]).expect(201);
  second = await publish();
});

describe('serials have one spelling (decimal digits, no sign, spaces or leading zeros)', () => {
  const BAD = ['', ' ', '1e3', '0x2', '+2', '02', '2.0', ' 2', '2 ', '-1', '9007199254740992'];
  const message = (field: string, min: number, max: number) =>
    `${field} must be a whole number from ${min} to ${max} in decimal digits, without a sign, spaces or leading zeros`;

  it('refuses every other spelling of from, serial and wait with 400 naming the field, and only that message', async () => {
    for (const from of BAD) {
      const res = await request(t.server).get('/v1/blocklist/deltas').query({ from });
      expect([from, res.status, res.body.errors]).toEqual([from, 400, [{ field: 'from', messages: [message('from', 0, Number.MAX_SAFE_INTEGER)] }]]);
    }
    for (const serial of BAD) {
      const res = await request(t.server).get('/v1/blocklist/entries').query({ serial });
      expect([serial, res.status, res.body.errors]).toEqual([serial, 400, [{ field: 'serial', messages: [message('serial', 0, Number.MAX_SAFE_INTEGER)] }]]);
    }
    for (const wait of [...BAD, '1e1', '0', '61']) {
      const res = await request(t.server).get('/v1/blocklist/latest/manifest.json').query({ wait });
      expect([wait, res.status, res.body.errors]).toEqual([wait, 400, [{ field: 'wait', messages: [message('wait', 1, 60)] }]]);
    }
  });

  it('refuses aliases of a serial in the immutable paths, and of the serials in a delta file\'s name', async () => {
    for (const alias of ['0x2', '00002', '2.0', '+3', '%202', '1e3', '02']) {
      const res = await request(t.server).get(`/v1/blocklist/${alias}/manifest.json`);
      expect([alias, res.status, res.headers['cache-control'], res.body.errors?.[0]?.field]).toEqual([alias, 400, undefined, 'serial']);
    }
    for (const name of [`0${first}-${second}.json`, `${first}-0${second}.json.sig`, `+${first}-${second}.json`, `${first}-9007199254740992.json`]) {
      const res = await request(t.server).get(`/v1/blocklist/deltas/${name}`);
      expect([name, res.status, res.body.errors]).toEqual([
        name,
        400,
        [{ field: 'name', messages: ['name must be N-M.json or N-M.json.sig, N and M serials in decimal digits without leading zeros'] }],
      ]);
    }
    // The one spelling is served.
    expect((await request(t.server).get(`/v1/blocklist/${second}/manifest.json`)).status).toBe(200);
    expect((await request(t.server).get(`/v1/blocklist/deltas/${first}-${second}.json`)).status).toBe(200);
    expect((await request(t.server).get('/v1/blocklist/deltas').query({ from: String(first) })).status).toBe(200);
  });

  it('says so in Russian and Kazakh', async () => {
    const ru = await request(t.server).get('/v1/blocklist/deltas').query({ from: '02' }).set('accept-language', 'ru');
    expect(ru.body.errors).toEqual([{ field: 'from', messages: ['from: должно быть целым числом от 0 до 9007199254740991, записанным десятичными цифрами без знака, пробелов и ведущих нулей'] }]);
    const kk = await request(t.server).get('/v1/blocklist/deltas').query({ from: '02' }).set('accept-language', 'kk');
    expect(kk.body.errors[0].messages[0]).toMatch(/^from: 0 мен 9007199254740991 аралығындағы/);
  });
});

describe('a replica renders the files it lacks to the same bytes, and keeps those it has', () => {
  it('publishes a blocked entity\'s edit, keeps the earlier publication\'s CSV and NDJSON as they were, and renders only missing files', async () => {
    const created = await request(t.server)
      .post('/v1/admin/blocked-entities')
      .set('authorization', `Bearer ${writer}`)
      .send({ name: 'Review Exchange', category: 'online-exchange', authority: 'National Security Committee of the Republic of Kazakhstan', legalBasis, blockedOn: '2026-11-20', domains: ['review-exchange.example'], source })
      .expect(201);
    await add([{ kind: 'domain', value: 'review-exchange-mirror.example', match: 'exact', blockedEntityId: created.body.id }]).expect(201);
    const before = await publish();
    const manifest = await manifestAt(before);
    const file = (name: string) => manifest.files.find((f) => f.name === name)!;
    const ndjson = await raw(file('entries.ndjson').url, { 'accept-encoding': 'identity' });
    expect(ndjson.body.toString('utf8')).toContain('"Review Exchange"');

    await request(t.server)
      .patch(`/v1/admin/blocked-entities/${created.body.id}`)
      .set('authorization', `Bearer ${writer}`)
      .set('if-match', created.headers.etag as string)
      .send({ name: { en: 'Review Exchange renamed' } })
      .expect(200);
    // The edit is published (a new, empty serial), its NDJSON carries the record as it is now.
    const edited = await publish();
    expect(edited).toBe(before + 1);
    const latest = await manifestAt('latest');
    expect(latest).toMatchObject({ serial: edited, previousSerial: before });
    const newer = (await raw(latest.files.find((f) => f.name === 'entries.ndjson')!.url)).body.toString('utf8');
    expect(newer).toContain('"Review Exchange renamed"');
    expect(await t.app.get(PublisherService).publishDue()).toBeNull();

    // A replica that lacks one file of the earlier publication renders that one, to the manifest's hash; the CSV on
    // disk is left as it is (the same file, not rendered again).
    const folder = join(dir, String(before));
    const csvBefore = await stat(join(folder, 'entries.csv'));
    await rm(join(folder, 'entries.ndjson'));
    const again = await raw(file('entries.ndjson').url, { 'accept-encoding': 'identity' });
    expect([again.status, sha256(again.body)]).toEqual([200, file('entries.ndjson').sha256]);
    expect(again.body.equals(ndjson.body)).toBe(true);
    const csvAfter = await stat(join(folder, 'entries.csv'));
    expect([csvAfter.ino, csvAfter.mtimeMs]).toEqual([csvBefore.ino, csvBefore.mtimeMs]);
    const csv = await raw(file('entries.csv').url, { 'accept-encoding': 'identity' });
    expect([csv.status, sha256(csv.body)]).toEqual([200, file('entries.csv').sha256]);

    // A replica that lacks the whole folder renders every file to the manifest's hashes, the edit notwithstanding.
    await rm(folder, { recursive: true, force: true });
    for (const f of manifest.files) {
      const got = await raw(f.url, { 'accept-encoding': 'identity' });
      expect([f.name, got.status, sha256(got.body)]).toEqual([f.name, 200, f.sha256]);
    }
  });
});

describe('publication problems follow the language', () => {
  it('titles and details the 404, 409 and 410 problems in ru and kk, with "Gone" for 410', async () => {
    // Four publications were made above: the first is out of the window of three.
    const gone = await request(t.server).get('/v1/blocklist/deltas').query({ from: first }).set('accept-language', 'ru');
    expect([gone.status, gone.body.title, gone.body.detail]).toEqual([
      410,
      'Больше недоступно',
      `Публикация ${first} старше хранимых публикаций (самая старая — ${second}): загрузите последнюю публикацию целиком, как её перечисляет манифест.`,
    ]);
    expect((await request(t.server).get('/v1/blocklist/deltas').query({ from: first })).body.title).toBe('Gone');
    const ahead = await request(t.server).get('/v1/blocklist/deltas').query({ from: 999_999 }).set('accept-language', 'ru');
    const latest = (await manifestAt('latest')).serial;
    expect([ahead.status, ahead.body.title, ahead.body.detail]).toEqual([
      409,
      'Конфликт',
      `Серийный номер 999999 больше последней публикации (${latest}): у клиента его быть не может. Начните заново с последнего манифеста.`,
    ]);
    const file = await request(t.server).get(`/v1/blocklist/${first}/nosuch.txt`).set('accept-language', 'kk');
    expect([file.status, file.body.title, file.body.detail]).toEqual([404, 'Табылмады', `${first} жарияланымында nosuch.txt файлы жоқ; файлдар оның манифестінде көрсетілген.`]);
    const entries = await request(t.server).get('/v1/blocklist/entries').query({ serial: 999_999 }).set('accept-language', 'ru');
    expect(entries.body.errors[0].messages).toEqual([expect.stringMatching(/^serial 999999 больше текущего серийного номера блок-листа \(\d+\)$/)]);
    const range = await request(t.server).get(`/v1/blocklist/deltas/${second}-${first}.json`).set('accept-language', 'ru');
    expect([range.status, range.body.errors]).toEqual([400, [{ field: 'name', messages: [`${second}-${first}: первый серийный номер не должен быть больше второго`] }]]);
  });
});

describe('content codings of a file', () => {
  const onWire = (url: string, headers: Record<string, string>) => t.app.getHttpAdapter().getInstance().inject({ url, headers });

  it('gives each coding its own strong ETag, Vary: Accept-Encoding, and 304 only for the tag of the coding asked', async () => {
    const file = (await manifestAt('latest')).files.find((f) => f.name === 'blocklist.rpz')!;
    const tags: Record<string, string> = {};
    for (const [coding, expected] of [['identity', `"${file.sha256}"`], ['gzip', `"${file.sha256}-gzip"`], ['br', `"${file.sha256}-br"`]] as const) {
      const res = await onWire(file.url, { 'accept-encoding': coding });
      expect([coding, res.statusCode, res.headers.etag, res.headers.vary, res.headers['content-encoding'] ?? 'identity']).toEqual([coding, 200, expected, 'Accept-Encoding', coding]);
      tags[coding] = expected;
    }
    const again = await onWire(file.url, { 'accept-encoding': 'gzip', 'if-none-match': tags.gzip! });
    expect([again.statusCode, again.headers.etag, again.headers.vary, again.rawPayload.length]).toEqual([304, tags.gzip, 'Accept-Encoding', 0]);
    const list = await onWire(file.url, { 'accept-encoding': 'br', 'if-none-match': `${tags.identity}, ${tags.gzip}, ${tags.br}` });
    expect([list.statusCode, list.headers.etag]).toEqual([304, tags.br]);
    // A cache holding the identity bytes that now asks for brotli gets the brotli bytes, not a 304.
    const other = await onWire(file.url, { 'accept-encoding': 'br', 'if-none-match': tags.identity! });
    expect([other.statusCode, other.headers.etag, other.headers['content-encoding']]).toEqual([200, tags.br, 'br']);
  });

  it('answers identity;q=0 with a coding it accepts, and 406 when it accepts none (RFC 9110 §12.5.3)', async () => {
    const file = (await manifestAt('latest')).files.find((f) => f.name === 'domains.txt')!;
    const gzip = await onWire(file.url, { 'accept-encoding': 'identity;q=0, gzip' });
    expect([gzip.statusCode, gzip.headers['content-encoding']]).toEqual([200, 'gzip']);
    for (const refused of ['identity;q=0', '*;q=0', 'deflate, identity;q=0']) {
      const res = await onWire(file.url, { 'accept-encoding': refused, 'accept-language': 'en' });
      expect([refused, res.statusCode, res.headers['content-type'], res.json()]).toEqual([
        refused,
        406,
        'application/problem+json; charset=utf-8',
        expect.objectContaining({
          status: 406,
          title: 'Not acceptable',
          code: 'encoding-not-acceptable',
          accepted: ['br', 'gzip', 'identity'],
          detail: 'Accept-Encoding refuses every coding a file is served in: br, gzip and identity (uncompressed). Accept one of them.',
        }),
      ]);
    }
  });
});

describe('deltas are bounded', () => {
  it('refuses a delta of more entries than PUBLICATION_MAX_DELTA_ENTRIES with a 410 linking the latest manifest', async () => {
    const from = (await manifestAt('latest')).serial;
    await add([1, 2, 3, 4].map((i) => ({ kind: 'domain', value: `bound-${i}.example`, match: 'exact' }))).expect(201);
    const to = await publish();
    const res = await request(t.server).get('/v1/blocklist/deltas').query({ from });
    expect([res.status, res.headers.link, res.headers['cache-control']]).toEqual([410, '</v1/blocklist/latest/manifest.json>; rel="latest-version"', undefined]);
    expect(res.body).toEqual({
      type: expect.stringContaining('delta-too-large'),
      title: 'Gone',
      status: 410,
      code: 'delta-too-large',
      detail: `The delta from publication ${from} to ${to} would carry 4 entries, more than the 3 a delta carries: load the latest publication whole, as its manifest lists it.`,
      latest: '/v1/blocklist/latest/manifest.json',
      entries: 4,
      maxEntries: 3,
      instance: expect.any(String),
      requestId: expect.any(String),
    });
    expect((await request(t.server).get(`/v1/blocklist/deltas/${from}-${to}.json`)).status).toBe(410);
    // Within the bound, served as before.
    await add([{ kind: 'domain', value: 'bound-5.example', match: 'exact' }]).expect(201);
    const next = await publish();
    const small = await request(t.server).get('/v1/blocklist/deltas').query({ from: to });
    expect([small.status, small.body.added, small.body.to]).toEqual([200, [{ kind: 'domain', match: 'exact', value: 'bound-5.example' }], next]);
  });
});

describe('the publications folder is tidied', () => {
  it('deletes at start the folders past the window and every <serial>.tmp/ a crash left, and the unkept ones after publishing', async () => {
    const own = await mkdtemp(join(tmpdir(), 'publications-tidy-'));
    await mkdir(join(own, '3.tmp'), { recursive: true });
    await mkdir(join(own, '12'), { recursive: true });
    await writeFile(join(own, '12', 'blocklist.rpz'), 'left over');
    await writeFile(join(own, 'NOTES'), 'not a publication');
    const other = await createTestApp({ PUBLICATIONS_DIR: own, SIGNING_DEV_KEY_DIR: join(work, 'signing') });
    try {
      // A fresh database has no publication: no folder is kept.
      expect((await readdir(own)).sort()).toEqual(['NOTES']);
    } finally {
      await other.close();
      await rm(own, { recursive: true, force: true });
    }
    // After a publication: a crash's .tmp/ of a serial out of the window goes, with that serial's folder.
    const oldest = first;
    await mkdir(join(dir, `${oldest}.tmp`), { recursive: true });
    await mkdir(join(dir, String(oldest)), { recursive: true });
    await add([{ kind: 'domain', value: 'tidy.example', match: 'exact' }]).expect(201);
    await publish();
    const names = await readdir(dir);
    expect([names.includes(`${oldest}.tmp`), names.includes(String(oldest)), names.filter((n) => n.endsWith('.tmp'))]).toEqual([false, false, []]);
    expect(names.filter((n) => /^\d+$/.test(n))).toHaveLength(3);
  });
});

describe('latest and cache-busters', () => {
  it('ignores query parameters it does not know on latest (a cache-buster), and still reads wait strictly', async () => {
    const plain = await raw('/v1/blocklist/latest/manifest.json');
    for (const path of ['/v1/blocklist/latest/manifest.json?foo=1', '/v1/blocklist/latest/manifest.json?_=1733100000&nocache', '/v1/blocklist/latest/manifest.json.sig?x=1', '/v1/blocklist/latest/manifest.jws?x=1']) {
      const res = await raw(path);
      expect([path, res.status, res.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
    }
    expect((await raw('/v1/blocklist/latest/manifest.json?foo=1')).body.equals(plain.body)).toBe(true);
    const waited = await raw('/v1/blocklist/latest/manifest.json?wait=1&_=2', { 'if-none-match': plain.headers.etag as string });
    expect(waited.status).toBe(304);
    const bad = await request(t.server).get('/v1/blocklist/latest/manifest.json?wait=02&_=2');
    expect([bad.status, bad.body.errors]).toEqual([400, [{ field: 'wait', messages: ['wait must be a whole number from 1 to 60 in decimal digits, without a sign, spaces or leading zeros'] }]]);
  });
});
