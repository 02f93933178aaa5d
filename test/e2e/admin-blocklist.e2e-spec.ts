import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let writer: string;
let auditor: string;
beforeAll(async () => {
  t = await createTestApp();
  writer = (await createKey(t.app, ['blocklist:write'])).key;
  auditor = (await createKey(t.app, ['audit:read'])).key;
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

describe('POST /v1/admin/blocklist/entries: forms of an address', () => {
  const add = (entries: object[]) =>
    request(t.server).post('/v1/admin/blocklist/entries').set('authorization', `Bearer ${writer}`).send({ legalBasis, source, entries });
  const verdict = async (q: string) => (await request(t.server).get('/v1/check').query({ q }).expect(200)).body.verdict;

  it('takes an IPv4-mapped IPv6 address as the IPv4 it stands for, and blocks both forms', async () => {
    const res = await add([{ kind: 'ipv6', value: '::ffff:198.51.100.23', match: 'exact' }]).expect(201);
    expect(res.body.entries[0]).toMatchObject({ kind: 'ipv4', value: '198.51.100.23' });
    expect(await verdict('http://[::ffff:198.51.100.23]/')).toBe('blocked');
    expect(await verdict('http://[::ffff:c633:6417]/login')).toBe('blocked');
    expect(await verdict('198.51.100.23')).toBe('blocked');
  });

  it('blocks the mapped form of an address under a blocked IPv4 block', async () => {
    await add([{ kind: 'cidr', value: '233.252.0.0/24', match: 'exact' }]).expect(201);
    expect(await verdict('http://[::ffff:233.252.0.99]/')).toBe('blocked');
  });

  it('stores a URL in its normalised form and blocks every equivalent spelling', async () => {
    const res = await add([{ kind: 'url', value: 'https://forms.example//p2p-usdt/;jsessionid=1', match: 'subtree' }]).expect(201);
    expect(res.body.entries[0].value).toBe('https://forms.example/p2p-usdt');
    for (const q of [
      'https://forms.example/p2p-usdt/',
      'http://forms.example/%70%32p-usdt',
      'https://forms.example//p2p-usdt//',
      'https://forms.example/p2p-usdt?ref=1',
      'https://forms.example/p2p-usdt;x=y/pay',
    ]) {
      expect([q, await verdict(q)]).toEqual([q, 'blocked']);
    }
    // The same page in another spelling is already in force: refused, not stored twice.
    const again = await add([{ kind: 'url', value: 'https://forms.example/p2p-usdt/', match: 'subtree' }]).expect(422);
    expect(again.body.errors[0].messages[0]).toContain('is already on the blocklist');
  });

  it('answers blocked for a host with an underscore label under a blocked domain', async () => {
    await add([{ kind: 'domain', value: 'underscore-parent.example', match: 'subtree' }]).expect(201);
    expect(await verdict('https://a_b.underscore-parent.example/')).toBe('blocked');
  });

  it.each(['kz', 'co.uk', 'github.io', 'com.kz'])('refuses the public suffix %s with 422, naming the item', async (value) => {
    const res = await add([{ kind: 'domain', value, match: 'subtree' }]).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      {
        field: 'entries.0.value',
        messages: [`"${value}" is a public suffix (on the Public Suffix List): many owners have sites under it, so it cannot be blocked as one site.`],
      },
    ]);
  });
});

describe('POST /v1/admin/blocklist/entries', () => {
  it('adds entries under one new serial, blocks them at once, and audits each', async () => {
    const before = (await request(t.server).get('/v1/blocklist/entries').expect(200)).body.serial;
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .send({
        legalBasis,
        source,
        entries: [
          { kind: 'domain', value: 'Fake-Binance-KZ.example.', match: 'subtree' },
          { kind: 'cidr', value: '203.0.113.0/24', match: 'exact' },
        ],
      })
      .expect(201);
    expect(res.body).toMatchObject({ serial: before + 1, count: 2 });
    expect(res.body.entries[0].value).toBe('fake-binance-kz.example');
    const check = await request(t.server).get('/v1/check').query({ q: 'https://login.fake-binance-kz.example/' }).expect(200);
    expect(check.body).toMatchObject({ verdict: 'blocked', serial: before + 1 });
    const audit = await request(t.server)
      .get('/v1/admin/audit-events')
      .query({ targetId: res.body.entries[0].id })
      .set('authorization', `Bearer ${auditor}`)
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'blocklist-entry.add', before: null, after: { value: 'fake-binance-kz.example' } });
    expect(audit.body.items[0].requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses the whole request, listing every bad item by index, and writes nothing', async () => {
    const serial = (await request(t.server).get('/v1/blocklist/entries').expect(200)).body.serial;
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .send({
        legalBasis,
        source,
        entries: [
          { kind: 'domain', value: 'fine.example', match: 'subtree' },
          { kind: 'domain', value: 'not a domain', match: 'exact' },
          { kind: 'domain', value: 'FINE.example', match: 'exact' },
          { kind: 'domain', value: 'www.binance.com', match: 'exact' },
          { kind: 'domain', value: 'coinbase.com', match: 'subtree' },
        ],
      })
      .expect(422);
    expect(res.body.code).toBe('invalid-entries');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'entries.1.value',
      'entries.2.value',
      'entries.3.value',
      'entries.4.value',
    ]);
    expect(res.body.errors[2].messages[0]).toContain('licensed firm');
    expect((await request(t.server).get('/v1/blocklist/entries').expect(200)).body.serial).toBe(serial);
    expect((await request(t.server).get('/v1/check').query({ q: 'fine.example' })).body.verdict).toBe('unknown');
  });

  it('replays the first result for a retried Idempotency-Key and refuses it with another body', async () => {
    const body = { legalBasis, source, entries: [{ kind: 'domain', value: 'idem.example', match: 'exact' }] };
    const first = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .set('idempotency-key', 'retry-1')
      .send(body)
      .expect(201);
    const again = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .set('idempotency-key', 'retry-1')
      .send(body)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .set('idempotency-key', 'retry-1')
      .send({ ...body, entries: [{ kind: 'domain', value: 'other.example', match: 'exact' }] })
      .expect(422);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('removes entries under one new serial', async () => {
    const added = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .send({ legalBasis, source, entries: [{ kind: 'domain', value: 'soon-gone.example', match: 'exact' }] })
      .expect(201);
    const removed = await request(t.server)
      .post('/v1/admin/blocklist/removals')
      .set('authorization', `Bearer ${writer}`)
      .send({ ids: [added.body.entries[0].id], reason: 'Decision reversed' })
      .expect(200);
    expect(removed.body).toMatchObject({ serial: added.body.serial + 1, count: 1 });
    expect((await request(t.server).get('/v1/check').query({ q: 'soon-gone.example' })).body.verdict).toBe('unknown');
  });
});
