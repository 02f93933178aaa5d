import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { aSource } from '../../test/fixtures/builders.js';
import type { BlocklistRepository, NewBlocklistEntry } from './blocklist.repository.js';
import { BlocklistService, canonicaliseEntries, InvalidEntriesError } from './blocklist.service.js';

const base = { match: 'exact' as const, legalBasis: 'Art. 11(5)', source: aSource() };

describe('canonicaliseEntries', () => {
  it('canonicalises every kind', () => {
    const entries = canonicaliseEntries([
      { ...base, kind: 'domain', value: ' WWW.Крипто.Example. ' },
      { ...base, kind: 'ipv6', value: '2001:0DB8:0000:0000:0000:0000:0000:0010' },
      { ...base, kind: 'cidr', value: '198.51.100.0/24' },
      { ...base, kind: 'url', value: 'HTTPS://Host.Example/Path?x=1#frag' },
    ]);
    expect(entries.map((e) => e.value)).toEqual([
      'www.xn--h1adnddo.example',
      '2001:db8::10',
      '198.51.100.0/24',
      'https://host.example/Path?x=1',
    ]);
    expect(entries[0]?.displayValue).toBe('www.крипто.example');
  });

  it('reports every invalid entry with its index, not just the first', () => {
    try {
      canonicaliseEntries([
        { ...base, kind: 'domain', value: 'ok.example' },
        { ...base, kind: 'domain', value: 'not a domain' },
        { ...base, kind: 'cidr', value: '10.0.0.1/8' },
        { ...base, kind: 'ipv4', value: '2001:db8::1' },
        { ...base, kind: 'url', value: 'https://no-path.example' },
      ]);
      throw new Error('expected InvalidEntriesError');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEntriesError);
      const problems = (error as InvalidEntriesError).problems;
      expect(problems.map((p) => p.index)).toEqual([1, 2, 3, 4]);
      expect(problems[1]?.message).toContain('did you mean 10.0.0.0/8');
    }
  });
});

describe('BlocklistService.apply', () => {
  it('takes one serial for the whole change and records what it added and removed', async () => {
    const calls: string[] = [];
    const repo = {
      advanceSerial: async () => (calls.push('advance'), 12),
      markRemoved: async (_m: EntityManager, ids: string[], serial: number) => (calls.push(`remove ${ids} @${serial}`), ids.length),
      insert: async (_m: EntityManager, entries: NewBlocklistEntry[], serial: number) =>
        void calls.push(`insert ${entries.map((e) => e.value)} @${serial}`),
      recordCounts: async (_m: EntityManager, serial: number, added: number, removed: number) =>
        void calls.push(`counts @${serial} +${added} -${removed}`),
    } as unknown as BlocklistRepository;
    const serial = await new BlocklistService(repo).apply({} as EntityManager, {
      add: [{ ...base, kind: 'domain', value: 'a.example' }],
      removeIds: ['old-1'],
    });
    expect(serial).toBe(12);
    expect(calls).toEqual(['advance', 'remove old-1 @12', 'insert a.example @12', 'counts @12 +1 -1']);
  });

  it('validates before taking a serial, so a bad change consumes nothing', async () => {
    let advanced = false;
    const repo = { advanceSerial: async () => ((advanced = true), 1) } as unknown as BlocklistRepository;
    await expect(
      new BlocklistService(repo).apply({} as EntityManager, { add: [{ ...base, kind: 'ipv4', value: 'x' }], removeIds: [] }),
    ).rejects.toBeInstanceOf(InvalidEntriesError);
    expect(advanced).toBe(false);
  });
});
