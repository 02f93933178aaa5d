// A publication's manifest: RFC 8785 canonical JSON with flat top-level keys, the bytes that are hashed, signed and
// served. Every field comes from the publication row, so every replica renders the same bytes.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { PublicationFile } from './publication.entity.js';

export const MANIFEST_TYPE = 'kz-crypto-registry/blocklist-manifest';

export interface Manifest {
  auditHash: string;
  /** A decimal string: the audit trail's seq is a bigint. */
  auditSeq: string;
  entryCount: number;
  expiresAt: string;
  files: PublicationFile[];
  keyId: string;
  minPollSeconds: number;
  previousManifestSha256: string | null;
  previousSerial: number | null;
  publishedAt: string;
  serial: number;
  setSha256: string;
  type: typeof MANIFEST_TYPE;
  version: 1;
}

/** ISO 8601 in UTC to the second, `Z`: what `date -u +%Y-%m-%dT%H:%M:%SZ` prints, so shells compare it lexically. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export function manifestBytes(manifest: Manifest): Buffer {
  const files = [...manifest.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return Buffer.from(canonicalize({ ...manifest, files }) ?? '', 'utf8');
}

/** A manifest read back from its bytes, or null when they are not one (the CLI reads a file an operator gives it). */
export function parseManifest(bytes: Uint8Array): Manifest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null;
  }
  const m = parsed as Partial<Manifest> | null;
  if (!m || m.type !== MANIFEST_TYPE || m.version !== 1) return null;
  if (typeof m.serial !== 'number' || typeof m.auditSeq !== 'string' || !/^\d+$/.test(m.auditSeq)) return null;
  if (typeof m.auditHash !== 'string' || !/^[0-9a-f]{64}$/.test(m.auditHash) || typeof m.keyId !== 'string') return null;
  return m as Manifest;
}
