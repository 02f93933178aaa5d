import { describe, expect, it } from '@jest/globals';
import type { FirmOnDay } from '../firms/firm-on-day.js';
import { blockInForceOn, decide, type Hit, isAmbiguous, rankCandidates, type RecordOnDay, recordKey, warningInForceOn } from './verification-outcome.js';

const firm = (id: string, name: string, standing: FirmOnDay['standing'], granted = true): RecordOnDay => ({
  kind: 'firm',
  id,
  name,
  onDay: {
    firm: { names: { en: name } } as FirmOnDay['firm'],
    standing,
    licences: [
      {
        id: `${id}-l`,
        number: 'DEMO-L-1',
        regulator: 'AFSA',
        activities: [],
        status: granted ? (standing === 'suspended' ? 'suspended' : 'active') : null,
        since: '2024-01-01',
        sincePrecision: 'day',
        sinceIsRecorded: false,
        uncertain: false,
        statusNow: 'active',
      },
    ],
  },
});
const records = (...list: RecordOnDay[]) => new Map(list.map((r) => [recordKey(r.kind, r.id), r]));

describe('rankCandidates and isAmbiguous', () => {
  it('puts an identifier hit (1) above any name hit (at most 0.9), and keeps the best hit per feature', () => {
    const hits: Hit[] = [
      { kind: 'firm', id: 'b', feature: 'name', score: 0.9, similarity: 1 },
      { kind: 'firm', id: 'a', feature: 'bin', score: 1 },
      { kind: 'firm', id: 'a', feature: 'name', score: 0.3, similarity: 0.33 },
      { kind: 'firm', id: 'a', feature: 'name', score: 0.45, similarity: 0.5 },
    ];
    const ranked = rankCandidates(hits);
    expect(ranked.map((c) => [c.id, c.score, c.identities])).toEqual([
      ['a', 1, 1],
      ['b', 0.9, 0],
    ]);
    expect(ranked[0]!.hits.get('name')!.score).toBe(0.45);
    expect(isAmbiguous(ranked)).toBe(false);
  });

  it('is ambiguous when two records are each named by an identifier, or two names are within 0.05', () => {
    expect(isAmbiguous(rankCandidates([
      { kind: 'firm', id: 'a', feature: 'bin', score: 1 },
      { kind: 'firm', id: 'b', feature: 'lei', score: 1 },
    ]))).toBe(true);
    expect(isAmbiguous(rankCandidates([
      { kind: 'firm', id: 'a', feature: 'name', score: 0.5 },
      { kind: 'firm', id: 'b', feature: 'name', score: 0.46 },
    ]))).toBe(true);
    expect(isAmbiguous(rankCandidates([
      { kind: 'firm', id: 'a', feature: 'name', score: 0.9 },
      { kind: 'firm', id: 'b', feature: 'name', score: 0.5 },
    ]))).toBe(false);
  });
});

describe('blockInForceOn and warningInForceOn', () => {
  it('counts a block from its first day until (not on) the day it is lifted', () => {
    const block = { blockedOn: '2023-11-01', liftedOn: '2025-02-01' };
    expect([blockInForceOn(block, '2023-10-31'), blockInForceOn(block, '2023-11-01'), blockInForceOn(block, '2025-01-31'), blockInForceOn(block, '2025-02-01')]).toEqual([false, true, true, false]);
  });

  it('counts an undated warning from the day the registry recorded it', () => {
    const warning = { issuedOn: null, withdrawnOn: null };
    expect(warningInForceOn(warning, '2026-11-20', '2026-11-19')).toBe(false);
    expect(warningInForceOn(warning, '2026-11-20', '2026-11-20')).toBe(true);
    expect(warningInForceOn({ issuedOn: '2024-01-10', withdrawnOn: '2024-06-01' }, '2026-11-20', '2024-06-01')).toBe(false);
  });
});

