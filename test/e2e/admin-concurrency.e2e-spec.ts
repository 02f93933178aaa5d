// Concurrent operators through the real Fastify stack on a real PostgreSQL: serials stay gap-free and unique, the audit
// chain stays whole, refused and failed requests leave nothing behind, and an Idempotency-Key writes once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service.js';
import { createKey } from '../setup/api-keys.js';
import { registryCounts } from '../setup/registry-state.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';
const addBody = (values: string[]) => ({
  legalBasis,
  source,
  entries: values.map((value) => ({ kind: 'domain', value, match: 'exact' })),
});

let t: TestApp;
let db: DataSource;
let writers: string[];
let auditor: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  db = t.app.get(DataSource);
  // Several keys, so that concurrent writers are different actors too.
  writers = [];
  for (let i = 0; i < 4; i++) writers.push((await createKey(t.app, ['blocklist:write'], `writer ${i}`)).key);
  auditor = (await createKey(t.app, ['audit:read'])).key;
  admin = (await createKey(t.app, ['keys:admin'])).key;
});
afterAll(async () => {
  await t?.close();
});

const add = (values: string[], key = writers[0]!) =>
  request(t.server).post('/v1/admin/blocklist/entries').set('authorization', `Bearer ${key}`).send(addBody(values));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

async function auditSeqs(): Promise<{ min: number; max: number; count: number; head: number }> {
  const [row]: { min: number; max: number; count: number; head: number }[] = await db.query(
    `SELECT coalesce(min(seq), 0)::int AS min, coalesce(max(seq), 0)::int AS max, count(*)::int AS count,
            (SELECT seq FROM audit_head WHERE id = 1)::int AS head
     FROM audit_events`,
  );
  return row!;
}

async function expectChainIntact(): Promise<void> {
  const verified = await t.app.get(AuditService).verify();
  expect(verified).toMatchObject({ ok: true });
  const seqs = await auditSeqs();
  if (seqs.count > 0) expect(seqs).toEqual({ min: 1, max: seqs.count, count: seqs.count, head: seqs.count });
}

