import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { DatePrecision } from '../provenance/date-precision.js';
import { SOURCE_CHECKS, SourceEmbedded } from '../provenance/source.embedded.js';

/**
 * active and suspended: in force or paused; revoked and expired: ended for good; unknown: the source names the
 * licence but does not say whether it is still in force (the record says so rather than invent a status).
 */
export const LICENCE_STATUSES = ['active', 'suspended', 'revoked', 'expired', 'unknown'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** What an operator can change a licence's status to; `unknown` is only ever what a source left open. */
export const LICENCE_STATUS_CHANGES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type LicenceStatusChange = (typeof LICENCE_STATUS_CHANGES)[number];

/**
 * One step of a licence's history: granted; suspended; reinstated (active again after a suspension); confirmed
 * (found active where the status was unknown); revoked or expired (ended for good).
 */
export const LICENCE_EVENTS = ['granted', 'suspended', 'reinstated', 'confirmed', 'revoked', 'expired'] as const;
export type LicenceEvent = (typeof LICENCE_EVENTS)[number];

@Entity({ name: 'firms' })
@Check('ck_firms_bin', `"bin" IS NULL OR "bin" ~ '^DEMO-[A-Z0-9][A-Z0-9-]*$' OR registry_bin_is_valid("bin")`)
@Check('ck_firms_lei', `"lei" IS NULL OR "lei" ~ '^DEMO-[A-Z0-9][A-Z0-9-]*$' OR registry_lei_is_valid("lei")`)
@Check('ck_firms_source_present', SOURCE_CHECKS.present)
@Check('ck_firms_source_confidence', SOURCE_CHECKS.confidence)
@Check('ck_firms_version', `"version" > 0`)
export class FirmEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_firms' })
  id: string;

  /** Unique per jurisdiction, ignoring case (`uq_firms_name` on (jurisdiction, lower(name_en)), made in SQL). */
  @Index('uq_firms_name', { synchronize: false })
  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'name_ru', type: 'text', nullable: true })
  nameRu: string | null;

  @Column({ name: 'name_kk', type: 'text', nullable: true })
  nameKk: string | null;

  @Column({ name: 'brands', type: 'text', array: true, default: () => "'{}'" })
  brands: string[];

  @Column({ name: 'aliases', type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  /** Every name, brand and alias folded across scripts (foldName), for search. Trigram index made in SQL. */
  @Index('ix_firms_search_text', { synchronize: false })
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  @Index('uq_firms_bin', { unique: true })
  @Column({ name: 'bin', type: 'text', nullable: true })
  bin: string | null;

  @Index('uq_firms_lei', { unique: true })
  @Column({ name: 'lei', type: 'text', nullable: true })
  lei: string | null;

  @Column({ name: 'jurisdiction', type: 'text' })
  jurisdiction: string;

  @Column(() => SourceEmbedded, { prefix: 'source' })
  source: SourceEmbedded;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => FirmDomainEntity, (domain) => domain.firm)
  domains: Relation<FirmDomainEntity[]>;

  @OneToMany(() => LicenceEntity, (licence) => licence.firm)
  licences: Relation<LicenceEntity[]>;
}

@Entity({ name: 'firm_domains' })
@Check('ck_firm_domains_domain', `length("domain") <= 253 AND "domain" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'`)
@Check('ck_firm_domains_source_present', SOURCE_CHECKS.present)
@Check('ck_firm_domains_source_confidence', SOURCE_CHECKS.confidence)
export class FirmDomainEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_firm_domains' })
  id: string;

  @Index('ix_firm_domains_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @ManyToOne(() => FirmEntity, (firm) => firm.domains, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_firm_domains_firm' })
  firm: Relation<FirmEntity>;

  /** A-label, lower case, no trailing dot. Covers its subdomains: the firm controls them. */
  @Index('uq_firm_domains_domain', { unique: true })
  @Column({ name: 'domain', type: 'text' })
  domain: string;

  /** Unicode form for people. */
  @Column({ name: 'display', type: 'text' })
  display: string;

  /** Where it is stated that the firm uses this domain: a `licensed` verdict rests on it. */
  @Column(() => SourceEmbedded, { prefix: 'source' })
  source: SourceEmbedded;
}

