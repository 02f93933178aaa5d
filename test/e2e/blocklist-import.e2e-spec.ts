// The streaming import (BlocklistAdminService.importEntries, what `blocklist import` runs) against the admin API's
// add: the same rules and words for the same rows, and memory that does not grow with the file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import request from 'supertest';
import { BlocklistAdminService, type ImportRow } from '../../src/blocklist/blocklist-admin.service.js';
import { CheckIndexService } from '../../src/check/check-index.service.js';
import type { EntryKind, MatchMode } from '../../src/domain-names/entry-kinds.js';
import { createKey } from '../setup/api-keys.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let writer: string;
let admin: BlocklistAdminService;
beforeAll(async () => {
  // A statement bound far below what an import of 200,000 rows takes: the import lifts it for its own transaction.
  t = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '200' });
  writer = (await createKey(t.app, ['blocklist:write'])).key;
  admin = t.app.get(BlocklistAdminService);
});
afterAll(async () => {
  await t.close();
});

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' as const };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';
const ACTOR = { keyId: 'cli', requestId: null };

interface Entry {
  kind: EntryKind;
  value: string;
  match: MatchMode;
  blockedEntityId?: string;
}

async function* rowsOf(entries: Entry[]): AsyncGenerator<ImportRow> {
  for (const [i, e] of entries.entries()) {
    yield { line: i + 2, kind: e.kind, input: e.value, match: e.match, blockedEntityId: e.blockedEntityId ?? null };
  }
}

