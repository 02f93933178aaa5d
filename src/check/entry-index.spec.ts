import { describe, expect, it } from '@jest/globals';
import type { EntryChange, EntryProvenance } from '../blocklist/blocklist.read-model.js';
import { EntryIndex } from './entry-index.js';

const PROVENANCE: EntryProvenance = {
  legalBasis: { en: 'Law "On Digital Assets", Art. 11(5)', ru: 'Закон «О цифровых активах»', kk: null },
  source: { url: null, document: 'KNB decision of 2026-11-24', readOn: '2026-11-24', confidence: 'verified', demo: false },
};

let next = 0;
const row = (kind: EntryChange['kind'], value: string, extra: Partial<EntryChange> = {}): EntryChange => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  kind,
  value,
  displayValue: value,
  match: 'exact',
  blockedEntityId: null,
  addedSerial: 1,
  removedSerial: null,
  provenance: PROVENANCE,
  ...extra,
});

function indexOf(...rows: EntryChange[]): EntryIndex {
  const index = new EntryIndex();
  for (const r of rows) index.add(r, index.provenances.intern(r.provenance));
  return index;
}

const valueAt = (index: EntryIndex, slot: number | undefined) => (slot === undefined ? null : index.entry(slot).value);

describe('EntryIndex', () => {
  it('gives an entry back as the public API shows it, id, display value and provenance included', () => {
    const added = row('domain', 'xn--80ak6aa92e.com', { displayValue: 'пример.com', match: 'subtree', blockedEntityId: 'entity-1', addedSerial: 42 });
    const index = indexOf(added);
    const { provenance, removedSerial, ...fields } = added;
    expect(removedSerial).toBeNull();
    expect(index.entry(index.findName('xn--80ak6aa92e.com')!)).toEqual({ ...fields, ...provenance });
  });

  it('keeps ids that are not UUIDs as they are', () => {
    const index = indexOf(row('domain', 'a.example', { id: 'entry-a.example' }), row('domain', 'b.example', { id: 'ABCDEF00-0000-4000-8000-000000000001' }));
    expect(index.entry(index.findName('a.example')!).id).toBe('entry-a.example');
    expect(index.entry(index.findName('b.example')!).id).toBe('ABCDEF00-0000-4000-8000-000000000001');
  });

  it('finds URL entries by host then path: the query, the page, then the nearest subtree above it', () => {
    const index = indexOf(
      row('url', 'https://host.example/a?x=1'),
      row('url', 'https://host.example/a'),
      row('url', 'https://host.example/a/b', { match: 'subtree' }),
      row('url', 'http://host.example/', { match: 'subtree' }),
      row('url', 'https://other.example:8443/p/q', { match: 'subtree' }),
      row('url', 'https://other.example/only?id=7', { match: 'subtree' }),
    );
    expect(valueAt(index, index.findUrl('https://host.example/a?x=1'))).toBe('https://host.example/a?x=1');
    expect(valueAt(index, index.findUrl('https://host.example/a?x=2'))).toBe('https://host.example/a');
    expect(valueAt(index, index.findUrl('http://host.example/a/b/c/d'))).toBe('https://host.example/a/b');
    expect(valueAt(index, index.findUrl('https://host.example/a/bc'))).toBe('http://host.example/');
    expect(valueAt(index, index.findUrl('https://host.example/'))).toBe('http://host.example/');
    expect(valueAt(index, index.findUrl('https://other.example:8443/p/q/r'))).toBe('https://other.example:8443/p/q');
    expect(index.findUrl('https://other.example/p/q/r')).toBeUndefined();
    // An entry with a query covers that query on its own path only, subtree or not.
    expect(index.findUrl('https://other.example/only/deeper?id=7')).toBeUndefined();
    expect(valueAt(index, index.findUrl('https://other.example/only?id=7'))).toBe('https://other.example/only?id=7');
  });

  it('finds the narrowest CIDR block holding an address, IPv4 and IPv6, and exact addresses first', () => {
    const index = indexOf(
      row('cidr', '10.0.0.0/8'),
      row('cidr', '10.1.0.0/16'),
      row('cidr', '10.1.2.128/25'),
      row('cidr', '0.0.0.0/0'),
      row('ipv4', '10.1.2.200'),
      row('cidr', '2001:db8::/32'),
      row('cidr', '2001:db8:abcd::/48'),
      row('ipv6', '2001:db8::1'),
    );
    expect(valueAt(index, index.findAddress('10.1.2.200'))).toBe('10.1.2.200');
    expect(valueAt(index, index.findAddress('10.1.2.201'))).toBe('10.1.2.128/25');
    expect(valueAt(index, index.findAddress('10.1.2.1'))).toBe('10.1.0.0/16');
    expect(valueAt(index, index.findAddress('10.200.0.1'))).toBe('10.0.0.0/8');
    expect(valueAt(index, index.findAddress('192.0.2.1'))).toBe('0.0.0.0/0');
    expect(valueAt(index, index.findAddress('2001:db8:abcd:1::5'))).toBe('2001:db8:abcd::/48');
    expect(valueAt(index, index.findAddress('2001:db8:ffff::5'))).toBe('2001:db8::/32');
    expect(valueAt(index, index.findAddress('2001:db8::1'))).toBe('2001:db8::1');
    expect(index.findAddress('2001:db9::1')).toBeUndefined();
  });

  it('applies a serial: removals by id (a re-added value stays), additions, all or nothing visible', () => {
    const old = row('domain', 'gone.example');
    const kept = row('cidr', '198.51.100.0/24');
    const url = row('url', 'https://u.example/x');
    const index = indexOf(old, kept, url);
    const again = row('domain', 'gone.example', { addedSerial: 2 });
    index.apply(
      [
        { ...old, removedSerial: 2 },
        { ...url, removedSerial: 2 },
        again,
        row('domain', 'added-and-removed.example', { addedSerial: 2, removedSerial: 2 }),
        row('domain', 'later.example', { addedSerial: 2, removedSerial: 3 }),
      ],
      2,
    );
    expect(index.entry(index.findName('gone.example')!).id).toBe(again.id);
    expect(index.findName('added-and-removed.example')).toBeUndefined();
    expect(valueAt(index, index.findName('later.example'))).toBe('later.example');
    expect(index.findUrl('https://u.example/x')).toBeUndefined();
    expect(valueAt(index, index.findAddress('198.51.100.7'))).toBe('198.51.100.0/24');
    expect(index.size).toBe(3);
    // A removal naming an id that is not the one in force changes nothing.
    index.remove({ ...old });
    expect(index.entry(index.findName('gone.example')!).id).toBe(again.id);
    index.remove(kept);
    expect(index.findAddress('198.51.100.7')).toBeUndefined();
    expect(index.size).toBe(2);
  });

  it('reuses freed slots and holds each distinct provenance once', () => {
    const index = new EntryIndex();
    const first = index.provenances.intern(PROVENANCE);
    expect(index.provenances.intern(structuredClone(PROVENANCE))).toBe(first);
    const a = row('domain', 'a.example');
    index.add(a, first);
    index.remove(a);
    index.add(row('domain', 'b.example'), first);
    expect(index.slotLimit).toBe(1);
  });
});
