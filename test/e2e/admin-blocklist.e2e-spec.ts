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
