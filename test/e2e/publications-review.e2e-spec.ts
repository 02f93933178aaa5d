// What a review that used publications as ISPs do found, pinned: one spelling per serial, ...
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PublisherService } from '../../src/blocklist/publications/publisher.service.js';
import { createKey } from '../setup/api-keys.js';
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
const publish = async (now?: Date) => {
  const serial = await t.app.get(PublisherService).publishDue(now);
  if (serial === null) throw new Error('nothing was published');
  return serial;
};

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
