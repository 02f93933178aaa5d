// The audit trail's hash chain: each event's hash covers an explicit, versioned content and the previous hash (RFC 8785
// canonical JSON, so the same event always hashes the same, whatever the key order jsonb hands back). The content is
// picked field by field from the stored event, never taken from a DTO: a field added to an API shape cannot change
// what was hashed, and a new content version can be introduced without re-hashing the past.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
/** The content version new events are written with. 1: the fields alone (events written before versions existed). */
export const CHAIN_VERSION = 2;
const KNOWN_VERSIONS = new Set([1, 2]);

export interface ChainedFields {
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

/** Exactly what a version hashes. */
export function chainedContent(version: number, fields: ChainedFields, prevHash: string): Record<string, unknown> {
  const content = {
    seq: fields.seq,
    occurredAt: fields.occurredAt,
    actor: fields.actor,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    before: fields.before,
    after: fields.after,
    requestId: fields.requestId,
    prevHash,
  };
  switch (version) {
    case 1:
      return content;
    case 2:
      return { v: 2, ...content };
    default:
      throw new RangeError(`Unknown audit chain version ${version}`);
  }
}

export function chainHash(version: number, prevHash: string, fields: ChainedFields): string {
  const canonical = canonicalize(chainedContent(version, fields, prevHash)) ?? '';
  return createHash('sha256').update(canonical).digest('hex');
}

export interface StoredEvent extends ChainedFields {
  chainVersion: number;
  prevHash: string;
  hash: string;
}

export type ChainBreak = { seq: string; reason: 'gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'unknown-version' };

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
    if (!KNOWN_VERSIONS.has(event.chainVersion)) return { ok: false, broken: { seq: event.seq, reason: 'unknown-version' } };
    if (chainHash(event.chainVersion, event.prevHash, event) !== event.hash) {
      return { ok: false, broken: { seq: event.seq, reason: 'hash-mismatch' } };
    }
    lastSeq = seq;
    lastHash = event.hash;
  }
  return { ok: true, lastSeq, lastHash };
}
