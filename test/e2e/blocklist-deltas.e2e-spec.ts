// Deltas from the history the schema keeps: over random histories of adds, removals and re-adds (fast-check, fixed
// seed), the changes between serials N and M, applied to the set in force at N, give exactly the set at M.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { NewBlocklistEntry } from '../../src/blocklist/blocklist.repository.js';
import { BlocklistService } from '../../src/blocklist/blocklist.service.js';
import { applyDelta, netChanges, setSha256 } from '../../src/blocklist/publications/canonical-set.js';
import { PublicationsRepository } from '../../src/blocklist/publications/publications.repository.js';
import { TransactionRunner } from '../../src/platform/database/transactions.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let repository: PublicationsRepository;
let dataSource: DataSource;
beforeAll(async () => {
  t = await createTestApp();
  dataSource = t.app.get(DataSource);
  repository = new PublicationsRepository(dataSource);
});
afterAll(async () => {
  await t.close();
});

const VALUES = ['p1.example', 'p2.example', 'p3.example', 'p4.example', 'p5.example', 'p6.example'];
type Step = { value: string; match: 'exact' | 'subtree'; readd: boolean }[];

/** One serial per step: each named value is removed when in force (and added again with `match` when `readd`), else added. */
async function applyStep(step: Step): Promise<number> {
  const active: { id: string; value: string }[] = await dataSource.query(
    `SELECT "id", "value" FROM "blocklist_entries" WHERE "removed_serial" IS NULL AND "value" = ANY($1)`,
    [VALUES],
  );
  const byValue = new Map(active.map((row) => [row.value, row.id]));
  const seen = new Set<string>();
  const add: NewBlocklistEntry[] = [];
  const remove: string[] = [];
  for (const { value, match, readd } of step) {
    if (seen.has(value)) continue;
    seen.add(value);
    const id = byValue.get(value);
    if (id) remove.push(id);
    if (!id || readd) {
      add.push({
        kind: 'domain' as const,
        value,
        displayValue: value,
        match,
        blockedEntityId: null,
        legalBasis: { en: 'Art. 11(5)', ru: null, kk: null },
        source: { url: 'https://example.org/d', document: null, readOn: '2026-11-24', confidence: 'verified' as const, demo: false },
      });
    }
  }
  const { serial } = await t.app.get(TransactionRunner).run((manager) => t.app.get(BlocklistService).apply(manager, add, remove));
  return serial;
}

describe('deltas between serials', () => {
  it('apply to snapshot N to give exactly snapshot M, over random histories (property)', async () => {
    const step = fc.array(
      fc.record({ value: fc.constantFrom(...VALUES), match: fc.constantFrom('exact' as const, 'subtree' as const), readd: fc.boolean() }),
      { minLength: 0, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), async (steps, a, b) => {
        const serials = [await t.app.get(BlocklistService).headSerial()];
        for (const s of steps) serials.push(await applyStep(s));
        const from = serials[a % serials.length]!;
        const to = serials[Math.max(a % serials.length, b % serials.length)]!;
        const changed = await repository.changedBetween(from, to);
        const delta = netChanges(changed.added, changed.removed);
        const [before, after] = [await repository.setAt(from), await repository.setAt(to)];
        expect(setSha256(applyDelta(before, delta))).toBe(setSha256(after));
        // Net changes only: nothing added that was there, nothing removed that stays.
        const beforeLines = new Set(before.map((e) => `${e.kind} ${e.match} ${e.value}`));
        expect(delta.added.every((e) => !beforeLines.has(`${e.kind} ${e.match} ${e.value}`))).toBe(true);
        expect(delta.removed.every((e) => beforeLines.has(`${e.kind} ${e.match} ${e.value}`))).toBe(true);
      }),
      { seed: 1010, numRuns: 25 },
    );
  });

  it('finds the changes through the added_serial and removed_serial indexes, not a scan of every entry', async () => {
    // A base of 20,000 entries and a small change after it: the planner must not read the base to find the change.
    await dataSource.query(`INSERT INTO "blocklist_serials" ("serial") SELECT max("serial") + 1 FROM "blocklist_serials"`);
    await dataSource.query(`UPDATE "blocklist_head" SET "serial" = (SELECT max("serial") FROM "blocklist_serials")`);
    await dataSource.query(`INSERT INTO "blocklist_entries" ("kind", "value", "display_value", "match", "legal_basis_en", "source_url", "source_read_on", "source_confidence", "added_serial")
      SELECT 'domain', 'bulk-' || i || '.example', 'bulk-' || i || '.example', 'exact', 'Art. 11(5)', 'https://example.org/d', '2026-11-24', 'verified', (SELECT max("serial") FROM "blocklist_serials")
      FROM generate_series(1, 20000) i`);
    const base = await t.app.get(BlocklistService).headSerial();
    await applyStep([{ value: 'p1.example', match: 'exact', readd: true }, { value: 'p2.example', match: 'subtree', readd: false }]);
    await dataSource.query('ANALYZE "blocklist_entries"');
    const head = await t.app.get(BlocklistService).headSerial();
    const plan: { 'QUERY PLAN': string }[] = await dataSource.query(
      `EXPLAIN SELECT "kind", "match", "value", true AS "added" FROM "blocklist_entries"
        WHERE "added_serial" > $1 AND "added_serial" <= $2 AND ("removed_serial" IS NULL OR "removed_serial" > $2)
       UNION ALL
       SELECT "kind", "match", "value", false FROM "blocklist_entries"
        WHERE "removed_serial" > $1 AND "removed_serial" <= $2 AND "added_serial" <= $1`,
      [base, head],
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/ix_blocklist_entries_added_serial/);
    expect(text).toMatch(/ix_blocklist_entries_removed_serial/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});