describe('decide', () => {
  const query = { bin: 'DEMO-BIN-0002', name: 'BYBIT LTD', asOf: '2026-12-01' };

  it('answers the firm an identifier names, with its standing on the day and every feature explained', () => {
    const outcome = decide(
      query,
      [
        { kind: 'firm', id: 'f1', feature: 'bin', score: 1 },
        { kind: 'firm', id: 'f1', feature: 'name', score: 0.9, via: 'bybit', similarity: 1 },
      ],
      records(firm('f1', 'Bybit Kazakhstan', 'licensed')),
      'en',
    );
    expect(outcome.status).toBe('licensed');
    expect(outcome.score).toBe(1);
    expect(outcome.message).toBe('Bybit Kazakhstan held an AIFC licence in force on 2026-12-01.');
    expect(outcome.features).toEqual([
      { feature: 'bin', value: 'DEMO-BIN-0002', matched: true, score: 1, explanation: 'The BIN DEMO-BIN-0002 is this record’s.' },
      {
        feature: 'name',
        value: 'BYBIT LTD',
        matched: true,
        score: 0.9,
        explanation: 'The name, folded across scripts and without its legal form, is close to “bybit” (similarity 1.00).',
      },
    ]);
  });

  it('says suspended, not licensed, for a firm whose only licence was suspended that day (in Russian)', () => {
    const outcome = decide({ name: 'Bybit', asOf: '2026-11-01' }, [{ kind: 'firm', id: 'f1', feature: 'name', score: 0.9, similarity: 1, via: 'bybit' }], records(firm('f1', 'Bybit Kazakhstan', 'suspended')), 'ru');
    expect(outcome.status).toBe('suspended');
    expect(outcome.message).toBe('Лицензия Bybit Kazakhstan на 2026-11-01 была приостановлена, действующей не было: не считайте компанию лицензированной на эту дату.');
  });

  it('answers not_found with the reminder that it proves nothing, and explains each feature as not matched', () => {
    const outcome = decide({ name: 'Nobody Exchange', asOf: '2026-12-01' }, [], new Map(), 'en');
    expect(outcome.status).toBe('not_found');
    expect(outcome.match).toBeNull();
    expect(outcome.message).toBe(
      'Nothing in the registry matches on 2026-12-01. Not being listed is not proof of anything: the registry holds AIFC licences, blocks and AFSA warnings only.',
    );
    expect(outcome.features).toEqual([
      { feature: 'name', value: 'Nobody Exchange', matched: false, score: 0, explanation: 'The name “Nobody Exchange” is not close to this record’s names.' },
    ]);
  });

  it('answers ambiguous with both candidates when two names match about equally', () => {
    const outcome = decide(
      { name: 'Kazakhstan', asOf: '2026-12-01' },
      [
        { kind: 'firm', id: 'f1', feature: 'name', score: 0.5 },
        { kind: 'firm', id: 'f2', feature: 'name', score: 0.5 },
      ],
      records(firm('f1', 'Binance Kazakhstan', 'licensed'), firm('f2', 'Bybit Kazakhstan', 'licensed')),
      'en',
    );
    expect(outcome.status).toBe('ambiguous');
    expect(outcome.candidates.map((c) => c.record.name)).toEqual(['Binance Kazakhstan', 'Bybit Kazakhstan']);
    expect(outcome.message).toBe('Binance Kazakhstan and Bybit Kazakhstan match about equally well: add an identifier (BIN, LEI, licence number) or a domain.');
  });

  it('answers a block lifted before the day as not_licensed, and one in force as blocked', () => {
    const entity = { blockedOn: '2023-11-01', liftedOn: '2025-02-01', name: { en: 'Trade Review' } } as never;
    const rec: RecordOnDay = { kind: 'blocked-entity', id: 'b1', name: 'Trade Review', entity };
    const hits: Hit[] = [{ kind: 'blocked-entity', id: 'b1', feature: 'domain', score: 1, via: 'trade-review.example' }];
    expect(decide({ domain: 'trade-review.example', asOf: '2024-05-01' }, hits, records(rec), 'en').status).toBe('blocked');
    const lifted = decide({ domain: 'trade-review.example', asOf: '2025-03-01' }, hits, records(rec), 'en');
    expect([lifted.status, lifted.message]).toEqual(['not_licensed', "Trade Review's block had been lifted by 2025-03-01; it held no licence in the registry on that day."]);
  });
});
