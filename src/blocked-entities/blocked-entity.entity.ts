import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SOURCE_CHECKS, SourceEmbedded } from '../provenance/source.embedded.js';

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
/** How much of a date the source actually states: "blocked in November 2023" is month precision. */
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

@Entity({ name: 'blocked_entities' })
@Check('ck_blocked_entities_lifted', `"lifted_on" IS NULL OR "lifted_on" >= "blocked_on"`)
@Check('ck_blocked_entities_lift_reason', `"lift_reason" IS NULL OR "lifted_on" IS NOT NULL`)
@Check('ck_blocked_entities_precision', `"blocked_on_precision" IN ('day', 'month', 'year')`)
@Check('ck_blocked_entities_source_present', SOURCE_CHECKS.present)
@Check('ck_blocked_entities_source_confidence', SOURCE_CHECKS.confidence)
@Check('ck_blocked_entities_version', `"version" > 0`)
export class BlockedEntityEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_blocked_entities' })
  id: string;

  @Column({ name: 'name', type: 'text' })
  name: string;

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
  @Column({ name: 'authority', type: 'text' })
  authority: string;

  /** The body that asked for it, where different. */
  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

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

  /** A-labels of the sites the decision names. */
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
