import { describe, expect, it } from '@jest/globals';
import { eventFor, initialHistory } from './licence-history.js';

describe('initialHistory', () => {
  it('starts an active licence with its grant, at the precision the source gives', () => {
    expect(initialHistory({ status: 'active', grantedOn: '2024-01-01', grantedOnPrecision: 'year', endedOn: null })).toEqual([
      { event: 'granted', effectiveOn: '2024-01-01', effectiveOnPrecision: 'year', reason: null },
    ]);
  });

  it('keeps an unknown grant date unknown', () => {
    expect(initialHistory({ status: 'unknown', grantedOn: null, grantedOnPrecision: null, endedOn: null })).toEqual([
      { event: 'granted', effectiveOn: null, effectiveOnPrecision: null, reason: null },
    ]);
  });

  it('adds the end of an ended licence on its end date, and a suspension whose date is not known', () => {
    expect(initialHistory({ status: 'expired', grantedOn: '2023-02-01', grantedOnPrecision: 'day', endedOn: '2024-02-01' })).toEqual([
      { event: 'granted', effectiveOn: '2023-02-01', effectiveOnPrecision: 'day', reason: null },
      { event: 'expired', effectiveOn: '2024-02-01', effectiveOnPrecision: 'day', reason: null },
    ]);
    expect(initialHistory({ status: 'suspended', grantedOn: '2023-02-01', grantedOnPrecision: 'day', endedOn: null })[1]).toEqual({
      event: 'suspended',
      effectiveOn: null,
      effectiveOnPrecision: null,
      reason: null,
    });
  });
});

describe('eventFor', () => {
  it.each([
    ['active', 'suspended', 'suspended'],
    ['suspended', 'active', 'reinstated'],
    ['unknown', 'active', 'confirmed'],
    ['unknown', 'suspended', 'suspended'],
    ['active', 'revoked', 'revoked'],
    ['suspended', 'expired', 'expired'],
    ['active', 'active', null],
    ['suspended', 'suspended', null],
  ] as const)('%s → %s records %s', (from, to, event) => {
    expect(eventFor(from, to)).toBe(event);
  });
});
