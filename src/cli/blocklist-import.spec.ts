import { describe, expect, it } from '@jest/globals';
import { BlocklistCsvValidator } from './blocklist-csv.js';
import { planImport, type RegistryState } from './blocklist-import.js';

const ENTITY = '9a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d';

function csv(rows: string[][]) {
  const v = new BlocklistCsvValidator();
  v.header(['kind', 'value', 'match', 'blocked_entity_id']);
  rows.forEach((cells, i) => v.row(cells, i + 2));
  return v.finish();
}

const state: RegistryState = {
  active: new Map([
    ['domain fake.example', { id: 'e1', kind: 'domain', value: 'fake.example', match: 'subtree', blockedEntityId: ENTITY }],
  ]),
  officialDomains: new Map([['binance.com', 'Binance Kazakhstan']]),
  knownBlockedEntityIds: new Set([ENTITY]),
};

describe('planImport', () => {
  it('adds what is new, leaves what is in force, and refuses what contradicts it', () => {
    const plan = planImport(
      csv([
        ['domain', 'new.example', 'exact', ENTITY],
        ['domain', 'FAKE.example', 'subtree', ''],
        ['domain', 'fake.example.', 'exact', ''],
        ['bogus', 'x', 'exact', ''],
      ]),
      state,
      { allowLicensedDomains: false },
    );
    expect(plan.total).toBe(4);
    expect(plan.toAdd.map((r) => r.value)).toEqual(['new.example']);
    // Duplicates in the file are caught before the registry is consulted.
    expect(plan.unchanged.map((r) => r.line)).toEqual([3]);
    expect(plan.invalid.map((p) => p.line)).toEqual([4, 5]);
  });

  it('names the entry in force when a row contradicts it', () => {
    const plan = planImport(csv([['domain', 'fake.example', 'exact', '']]), state, { allowLicensedDomains: false });
    expect(plan.invalid).toEqual([{ line: 2, message: expect.stringContaining('(entry e1) with match subtree, not exact') }]);
  });

  it('refuses unknown blocked entities and licensed firms\' domains unless allowed', () => {
    const rows = [
      ['domain', 'a.example', 'exact', '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b'],
      ['domain', 'login.binance.com', 'exact', ''],
    ];
    const refused = planImport(csv(rows), state, { allowLicensedDomains: false });
    expect(refused.invalid.map((p) => p.message)).toEqual([
      expect.stringContaining('no blocked entity has the id'),
      expect.stringContaining('official domain of the licensed firm Binance Kazakhstan'),
    ]);
    const allowed = planImport(csv(rows), state, { allowLicensedDomains: true });
    expect(allowed.toAdd.map((r) => r.value)).toEqual(['login.binance.com']);
  });
});
