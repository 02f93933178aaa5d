import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SOURCE_CHECKS, SourceEmbedded } from '../provenance/source.embedded.js';
import { LocalisedTextEmbedded } from '../text/localised-text.embedded.js';

/**
 * A public warning by a regulator that named brands are not licensed (AFSA's warning on unlicensed digital asset
 * platforms): a record of its own, since it blocks nothing and licenses no one, yet a citizen asking about one of its
 * brands must hear of it.
 */
@Entity({ name: 'warnings' })
@Check('ck_warnings_brands', `cardinality("brands") > 0`)
@Check('ck_warnings_withdrawn', `"withdrawn_on" IS NULL OR "issued_on" IS NULL OR "withdrawn_on" >= "issued_on"`)
@Check('ck_warnings_withdrawal_reason', `"withdrawal_reason" IS NULL OR "withdrawn_on" IS NOT NULL`)
@Check('ck_warnings_source_present', SOURCE_CHECKS.present)
@Check('ck_warnings_source_confidence', SOURCE_CHECKS.confidence)
@Check('ck_warnings_version', `"version" > 0`)
export class WarningEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid', default: () => 'uuidv7()', primaryKeyConstraintName: 'pk_warnings' })
  id: string;

  /** The brands as the warning names them; the first is the display name. */
  @Column({ name: 'brands', type: 'text', array: true })
  brands: string[];

  /** How citizens write them (Cyrillic, other spellings): matched like the brands. */
  @Column({ name: 'aliases', type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  /** A-labels of the brands' sites; may be empty. GIN index made in SQL (verification's `&&`). */
  @Index('ix_warnings_domains', { synchronize: false })
  @Column({ name: 'domains', type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  /** Every brand and alias folded (foldName), for search. Trigram index made in SQL. */
  @Index('ix_warnings_search_text', { synchronize: false })
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  /** The day the warning was issued; null when no source gathered gives it. */
  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  /** Who issued it, e.g. AFSA. */
  @Column({ name: 'issuer', type: 'text' })
  issuer: string;

  @Column(() => LocalisedTextEmbedded, { prefix: 'title' })
  title: LocalisedTextEmbedded;

  @Column(() => LocalisedTextEmbedded, { prefix: 'summary' })
  summary: LocalisedTextEmbedded;

  @Column(() => SourceEmbedded, { prefix: 'source' })
  source: SourceEmbedded;

  /** The day the issuer withdrew it; null while it stands. A withdrawn warning stays as history. */
  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