@Entity({ name: 'licences' })
@Index('uq_licences_regulator_number', ['regulator', 'number'], { unique: true })
@Check('ck_licences_status', `"status" IN ('active', 'suspended', 'revoked', 'expired', 'unknown')`)
@Check('ck_licences_ended', `("status" IN ('active', 'suspended', 'unknown')) = ("ended_on" IS NULL)`)
@Check(
  'ck_licences_granted_precision',
  `("granted_on" IS NULL) = ("granted_on_precision" IS NULL) AND ("granted_on_precision" IS NULL OR "granted_on_precision" IN ('day', 'month', 'year'))`,
)
@Check('ck_licences_dates', `("ended_on" IS NULL OR "ended_on" >= "granted_on") AND ("expires_on" IS NULL OR "expires_on" >= "granted_on")`)
@Check('ck_licences_number', `"number" ~ '^[A-Z0-9]+([-/.][A-Z0-9]+)*$' AND length("number") BETWEEN 3 AND 64`)
@Check('ck_licences_source_present', SOURCE_CHECKS.present)
@Check('ck_licences_source_confidence', SOURCE_CHECKS.confidence)
export class LicenceEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_licences' })
  id: string;

  @Index('ix_licences_firm_id')
  @Column({ name: 'firm_id', type: 'uuid' })
  firmId: string;

  @ManyToOne(() => FirmEntity, (firm) => firm.licences, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'firm_id', foreignKeyConstraintName: 'fk_licences_firm' })
  firm: Relation<FirmEntity>;

  @Index('ix_licences_number')
  @Column({ name: 'number', type: 'text' })
  number: string;

  @Column({ name: 'regulator', type: 'text' })
  regulator: string;

  /** Empty where no source states them (operators always name at least one). */
  @Column({ name: 'activities', type: 'text', array: true })
  activities: string[];

  @Column({ name: 'status', type: 'text' })
  status: LicenceStatus;

  /** null: the source does not say when the licence was granted. */
  @Column({ name: 'granted_on', type: 'date', nullable: true })
  grantedOn: string | null;

  /** How much of grantedOn the source states; null with grantedOn. */
  @Column({ name: 'granted_on_precision', type: 'text', nullable: true })
  grantedOnPrecision: DatePrecision | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column(() => SourceEmbedded, { prefix: 'source' })
  source: SourceEmbedded;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => LicenceEventEntity, (event) => event.licence)
  history: Relation<LicenceEventEntity[]>;
}

/** A licence's status changes, append-only (a trigger refuses UPDATE and DELETE), written with each change. */
@Entity({ name: 'licence_events' })
@Check('ck_licence_events_event', `"event" IN ('granted', 'suspended', 'reinstated', 'confirmed', 'revoked', 'expired')`)
@Check(
  'ck_licence_events_precision',
  `("effective_on" IS NULL) = ("effective_on_precision" IS NULL) AND ("effective_on_precision" IS NULL OR "effective_on_precision" IN ('day', 'month', 'year'))`,
)
export class LicenceEventEntity {
  /** Also the order the events happened in. */
  @PrimaryGeneratedColumn('identity', { name: 'id', type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_licence_events' })
  id: string;

  @Index('ix_licence_events_licence_id')
  @Column({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @ManyToOne(() => LicenceEntity, (licence) => licence.history, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'licence_id', foreignKeyConstraintName: 'fk_licence_events_licence' })
  licence: Relation<LicenceEntity>;

  @Column({ name: 'event', type: 'text' })
  event: LicenceEvent;

  /** The day the change took effect; null where no source says (a change recorded before history was kept). */
  @Column({ name: 'effective_on', type: 'date', nullable: true })
  effectiveOn: string | null;

  @Column({ name: 'effective_on_precision', type: 'text', nullable: true })
  effectiveOnPrecision: DatePrecision | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
