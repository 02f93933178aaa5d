import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { applyDelta, canonicalLine, compareEntries, netChanges, setSha256, type SetEntry } from './canonical-set.js';

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
