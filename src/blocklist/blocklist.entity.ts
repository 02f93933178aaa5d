import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { BlockedEntityEntity } from '../blocked-entities/blocked-entity.entity.js';
import type { EntryKind, MatchMode } from '../domain-names/entry-kinds.js';
import { SOURCE_CHECKS, SourceEmbedded } from '../provenance/source.embedded.js';
import { LocalisedTextEmbedded } from '../text/localised-text.embedded.js';

/**
 * The head of the blocklist: one row holding the last serial. Writers advance it with a row-locking UPDATE in their
 * own transaction, so serials commit in order, never skip (a rollback undoes the increment) and are never reused;
 * a sequence would hand out numbers that commit out of order or are lost on rollback.
 */
@Entity({ name: 'blocklist_head' })
@Check('ck_blocklist_head_singleton', `"id" = 1`)
export class BlocklistHeadEntity {
  @PrimaryColumn({ name: 'id', type: 'smallint', primaryKeyConstraintName: 'pk_blocklist_head' })
  id: number;

  @Column({ name: 'serial', type: 'bigint' })
  serial: string;
}

/** One row per serial: when it was made and what it changed. */
@Entity({ name: 'blocklist_serials' })
export class BlocklistSerialEntity {
  @PrimaryColumn({ name: 'serial', type: 'bigint', primaryKeyConstraintName: 'pk_blocklist_serials' })
  serial: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'added', type: 'integer', default: 0 })
  added: number;

  @Column({ name: 'removed', type: 'integer', default: 0 })
  removed: number;
}

@Entity({ name: 'blocklist_entries' })
@Index('ix_blocklist_entries_added_serial_id', ['addedSerial', 'id'])
@Index('uq_blocklist_entries_active', ['kind', 'value'], { unique: true, where: '"removed_serial" IS NULL' })
@Check('ck_blocklist_entries_kind', `"kind" IN ('domain', 'url', 'ipv4', 'ipv6', 'cidr')`)
@Check('ck_blocklist_entries_match', `"match" IN ('exact', 'subtree') AND ("kind" IN ('domain', 'url') OR "match" = 'exact')`)
@Check('ck_blocklist_entries_serials', `"removed_serial" IS NULL OR "removed_serial" > "added_serial"`)
@Check(
  'ck_blocklist_entries_value',
  `CASE "kind"
    WHEN 'domain' THEN length("value") <= 253 AND "value" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'
    WHEN 'url' THEN "value" ~ '^https?://[a-z0-9.-]+(:[0-9]+)?/' AND length("value") <= 2048
    WHEN 'ipv4' THEN family("value"::inet) = 4 AND masklen("value"::inet) = 32 AND host("value"::inet) = "value"
    WHEN 'ipv6' THEN family("value"::inet) = 6 AND masklen("value"::inet) = 128 AND host("value"::inet) = "value"
    WHEN 'cidr' THEN "value"::cidr::text = "value"
  END`,
)
@Check('ck_blocklist_entries_source_present', SOURCE_CHECKS.present)
@Check('ck_blocklist_entries_source_confidence', SOURCE_CHECKS.confidence)
export class BlocklistEntryEntity {
  /** Time-ordered (PostgreSQL 18's uuidv7): a million new ids fill the primary key's index at one end. */
  @PrimaryColumn({ name: 'id', type: 'uuid', default: () => 'uuidv7()', primaryKeyConstraintName: 'pk_blocklist_entries' })
  id: string;

  /** Compared bytewise, like the value. */
  @Column({ name: 'kind', type: 'text', collation: 'C' })
  kind: EntryKind;

  /** Canonical: A-label, lower case, no trailing dot; canonical CIDR; compressed IPv6. ASCII, so compared bytewise. */
  @Column({ name: 'value', type: 'text', collation: 'C' })
  value: string;

  /** As a person would write it (Unicode domain). */
  @Column({ name: 'display_value', type: 'text' })
  displayValue: string;

  @Column({ name: 'match', type: 'text' })
  match: MatchMode;

  @Index('ix_blocklist_entries_blocked_entity_id', { where: '"blocked_entity_id" IS NOT NULL' })
  @Column({ name: 'blocked_entity_id', type: 'uuid', nullable: true })
  blockedEntityId: string | null;

  @ManyToOne(() => BlockedEntityEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'blocked_entity_id', foreignKeyConstraintName: 'fk_blocklist_entries_blocked_entity' })
  blockedEntity: Relation<BlockedEntityEntity> | null;

  /** In kk, ru and en (`legal_basis_en`, `_ru`, `_kk`); English always. */
  @Column(() => LocalisedTextEmbedded, { prefix: 'legal_basis' })
  legalBasis: LocalisedTextEmbedded;

  /**
   * A serial of blocklist_serials, checked once per statement rather than by a foreign key per row (migration
   * 1796600000000: a serial is never deleted or renumbered), as is the removal serial.
   */
  @Column({ name: 'added_serial', type: 'bigint' })
  addedSerial: string;

  @Index('ix_blocklist_entries_removed_serial', { where: '"removed_serial" IS NOT NULL' })
  @Column({ name: 'removed_serial', type: 'bigint', nullable: true })
  removedSerial: string | null;

  @Column(() => SourceEmbedded, { prefix: 'source' })
  source: SourceEmbedded;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
