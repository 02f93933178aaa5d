import { describe, expect, it } from '@jest/globals';
import { eventFor, initialHistory, licenceStatusOn } from './licence-history.js';

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

describe('licenceStatusOn', () => {
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const granted = { id: '1', event: 'granted' as const, effectiveOn: '2024-01-15', effectiveOnPrecision: 'day' as const, recordedAt: at('2024-02-01') };
  const suspended = { id: '2', event: 'suspended' as const, effectiveOn: '2026-10-15', effectiveOnPrecision: 'day' as const, recordedAt: at('2026-10-16') };
  const state = (status: string | null, since: string | null, more: object = {}) => ({
    status,
    since,
    sincePrecision: since === null ? null : 'day',
    sinceIsRecorded: false,
    uncertain: false,
    ...more,
  });

  it('is not granted before its grant, active from it, and suspended from the day the suspension took effect', () => {
    const licence = { status: 'suspended' as const, history: [suspended, granted] };
    expect(licenceStatusOn(licence, '2024-01-14')).toEqual(state(null, null));
    expect(licenceStatusOn(licence, '2024-01-15')).toEqual(state('active', '2024-01-15'));
    expect(licenceStatusOn(licence, '2026-10-14')).toEqual(state('active', '2024-01-15'));
    expect(licenceStatusOn(licence, '2026-10-15')).toEqual(state('suspended', '2026-10-15'));
  });

  it('counts a change whose day no source gives from the day it was recorded, and says so', () => {
    const undated = { id: '2', event: 'suspended' as const, effectiveOn: null, effectiveOnPrecision: null, recordedAt: at('2025-03-10') };
    const licence = { status: 'suspended' as const, history: [granted, undated] };
    expect(licenceStatusOn(licence, '2025-03-09').status).toBe('active');
    expect(licenceStatusOn(licence, '2025-03-10')).toEqual(state('suspended', '2025-03-10', { sinceIsRecorded: true }));
  });

  it('says a day inside a grant known only by its year is uncertain, and a day after that year is not', () => {
    const yearOnly = { ...granted, effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' as const };
    const licence = { status: 'active' as const, history: [yearOnly] };
    expect(licenceStatusOn(licence, '2024-03-01')).toEqual(state('active', '2024-01-01', { sincePrecision: 'year', uncertain: true }));
    expect(licenceStatusOn(licence, '2025-01-01')).toEqual(state('active', '2024-01-01', { sincePrecision: 'year', uncertain: false }));
  });

  it('keeps a licence recorded with unknown status unknown, until it is confirmed', () => {
    const undatedGrant = { id: '1', event: 'granted' as const, effectiveOn: null, effectiveOnPrecision: null, recordedAt: at('2025-01-05') };
    expect(licenceStatusOn({ status: 'unknown', history: [undatedGrant] }, '2025-06-01')).toEqual(state('unknown', '2025-01-05', { sinceIsRecorded: true }));
    const confirmed = { id: '2', event: 'confirmed' as const, effectiveOn: '2025-05-01', effectiveOnPrecision: 'day' as const, recordedAt: at('2025-05-02') };
    const licence = { status: 'active' as const, history: [undatedGrant, confirmed] };
    expect(licenceStatusOn(licence, '2025-04-30').status).toBe('unknown');
    expect(licenceStatusOn(licence, '2025-05-01').status).toBe('active');
  });
});
