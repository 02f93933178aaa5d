import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DatePrecision } from '../provenance/date-precision.js';
import { SOURCE_CHECKS, SourceEmbedded } from '../provenance/source.embedded.js';
import { LocalisedTextEmbedded, OptionalLocalisedTextEmbedded, optionalTextCheck } from '../text/localised-text.embedded.js';

export { DATE_PRECISIONS, type DatePrecision } from '../provenance/date-precision.js';

@Entity({ name: 'blocked_entities' })
@Check('ck_blocked_entities_lifted', `"lifted_on" IS NULL OR "lifted_on" >= "blocked_on"`)
@Check('ck_blocked_entities_lift_reason', `"lift_reason" IS NULL OR "lifted_on" IS NOT NULL`)
@Check('ck_blocked_entities_precision', `"blocked_on_precision" IN ('day', 'month', 'year')`)
@Check('ck_blocked_entities_source_present', SOURCE_CHECKS.present)
@Check('ck_blocked_entities_source_confidence', SOURCE_CHECKS.confidence)
@Check('ck_blocked_entities_version', `"version" > 0`)
@Check('ck_blocked_entities_requested_by', optionalTextCheck('requested_by'))
export class BlockedEntityEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_blocked_entities' })
  id: string;

  /** In kk, ru and en (`name_en`, `name_ru`, `name_kk`); English always. */
  @Column(() => LocalisedTextEmbedded, { prefix: 'name' })
  name: LocalisedTextEmbedded;

  @Column({ name: 'aliases', type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  /** Trigram index made in SQL. */
  @Index('ix_blocked_entities_search_text', { synchronize: false })
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  /** e.g. online-exchange, offline-exchange, pyramid-scheme. */
  @Column({ name: 'category', type: 'text' })
  category: string;

  /** The body that ordered the block. */
  @Column(() => LocalisedTextEmbedded, { prefix: 'authority' })
  authority: LocalisedTextEmbedded;

  /** The body that asked for it, where different (all three columns null when none). */
  @Column(() => OptionalLocalisedTextEmbedded, { prefix: 'requested_by' })
  requestedBy: OptionalLocalisedTextEmbedded;

  @Column(() => LocalisedTextEmbedded, { prefix: 'legal_basis' })
  legalBasis: LocalisedTextEmbedded;

  @Column({ name: 'decision_number', type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate: string | null;

  @Column({ name: 'blocked_on', type: 'date' })
  blockedOn: string;

  @Column({ name: 'blocked_on_precision', type: 'text', default: 'day' })
  blockedOnPrecision: DatePrecision;

  @Column({ name: 'lifted_on', type: 'date', nullable: true })
  liftedOn: string | null;

  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason: string | null;

  /** A-labels of the sites the decision names. GIN index made in SQL (verification's `&&`). */
  @Index('ix_blocked_entities_domains', { synchronize: false })
  @Column({ name: 'domains', type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Column(() => SourceEmbedded, { prefix: 'source' })
  source: SourceEmbedded;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
