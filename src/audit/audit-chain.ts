// The audit trail's hash chain: each event's hash covers its content and the previous hash (RFC 8785 canonical JSON,
// so the same event always hashes the same, whatever the key order jsonb hands back).
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  seq: string;
  occurredAt: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  const canonical = canonicalize({ ...content, prevHash }) ?? '';
  return createHash('sha256').update(canonical).digest('hex');
}

export interface StoredEvent extends ChainedContent {
  prevHash: string;
  hash: string;
}

export type ChainBreak = { seq: string; reason: 'gap' | 'prev-hash-mismatch' | 'hash-mismatch' };

/**
 * Checks a run of events in seq order, continuing from (`lastSeq`, `lastHash`); returns the first broken link or the
 * new position. A deleted row shows as a gap; a changed row as a hash mismatch; a replaced chain as a prev mismatch.
 */
export function verifyRun(
  events: StoredEvent[],
  lastSeq: bigint,
  lastHash: string,
): { ok: true; lastSeq: bigint; lastHash: string } | { ok: false; broken: ChainBreak } {
  for (const event of events) {
    const seq = BigInt(event.seq);
    if (seq !== lastSeq + 1n) return { ok: false, broken: { seq: event.seq, reason: 'gap' } };
    if (event.prevHash !== lastHash) return { ok: false, broken: { seq: event.seq, reason: 'prev-hash-mismatch' } };
    const { prevHash, hash, ...content } = event;
    if (chainHash(prevHash, content) !== hash) return { ok: false, broken: { seq: event.seq, reason: 'hash-mismatch' } };
    lastSeq = seq;
    lastHash = hash;
  }
  return { ok: true, lastSeq, lastHash };
}
