import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BlocklistService } from '../../src/blocklist/blocklist.service.js';
import { NormaliseUrlEntries1796400000000 } from '../../migrations/1796400000000-normalise-url-entries.js';
import { DemoDataLoader } from '../../src/demo/demo-data.loader.js';
import { isValidBin, isValidLei } from '../../src/firms/identifiers.js';
import { pendingSchemaChanges } from '../../src/platform/database/schema-drift.js';
import { superuserDataSource } from '../setup/database.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let db: DataSource;
beforeAll(async () => {
  t = await createTestApp();
  // What the database refuses whoever connects: a superuser's connection, which no privilege stops first.
  db = await superuserDataSource(t.databaseUrl);
});
afterAll(async () => {
  await db?.destroy();
  await t.close();
});

const source = { url: 'https://example.org/source', document: null, readOn: '2026-11-24', confidence: 'unconfirmed' as const };

function insertFirm(bin: string | null, lei: string | null = null) {
  return db.query(
    `INSERT INTO firms (name_en, search_text, bin, lei, jurisdiction, source_url, source_read_on, source_confidence)
     VALUES ($3, 'test firm', $1, $2, 'AIFC', 'https://example.org', '2026-11-24', 'unconfirmed')`,
    [bin, lei, `Test firm ${bin} ${lei}`],
  );
}