describe('concurrent blocklist writers', () => {
  it('get serials before+1..before+20, each once, with one serial row and one change each', async () => {
    const before = await registryCounts(t.app);
    const values = range(0, 20).map((i) => `parallel-${i}.example`);
    const responses = await Promise.all(values.map((value, i) => add([value], writers[i % writers.length])));

    expect(responses.map((r) => r.status)).toEqual(values.map(() => 201));
    const serials = responses.map((r) => r.body.serial as number);
    expect([...serials].sort((a, b) => a - b)).toEqual(range(before.serial + 1, 20));
    expect((await request(t.server).get('/v1/blocklist/entries').expect(200)).body.serial).toBe(before.serial + 20);

    const serialRows: { serial: number; added: number; removed: number }[] = await db.query(
      'SELECT serial::int AS serial, added, removed FROM blocklist_serials WHERE serial > $1 ORDER BY serial',
      [before.serial],
    );
    expect(serialRows).toEqual(range(before.serial + 1, 20).map((serial) => ({ serial, added: 1, removed: 0 })));

    const entries: { id: string; value: string; added_serial: number }[] = await db.query(
      'SELECT id, value, added_serial::int AS added_serial FROM blocklist_entries WHERE added_serial > $1',
      [before.serial],
    );
    expect(entries).toHaveLength(20);
    // Each response's serial is the serial its entry was stored under; each serial changed exactly one entry.
    const byValue = new Map(entries.map((e) => [e.value, e]));
    responses.forEach((res, i) => {
      const stored = byValue.get(values[i]!);
      expect(stored).toMatchObject({ id: res.body.entries[0].id, added_serial: res.body.serial });
    });
    expect(new Set(entries.map((e) => e.added_serial)).size).toBe(20);

    const after = await registryCounts(t.app);
    expect(after).toMatchObject({
      serial: before.serial + 20,
      entries: before.entries + 20,
      serials: before.serials + 20,
      auditEvents: before.auditEvents + 20,
    });
  });

  it('keeps the audit chain whole: verify() is ok, seqs are gap-free, one event per entry, in serial order', async () => {
    const before = await registryCounts(t.app);
    const values = range(0, 20).map((i) => `chained-${i}.example`);
    const responses = await Promise.all(values.map((value, i) => add([value], writers[i % writers.length])));
    expect(responses.map((r) => r.status)).toEqual(values.map(() => 201));

    await expectChainIntact();
    const after = await registryCounts(t.app);
    expect(after.auditEvents).toBe(before.auditEvents + 20);
    expect(after.auditHeadSeq).toBe(after.auditEvents);

    const events: { target_id: string; actor: string; seq: number; after: { addedSerial: number } }[] = await db.query(
      `SELECT target_id, actor, seq::int AS seq, after FROM audit_events WHERE action = 'blocklist-entry.add' AND seq > $1 ORDER BY seq`,
      [before.auditEvents],
    );
    const ids = responses.map((r) => r.body.entries[0].id as string);
    expect(events.map((e) => e.target_id).sort()).toEqual([...ids].sort());
    // The serial head is taken before the audit head in every writer: events chain in the order serials commit.
    const serialsInSeqOrder = events.map((e) => e.after.addedSerial);
    expect(serialsInSeqOrder).toEqual([...serialsInSeqOrder].sort((a, b) => a - b));
  });

  it('keeps the chain whole when adds, removals and key admin interleave', async () => {
    const seeded = await add(range(0, 6).map((i) => `to-remove-${i}.example`)).expect(201);
    const before = await registryCounts(t.app);
    const ids: string[] = seeded.body.entries.map((e: { id: string }) => e.id);
    const work = [
      ...range(0, 8).map((i) => add([`mixed-${i}.example`], writers[i % writers.length])),
      ...ids.map((id, i) =>
        request(t.server)
          .post('/v1/admin/blocklist/removals')
          .set('authorization', `Bearer ${writers[(i + 1) % writers.length]}`)
          .send({ ids: [id], reason: 'Decision reversed' }),
      ),
      ...range(0, 4).map((i) =>
        request(t.server).post('/v1/admin/api-keys').set('authorization', `Bearer ${admin}`).send({ name: `mixed ${i}`, scopes: ['audit:read'] }),
      ),
    ];
    const responses = await Promise.all(work);
    expect(responses.map((r) => r.status)).toEqual([...range(0, 8).map(() => 201), ...ids.map(() => 200), ...range(0, 4).map(() => 201)]);

    await expectChainIntact();
    const after = await registryCounts(t.app);
    expect(after).toMatchObject({
      serial: before.serial + 8 + 6,
      serials: before.serials + 8 + 6,
      entries: before.entries + 8,
      auditEvents: before.auditEvents + 8 + 6 + 4,
      apiKeys: before.apiKeys + 4,
    });
    const blocklistSerials = responses.slice(0, 14).map((r) => r.body.serial as number);
    expect(blocklistSerials.sort((a, b) => a - b)).toEqual(range(before.serial + 1, 14));
    const removed: { n: number }[] = await db.query(
      'SELECT count(*)::int AS n FROM blocklist_entries WHERE id = ANY($1::uuid[]) AND removed_serial IS NOT NULL',
      [ids],
    );
    expect(removed[0]!.n).toBe(6);
  });

  it('lets exactly one of many concurrent adds of the same value through; the others fail cleanly and leave no trace', async () => {
    const before = await registryCounts(t.app);
    const responses = await Promise.all(range(0, 10).map((i) => add(['contended.example'], writers[i % writers.length])));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const res of responses.filter((r) => r.status !== 201)) {
      expect([409, 422]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const after = await registryCounts(t.app);
    expect(after).toMatchObject({
      serial: before.serial + 1,
      serials: before.serials + 1,
      entries: before.entries + 1,
      auditEvents: before.auditEvents + 1,
    });
    const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM blocklist_entries WHERE value = 'contended.example'`);
    expect(rows[0]!.n).toBe(1);
    await expectChainIntact();
  });
});

describe('a refused bulk request', () => {
  it('leaves entries, serials, the audit trail and idempotency records exactly as they were', async () => {
    const existing = await add(['already-there.example']).expect(201);
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writers[0]}`)
      .set('idempotency-key', 'refused-then-fixed')
      .send({
        legalBasis,
        source,
        entries: [
          { kind: 'domain', value: 'would-be-fine.example', match: 'exact' },
          { kind: 'domain', value: 'already-there.example', match: 'exact' },
          { kind: 'domain', value: 'ok-too.example', match: 'subtree', blockedEntityId: '00000000-0000-4000-8000-000000000000' },
          { kind: 'cidr', value: '203.0.113.7/24', match: 'exact' },
        ],
      })
      .expect(422);
    expect(res.body.code).toBe('invalid-entries');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'entries.1.value',
      'entries.2.blockedEntityId',
      'entries.3.value',
    ]);
    expect(res.body.errors[0].messages[0]).toContain(existing.body.entries[0].id);
    expect(await registryCounts(t.app)).toEqual(before);
    const fine: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM blocklist_entries WHERE value = 'would-be-fine.example'`);
    expect(fine[0]!.n).toBe(0);

    // The refused request did not keep its Idempotency-Key: the corrected request may use it.
    const fixed = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writers[0]}`)
      .set('idempotency-key', 'refused-then-fixed')
      .send(addBody(['would-be-fine.example']))
      .expect(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(fixed.body.serial).toBe(before.serial + 1);
  });

  it('a refused removal (one unknown id) removes nothing', async () => {
    const added = await add(['stays-1.example', 'stays-2.example']).expect(201);
    const before = await registryCounts(t.app);
    const res = await request(t.server)
      .post('/v1/admin/blocklist/removals')
      .set('authorization', `Bearer ${writers[0]}`)
      .send({ ids: [added.body.entries[0].id, '00000000-0000-4000-8000-000000000000', added.body.entries[1].id], reason: 'Decision reversed' })
      .expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['ids.1']);
    expect(await registryCounts(t.app)).toEqual(before);
    const active: { n: number }[] = await db.query(
      'SELECT count(*)::int AS n FROM blocklist_entries WHERE id = ANY($1::uuid[]) AND removed_serial IS NULL',
      [added.body.entries.map((e: { id: string }) => e.id)],
    );
    expect(active[0]!.n).toBe(2);
  });
});

