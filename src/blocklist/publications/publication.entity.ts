import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PublishedBlockedEntity } from '../formats/blocklist-format.js';

/** One file of a publication, as its manifest lists it (the bytes live in PUBLICATIONS_DIR/<serial>/). */
export interface PublicationFile {
  format: string;
  kinds: string[];
  mediaType: string;
  name: string;
  note?: string;
  sha256: string;
  size: number;
  subtrees: boolean;
  url: string;
}

/**
 * One publication of the blocklist: immutable once written. The manifest's bytes, their hash and signatures are kept
 * for ever (the chain can always be walked back); the files themselves only for the retained publications.
 */
@Entity({ name: 'blocklist_publications' })
@Check('ck_blocklist_publications_previous', `"previous_serial" IS NULL OR "previous_serial" < "serial"`)
@Check('ck_blocklist_publications_hashes', `"set_sha256" ~ '^[0-9a-f]{64}$' AND "manifest_sha256" ~ '^[0-9a-f]{64}$'`)
export class BlocklistPublicationEntity {
  @PrimaryColumn({ name: 'serial', type: 'bigint', primaryKeyConstraintName: 'pk_blocklist_publications' })
  serial: string;

  @Index('uq_blocklist_publications_previous_serial', { unique: true })
  @Column({ name: 'previous_serial', type: 'bigint', nullable: true })
  previousSerial: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'set_sha256', type: 'text' })
  setSha256: string;

  @Column({ name: 'entry_count', type: 'integer' })
  entryCount: number;

  @Column({ name: 'audit_seq', type: 'bigint' })
  auditSeq: string;

  @Column({ name: 'audit_hash', type: 'text' })
  auditHash: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  /** RFC 8785 canonical JSON, exactly as served. */
  @Column({ name: 'manifest', type: 'bytea' })
  manifest: Buffer;

  @Column({ name: 'manifest_sha256', type: 'text' })
  manifestSha256: string;

  /** Raw Ed25519 signature of `manifest` (64 bytes). */
  @Column({ name: 'signature', type: 'bytea' })
  signature: Buffer;

  @Column({ name: 'jws', type: 'text' })
  jws: string;

  @Column({ name: 'files', type: 'jsonb' })
  files: PublicationFile[];

  /**
   * The blocked entities its entries name, by id, as they were when it was published: what its NDJSON and CSV carry,
   * so that they render to the same bytes later, whatever was edited since. Null before migration 1796500200000.
   */
  @Column({ name: 'blocked_entities', type: 'jsonb', nullable: true })
  blockedEntities: BlockedEntitySnapshot | null;
}

/** Blocked entities by id, as the NDJSON and CSV of one publication carry them. */
export type BlockedEntitySnapshot = Record<string, PublishedBlockedEntity>;