describe('schema', () => {
  it('entities and migrations agree (TypeORM would change nothing)', async () => {
    expect(await pendingSchemaChanges(db)).toEqual([]);
  });

  it('the database itself refuses a BIN or LEI with a wrong check digit, and accepts DEMO- identifiers', async () => {
    await expect(insertFirm('200240900096')).rejects.toThrow(/ck_firms_bin/);
    await expect(insertFirm('20024090009')).rejects.toThrow(/ck_firms_bin/);
    await expect(insertFirm(null, '5493001KJTIIGC8Y1R13')).rejects.toThrow(/ck_firms_lei/);
    await insertFirm('200240900095', '5493001KJTIIGC8Y1R12');
    await insertFirm('DEMO-BIN-TEST');
  });

  it('the SQL check-digit functions agree with the TypeScript ones', async () => {
    const bins = Array.from({ length: 400 }, (_, i) =>
      i % 2 ? String(Math.floor(Math.random() * 1e12)).padStart(12, '0') : '200240900095'.replace(/.$/, String(i % 10)),
    );
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const leis = Array.from({ length: 400 }, () => {
      const body = Array.from({ length: 18 }, () => alphabet[Math.floor(Math.random() * 36)]).join('');
      return body + String(Math.floor(Math.random() * 100)).padStart(2, '0');
    });
    const rows: { bin: boolean; lei: boolean }[] = await db.query(
      `SELECT registry_bin_is_valid(b) AS bin, registry_lei_is_valid(l) AS lei
       FROM unnest($1::text[], $2::text[]) AS t(b, l)`,
      [bins, leis],
    );
    expect(rows.map((r) => r.bin)).toEqual(bins.map(isValidBin));
    expect(rows.map((r) => r.lei)).toEqual(leis.map(isValidLei));
    expect(rows.some((r) => r.bin)).toBe(true);
  });

  it('keeps licence history: a licence cannot be rewritten, re-opened or deleted', async () => {
    const [licence]: { id: string }[] = await db.query(`SELECT id FROM licences WHERE status = 'active' AND granted_on IS NOT NULL LIMIT 1`);
    await db.query(`UPDATE licences SET status = 'expired', ended_on = '2026-11-01' WHERE id = $1`, [licence!.id]);
    await expect(db.query(`UPDATE licences SET granted_on = NULL WHERE id = $1`, [licence!.id])).rejects.toThrow(/never rewritten/);
    await expect(db.query(`UPDATE licences SET number = 'DEMO-OTHER' WHERE id = $1`, [licence!.id])).rejects.toThrow(
      /never rewritten/,
    );
    await expect(
      db.query(`UPDATE licences SET status = 'active', ended_on = NULL WHERE id = $1`, [licence!.id]),
    ).rejects.toThrow(/stays ended/);
    await expect(db.query(`DELETE FROM licences WHERE id = $1`, [licence!.id])).rejects.toThrow(/cannot be deleted/);
  });

  it('keeps licence events append-only', async () => {
    const [event]: { id: string }[] = await db.query(`SELECT id FROM licence_events LIMIT 1`);
    await expect(db.query(`UPDATE licence_events SET reason = 'rewritten' WHERE id = $1`, [event!.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM licence_events WHERE id = $1`, [event!.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE licence_events`)).rejects.toThrow(/append-only/);
  });

  it('keeps the log of serials append-only and refuses an entry naming a serial it does not hold, on insert and update', async () => {
    const [{ serial }]: { serial: string }[] = await db.query(`SELECT max(serial) AS serial FROM blocklist_serials`);
    await expect(db.query(`DELETE FROM blocklist_serials WHERE serial = $1`, [serial])).rejects.toThrow(
      'blocklist_serials is append-only (DELETE refused)',
    );
    await expect(db.query(`UPDATE blocklist_serials SET serial = serial + 1000 WHERE serial = $1`, [serial])).rejects.toThrow(
      'blocklist_serials is append-only (UPDATE refused)',
    );
    await expect(db.query(`TRUNCATE blocklist_serials CASCADE`)).rejects.toThrow('blocklist_serials is append-only (TRUNCATE refused)');
    // What each serial counts may still be written.
    await db.query(`UPDATE blocklist_serials SET added = added WHERE serial = $1`, [serial]);

    const missing = Number(serial) + 1000;
    const refused = db.query(
      `INSERT INTO blocklist_entries (kind, value, display_value, match, legal_basis_en, added_serial, source_url, source_read_on, source_confidence)
       VALUES ('domain', 'no-such-serial.example', 'no-such-serial.example', 'exact', 'test', $1, 'https://example.org', '2026-11-24', 'unconfirmed')`,
      [missing],
    );
    await expect(refused).rejects.toMatchObject({
      code: '23503',
      message: `blocklist_entries names serial ${missing}, which blocklist_serials does not hold`,
    });
    const [entry]: { id: string }[] = await db.query(`SELECT id FROM blocklist_entries WHERE removed_serial IS NULL LIMIT 1`);
    await expect(db.query(`UPDATE blocklist_entries SET removed_serial = $1 WHERE id = $2`, [missing, entry!.id])).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('refuses blocklist values that are not canonical', async () => {
    const insert = (kind: string, value: string) =>
      db.query(
        `INSERT INTO blocklist_entries (kind, value, display_value, match, legal_basis_en, added_serial,
           source_url, source_read_on, source_confidence)
         VALUES ($1, $2, $2, 'exact', 'test', 1, 'https://example.org', '2026-11-24', 'unconfirmed')`,
        [kind, value],
      );
    await expect(insert('domain', 'Example.KZ')).rejects.toThrow(/ck_blocklist_entries_value/);
    await expect(insert('domain', 'example.kz.')).rejects.toThrow(/ck_blocklist_entries_value/);
    await expect(insert('cidr', '10.0.0.1/8')).rejects.toThrow();
    await expect(insert('ipv4', '10.0.0.1/24')).rejects.toThrow(/ck_blocklist_entries_value/);
  });

  it('rewrites URL entries in force written before normalisation, keeping the older where two meet', async () => {
    const insert = (value: string, serial: number) =>
      db.query(
        `INSERT INTO blocklist_entries (kind, value, display_value, match, legal_basis_en, added_serial,
           source_url, source_read_on, source_confidence)
         VALUES ('url', $1, $1, 'subtree', 'test', $2, 'https://example.org', '2026-11-24', 'unconfirmed') RETURNING id`,
        [value, serial],
      );
    const [older] = await insert('https://old-form.example/p2p//usdt/', 1);
    const [newer] = await insert('https://old-form.example/p2p/usdt;x=1/', 2);
    const runner = db.createQueryRunner();
    try {
      await new NormaliseUrlEntries1796400000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { id: string; value: string }[] = await db.query(
      `SELECT id, value FROM blocklist_entries WHERE id = ANY($1)`,
      [[older.id, newer.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.value]))).toEqual({
      [older.id]: 'https://old-form.example/p2p/usdt',
      [newer.id]: 'https://old-form.example/p2p/usdt;x=1/',
    });
    await db.query(`DELETE FROM blocklist_entries WHERE id = ANY($1)`, [[older.id, newer.id]]);
  });
});

describe('blocklist serial', () => {
  const change = (value: string) => [
    { kind: 'domain' as const, value, displayValue: value, match: 'exact' as const, blockedEntityId: null, legalBasis: { en: 'test', ru: null, kk: null }, source },
  ];

  it('advances by one per change with no gaps or reuse when writers run concurrently', async () => {
    const blocklist = t.app.get(BlocklistService);
    const before = await blocklist.currentSerial();
    const writers = 25;
    const serials = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        db.transaction((manager) => blocklist.apply(manager, change(`concurrent-${i}.example`), []).then((r) => r.serial)),
      ),
    );
    expect([...serials].sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => before + 1 + i));
    expect(await blocklist.currentSerial()).toBe(before + writers);
    const rows: { serial: string; added: number }[] = await db.query(
      'SELECT serial, added FROM blocklist_serials WHERE serial > $1 ORDER BY serial',
      [before],
    );
    expect(rows.map((r) => Number(r.serial))).toEqual(serials.sort((a, b) => a - b));
    expect(rows.every((r) => r.added === 1)).toBe(true);
  });

  it('gives a rolled-back change its serial back', async () => {
    const blocklist = t.app.get(BlocklistService);
    const before = await blocklist.currentSerial();
    await expect(
      db.transaction(async (manager) => {
        await blocklist.apply(manager, change('rolled-back.example'), []);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await blocklist.currentSerial()).toBe(before);
    const next = await db.transaction((manager) => blocklist.apply(manager, change('after-rollback.example'), []).then((r) => r.serial));
    expect(next).toBe(before + 1);
  });
});

describe('demo data', () => {
  it('loads once: a second run changes nothing', async () => {
    const count = async () => (await db.query('SELECT count(*)::int AS n FROM firms'))[0].n as number;
    const before = await count();
    expect(await t.app.get(DemoDataLoader).loadIfEmpty()).toEqual({ loaded: false });
    expect(await count()).toBe(before);
  });
});