describe('the audit table', () => {
  // The service's own role has no such privileges at all (least-privilege.e2e-spec.ts); the triggers hold even a
  // superuser, who could only disable them on purpose.
  it('refuses UPDATE, DELETE and TRUNCATE, whoever connects, a superuser too', async () => {
    const { count } = await auditSeqs();
    expect(count).toBeGreaterThan(0);
    const superuser = new pg.Client({ connectionString: t.databaseUrl });
    await superuser.connect();
    try {
      await expect(superuser.query(`UPDATE audit_events SET actor = 'someone-else' WHERE seq = 1`)).rejects.toThrow(
        /audit_events is append-only \(UPDATE refused\)/,
      );
      await expect(superuser.query(`UPDATE audit_events SET after = '{}'::jsonb`)).rejects.toThrow(/append-only \(UPDATE refused\)/);
      await expect(superuser.query('DELETE FROM audit_events WHERE seq = $1', [count])).rejects.toThrow(
        /audit_events is append-only \(DELETE refused\)/,
      );
      await expect(superuser.query('DELETE FROM audit_events')).rejects.toThrow(/append-only \(DELETE refused\)/);
      await expect(superuser.query('TRUNCATE audit_events')).rejects.toThrow(/audit_events is append-only \(TRUNCATE refused\)/);
    } finally {
      await superuser.end();
    }
    expect((await auditSeqs()).count).toBe(count);
    await expectChainIntact();
  });

  it('is served to audit:read keys newest first, seq by seq', async () => {
    const res = await request(t.server)
      .get('/v1/admin/audit-events')
      .query({ limit: 100 })
      .set('authorization', `Bearer ${auditor}`)
      .expect(200);
    const seqs = res.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(range(0, seqs.length).map((i) => res.body.total - i));
  });
});

describe('Idempotency-Key under concurrency', () => {
  it('two identical requests at once write once: one 201, the other a replay or 409 in progress', async () => {
    const before = await registryCounts(t.app);
    const body = addBody(['idem-race-1.example', 'idem-race-2.example']);
    const send = () =>
      request(t.server)
        .post('/v1/admin/blocklist/entries')
        .set('authorization', `Bearer ${writers[0]}`)
        .set('idempotency-key', 'race-1')
        .send(body);
    const responses = await Promise.all([send(), send()]);

    const originals = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(originals).toHaveLength(1);
    const other = responses.find((r) => r !== originals[0])!;
    if (other.status === 201) {
      expect(other.headers['idempotent-replayed']).toBe('true');
      expect(other.body).toEqual(originals[0]!.body);
    } else {
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('idempotency-key-in-progress');
    }
    expect(await registryCounts(t.app)).toMatchObject({
      serial: before.serial + 1,
      entries: before.entries + 2,
      auditEvents: before.auditEvents + 2,
      idempotencyKeys: before.idempotencyKeys + 1,
    });

    // A later retry gets the first result back and writes nothing.
    const mid = await registryCounts(t.app);
    const retry = await send().expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(originals[0]!.body);
    expect(await registryCounts(t.app)).toEqual(mid);
  });

  it('ten identical requests at once still write once', async () => {
    const before = await registryCounts(t.app);
    const body = addBody(['idem-storm.example']);
    const responses = await Promise.all(
      range(0, 10).map(() =>
        request(t.server)
          .post('/v1/admin/blocklist/entries')
          .set('authorization', `Bearer ${writers[1]}`)
          .set('idempotency-key', 'storm-1')
          .send(body),
      ),
    );
    const originals = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(originals).toHaveLength(1);
    for (const res of responses.filter((r) => r !== originals[0])) {
      if (res.status === 201) expect(res.body).toEqual(originals[0]!.body);
      else expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'idempotency-key-in-progress' });
    }
    expect(await registryCounts(t.app)).toMatchObject({ serial: before.serial + 1, entries: before.entries + 1 });
    await expectChainIntact();
  });
});