function importRows(
  rows: AsyncIterable<ImportRow>,
  options: { dryRun?: boolean; skipInForce?: boolean; allowLicensedDomains?: boolean } = {},
  on: TestApp = t,
) {
  return (on === t ? admin : on.app.get(BlocklistAdminService)).importEntries(
    {
      rows,
      file: { name: 'entries.csv', sha256: () => '0'.repeat(64) },
      legalBasis: { en: legalBasis },
      source,
      ...(options.allowLicensedDomains ? { allowLicensedDomains: true, overrideReason: 'Intended for this test only' } : {}),
    },
    ACTOR,
    { dryRun: options.dryRun, skipInForce: options.skipInForce },
  );
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on: TestApp = t): Promise<T[]> {
  const client = new pg.Client({ connectionString: on.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Until the app's check index answers from `serial`. */
async function untilIndexAt(on: TestApp, serial: number): Promise<void> {
  const index = on.app.get(CheckIndexService);
  for (const deadline = Date.now() + 30_000; index.freshness()?.serial !== serial; await delay(50)) {
    if (Date.now() > deadline) throw new Error(`the check index is at serial ${index.freshness()?.serial}, not ${serial}`);
  }
}

describe('the streaming import and the admin API', () => {
  it('refuse the same rows with the same words (a repeat names its first line instead of its index)', async () => {
    const [demo] = await query<{ value: string; match: MatchMode }>(
      "SELECT value, match FROM blocklist_entries WHERE kind = 'domain' AND removed_serial IS NULL ORDER BY value LIMIT 1",
    );
    const entries: Entry[] = [
      { kind: 'domain', value: 'New-Parity.example.', match: 'subtree' },
      { kind: 'domain', value: 'new-parity.example', match: 'exact' },
      { kind: 'ipv4', value: '192.0.2.10', match: 'exact' },
      { kind: 'domain', value: demo!.value, match: demo!.match === 'exact' ? 'subtree' : 'exact' },
      { kind: 'domain', value: 'entity-parity.example', match: 'exact', blockedEntityId: randomUUID() },
      { kind: 'domain', value: 'login.binance.com', match: 'exact' },
      { kind: 'domain', value: 'co.uk', match: 'subtree' },
      { kind: 'cidr', value: '203.0.113.5/24', match: 'exact' },
      { kind: 'ipv6', value: '::ffff:198.51.100.77', match: 'exact' },
      { kind: 'url', value: 'HTTPS://Parity.example//a/;x', match: 'subtree' },
      { kind: 'domain', value: 'пример-parity.example', match: 'exact' },
    ];
    const api = await request(t.server)
      .post('/v1/admin/blocklist/entries')
      .set('authorization', `Bearer ${writer}`)
      .send({ legalBasis, source, entries })
      .expect(422);
    const fromApi = (api.body.errors as { field: string; messages: string[] }[]).map((e) => ({
      line: Number(/^entries\.(\d+)\./.exec(e.field)![1]) + 2,
      message: e.messages.join(' ').replace(/^Duplicate of entries\.(\d+) /, (_, i: string) => `Duplicate of line ${Number(i) + 2} `),
    }));
    expect(fromApi.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);

    const imported = await importRows(rowsOf(entries));
    expect(imported).toEqual({ rows: 11, toAdd: 4, unchanged: 0, invalid: 7, problems: fromApi, serial: null });
    expect(imported.problems[0]!.message).toBe('Duplicate of line 2 (new-parity.example).');

    const allowed = await importRows(rowsOf(entries), { dryRun: true, allowLicensedDomains: true, skipInForce: true });
    expect(allowed).toMatchObject({ toAdd: 5, unchanged: 1, invalid: 5 });
    // 192.0.2.10 is left as it is, login.binance.com allowed; the rest stay refused.
    expect(allowed.problems.map((p) => p.line)).toEqual([3, 5, 6, 8, 9]);
  });

  it('stores what the admin API would store, under one serial counted in blocklist_serials', async () => {
    const entries: Entry[] = [
      { kind: 'domain', value: 'Stored-Import.example.', match: 'subtree' },
      { kind: 'ipv6', value: '::ffff:198.51.100.78', match: 'exact' },
      { kind: 'ipv6', value: '2001:DB8:0:0::1', match: 'exact' },
      { kind: 'url', value: 'HTTPS://Stored-Import.example//a/;x?b=1', match: 'subtree' },
      { kind: 'domain', value: 'пример-импорт.example', match: 'exact' },
      { kind: 'cidr', value: '::ffff:192.0.2.0/120', match: 'exact' },
    ];
    const outcome = await importRows(rowsOf(entries));
    expect(outcome).toMatchObject({ rows: 6, toAdd: 6, invalid: 0, problems: [] });
    const rows = await query('SELECT kind, value, display_value, match FROM blocklist_entries WHERE added_serial = $1 ORDER BY kind, value', [outcome.serial]);
    expect(rows).toEqual([
      { kind: 'cidr', value: '192.0.2.0/24', display_value: '192.0.2.0/24', match: 'exact' },
      { kind: 'domain', value: 'stored-import.example', display_value: 'stored-import.example', match: 'subtree' },
      { kind: 'domain', value: 'xn----itbicrdobgddf0a.example', display_value: 'пример-импорт.example', match: 'exact' },
      { kind: 'ipv4', value: '198.51.100.78', display_value: '198.51.100.78', match: 'exact' },
      { kind: 'ipv6', value: '2001:db8::1', display_value: '2001:db8::1', match: 'exact' },
      { kind: 'url', value: 'https://stored-import.example/a?b=1', display_value: 'https://stored-import.example/a?b=1', match: 'subtree' },
    ]);
    expect(await query('SELECT added, removed FROM blocklist_serials WHERE serial = $1', [outcome.serial])).toEqual([{ added: 6, removed: 0 }]);
    // Now in force: the check answers from it, as from any write.
    const check = await request(t.server).get('/v1/check').query({ q: 'https://www.stored-import.example/' }).expect(200);
    expect(check.body.verdict).toBe('blocked');
  });
});

describe('the streaming import at scale', () => {
  // An app of its own, closed before the memory is measured below: its check index, brought up to these 120,000
  // entries in the background, would grow the same heap.
  let big: TestApp;
  beforeAll(async () => {
    big = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '200' });
  });
  afterAll(async () => {
    await big.close();
  });
  const ROWS = 120_000;
  async function* spanning(repeatAtEnd: boolean): AsyncGenerator<ImportRow> {
    for (let i = 1; i <= ROWS; i++) {
      const value = repeatAtEnd && i === ROWS ? 'b1.batches-import.example' : `b${i}.batches-import.example`;
      yield { line: i + 1, kind: 'domain', input: value, match: 'exact', blockedEntityId: null };
    }
  }
  const inFile = () => query<{ n: number }>("SELECT count(*)::int AS n FROM blocklist_entries WHERE value LIKE '%.batches-import.example'", [], big);

  it('adds a file longer than a batch under one serial, and a repeat found only at its end rolls every batch back', async () => {
    const [before] = await query<{ serial: string }>('SELECT serial FROM blocklist_head', [], big);
    // The batches before the last were written while the file was read; the whole-file check finds line 120,001.
    const refused = await importRows(spanning(true), {}, big);
    expect(refused).toEqual({
      rows: ROWS,
      toAdd: ROWS - 1,
      unchanged: 0,
      invalid: 1,
      problems: [{ line: ROWS + 1, message: 'Duplicate of line 2 (b1.batches-import.example).' }],
      serial: null,
    });
    expect(await inFile()).toEqual([{ n: 0 }]);
    expect(await query('SELECT serial FROM blocklist_head', [], big)).toEqual([before]);

    const added = await importRows(spanning(false), {}, big);
    expect(added).toMatchObject({ rows: ROWS, toAdd: ROWS, invalid: 0, serial: Number(before!.serial) + 1 });
    expect(await inFile()).toEqual([{ n: ROWS }]);
    expect(await query('SELECT added FROM blocklist_serials WHERE serial = $1', [added.serial], big)).toEqual([{ added: ROWS }]);
    // The check index reads all of them again (one change too many to apply one by one), for longer than the bound.
    await untilIndexAt(big, added.serial!);
    const check = await request(big.server).get('/v1/check').query({ q: `b${ROWS}.batches-import.example` }).expect(200);
    expect(check.body.verdict).toBe('blocked');
  }, 120_000);
});

describe('the streaming import in bounded memory', () => {
  it('holds no more memory after 200,000 rows than after 20,000 (the rows stream through, nothing keeps them), outlasting the statement bound', async () => {
    // Nothing else growing the heap meanwhile: this app's check index has every change the tests before made.
    const [head] = await query<{ serial: string }>('SELECT serial FROM blocklist_head');
    await untilIndexAt(t, Number(head!.serial));
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap: Record<number, number> = {};
    const ROWS = 200_000;
    async function* many(): AsyncGenerator<ImportRow> {
      for (let i = 1; i <= ROWS; i++) {
        if (i === 20_000 || i === ROWS) {
          gc();
          heap[i] = process.memoryUsage().heapUsed;
        }
        yield { line: i + 1, kind: 'domain', input: `m${i}.memory-import.example`, match: 'exact', blockedEntityId: null };
      }
    }
    const outcome = await importRows(many(), { dryRun: true });
    expect(outcome).toMatchObject({ rows: ROWS, toAdd: ROWS, invalid: 0, serial: null });
    const grownMb = (heap[ROWS]! - heap[20_000]!) / 2 ** 20;
    // Kept, the 180,000 rows between would be some 25 MB of objects and strings.
    process.stdout.write(`heap grew ${grownMb.toFixed(1)} MB between row 20,000 and row ${ROWS.toLocaleString('en-US')}\n`);
    expect(grownMb).toBeLessThan(8);
  }, 120_000);
});
