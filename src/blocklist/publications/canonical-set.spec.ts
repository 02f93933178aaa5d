import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { applyDelta, canonicalLine, compareEntries, deltaBytes, deltaBytesAsync, netChanges, setSha256, type SetEntry } from './canonical-set.js';

const entry = (kind: SetEntry['kind'], match: SetEntry['match'], value: string): SetEntry => ({ kind, match, value });

describe('canonical set', () => {
  it('hashes the bytewise-sorted lines, as sha256sum of `LC_ALL=C sort` would', () => {
    const entries = [entry('domain', 'subtree', 'b.example'), entry('cidr', 'exact', '10.0.0.0/8'), entry('domain', 'exact', 'z.example')];
    const text = 'cidr\texact\t10.0.0.0/8\ndomain\texact\tz.example\ndomain\tsubtree\tb.example\n';
    expect(setSha256(entries)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(setSha256([])).toBe(createHash('sha256').update('').digest('hex'));
  });

  it('orders by UTF-8 bytes, not by UTF-16 units', () => {
    // In UTF-16 U+1F600 (surrogate 0xD83D) sorts before U+FF5E; in UTF-8 U+FF5E (EF BD 9E) is below F0 9F 98 80.
    const a = entry('url', 'exact', 'https://x.example/\u{ff5e}');
    const b = entry('url', 'exact', 'https://x.example/\u{1f600}');
    expect(compareEntries(a, b)).toBeLessThan(0);
  });

  it('cancels an entry removed and added again between two serials', () => {
    const same = entry('domain', 'exact', 'again.example');
    expect(netChanges([same, entry('ipv4', 'exact', '192.0.2.1')], [same])).toEqual({ added: [entry('ipv4', 'exact', '192.0.2.1')], removed: [] });
    // A change of match mode is one line removed and one added.
    const subtree = entry('domain', 'subtree', 'again.example');
    expect(netChanges([subtree], [same])).toEqual({ added: [subtree], removed: [same] });
  });

  it('applying the difference of two sets to the first gives the second (property)', () => {
    const value = fc.constantFrom('a.example', 'b.example', 'c.example', 'd.example', 'e.example');
    const anEntry = fc.record({ kind: fc.constant('domain' as const), match: fc.constantFrom('exact' as const, 'subtree' as const), value });
    const aSet = fc.uniqueArray(anEntry, { selector: canonicalLine });
    fc.assert(
      fc.property(aSet, aSet, (before, after) => {
        const beforeLines = new Set(before.map(canonicalLine));
        const afterLines = new Set(after.map(canonicalLine));
        const delta = netChanges(
          after.filter((e) => !beforeLines.has(canonicalLine(e))),
          before.filter((e) => !afterLines.has(canonicalLine(e))),
        );
        expect(setSha256(applyDelta(before, delta))).toBe(setSha256(after));
      }),
      { seed: 10, numRuns: 200 },
    );
  });
});

describe('deltaBytesAsync', () => {
  it('builds exactly the canonical JSON deltaBytes does, a chunk at a time (strings with quotes, backslashes, non-ASCII)', async () => {
    const value = fc.oneof(fc.string(), fc.constantFrom('a"b.example', 'back\\slash', 'пример.қаз', '\u{1f600}', '\u2028'));
    const item = fc.record({ kind: fc.constantFrom('domain', 'url', 'ipv4'), match: fc.constantFrom('exact', 'subtree'), value }) as fc.Arbitrary<SetEntry>;
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 30 }), fc.array(item, { maxLength: 30 }), async (added, removed) => {
        const uniq = (list: SetEntry[]) => [...new Map(list.map((e) => [canonicalLine(e), e])).values()].sort(compareEntries);
        const a = uniq(added);
        const r = uniq(removed);
        const head = { from: 3, fromSetSha256: 'a'.repeat(64), to: 9, toSetSha256: 'b'.repeat(64), type: 'kz-crypto-registry/blocklist-delta' as const, version: 1 as const };
        expect((await deltaBytesAsync(a, r, head)).toString('utf8')).toBe(deltaBytes({ ...netChanges(a, r), ...head }).toString('utf8'));
      }),
      { seed: 10, numRuns: 200 },
    );
    const many = Array.from({ length: 12_000 }, (_, i) => entry('domain', 'exact', `n${String(i).padStart(6, '0')}.example`));
    const head = { from: 1, fromSetSha256: 'a'.repeat(64), to: 2, toSetSha256: 'b'.repeat(64), type: 'kz-crypto-registry/blocklist-delta' as const, version: 1 as const };
    expect((await deltaBytesAsync(many, [], head)).equals(deltaBytes({ ...netChanges(many, []), ...head }))).toBe(true);
  });
});
