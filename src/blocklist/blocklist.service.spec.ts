import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { aSource } from '../../test/fixtures/builders.js';
import type { BlocklistRepository, NewBlocklistEntry } from './blocklist.repository.js';
import { BlocklistService } from './blocklist.service.js';

const row = (value: string): NewBlocklistEntry => ({
  kind: 'domain',
  value,
  displayValue: value,
  match: 'exact',
  blockedEntityId: null,
  legalBasis: { en: 'Art. 11(5)', ru: null, kk: null },
  source: aSource(),
});

describe('BlocklistService.apply', () => {
  it('takes one serial for the whole change and records what it added and removed', async () => {
    const calls: string[] = [];
    const repo = {
      advanceSerial: async () => (calls.push('advance'), 12),
      markRemoved: async (_m: EntityManager, ids: string[], serial: number) => (calls.push(`remove ${ids} @${serial}`), ids.length),
      insert: async (_m: EntityManager, entries: NewBlocklistEntry[], serial: number) => {
        calls.push(`insert ${entries.map((e) => e.value)} @${serial}`);
        return entries.map((_e, i) => `new-${i}`);
      },
      recordCounts: async (_m: EntityManager, serial: number, added: number, removed: number) =>
        void calls.push(`counts @${serial} +${added} -${removed}`),
    } as unknown as BlocklistRepository;
    const result = await new BlocklistService(repo).apply({} as EntityManager, [row('a.example')], ['old-1']);
    expect(result).toEqual({ serial: 12, addedIds: ['new-0'] });
    expect(calls).toEqual(['advance', 'remove old-1 @12', 'insert a.example @12', 'counts @12 +1 -1']);
  });
});
