import { describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { CHAIN_VERSION, chainHash, type ChainedFields, GENESIS_HASH, type StoredEvent, verifyRun } from './audit-chain.js';

const fields = (seq: number): ChainedFields => ({
  seq: String(seq),
  occurredAt: '2026-11-24T09:00:00.000Z',
  actor: 'h2kq7mzp4xab',
  action: 'firm.update',
  targetType: 'firm',
  targetId: '3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
  before: { names: { en: 'Old' }, version: 1 },
  after: { names: { en: 'New' }, version: 2 },
  requestId: `req-${seq}`,
});

function chain(count: number, version = CHAIN_VERSION): StoredEvent[] {
  let prevHash = GENESIS_HASH;
  return Array.from({ length: count }, (_, i) => {
    const event = fields(i + 1);
    const hash = chainHash(version, prevHash, event);
    const stored = { ...event, chainVersion: version, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}

describe('the audit hash chain', () => {
  it('writes new events with an explicit content version', () => {
    expect(CHAIN_VERSION).toBe(2);
    expect(verifyRun(chain(3), 0n, GENESIS_HASH)).toMatchObject({ ok: true, lastSeq: 3n });
  });

  it('still verifies events hashed before versions existed (version 1: the fields and the previous hash)', () => {
    const event = fields(1);
    // The hash exactly as the first release computed it.
    const legacy = createHash('sha256').update(canonicalize({ ...event, prevHash: GENESIS_HASH })!).digest('hex');
    expect(chainHash(1, GENESIS_HASH, event)).toBe(legacy);
    const v1 = { ...event, chainVersion: 1, prevHash: GENESIS_HASH, hash: legacy };
    const [next] = chain(2).slice(1).map((e) => ({ ...e, prevHash: legacy, hash: chainHash(2, legacy, e) }));
    expect(verifyRun([v1, next!], 0n, GENESIS_HASH)).toMatchObject({ ok: true, lastSeq: 2n });
  });

  it('hashes only the chained content: a field added to the API shape never breaks verification of stored events', () => {
    const withNewFields = chain(3).map((e) => ({ ...e, targetLabel: 'Binance Kazakhstan', ipAddress: '192.0.2.1', links: { self: '/x' } }));
    expect(verifyRun(withNewFields, 0n, GENESIS_HASH)).toMatchObject({ ok: true, lastSeq: 3n });
  });

  it('breaks on a changed chained field, a missing event and an unknown version', () => {
    const events = chain(3);
    expect(verifyRun(events.map((e, i) => (i === 1 ? { ...e, actor: 'someone-else' } : e)), 0n, GENESIS_HASH)).toEqual({
      ok: false,
      broken: { seq: '2', reason: 'hash-mismatch' },
    });
    expect(verifyRun([events[0]!, events[2]!], 0n, GENESIS_HASH)).toEqual({ ok: false, broken: { seq: '3', reason: 'gap' } });
    expect(verifyRun(events.map((e, i) => (i === 2 ? { ...e, chainVersion: 9 } : e)), 0n, GENESIS_HASH)).toEqual({
      ok: false,
      broken: { seq: '3', reason: 'unknown-version' },
    });
  });

  it('gives the two versions different hashes for the same event, so a version cannot be swapped silently', () => {
    expect(chainHash(1, GENESIS_HASH, fields(1))).not.toBe(chainHash(2, GENESIS_HASH, fields(1)));
  });
});
