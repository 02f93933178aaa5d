import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One write, as it happened: who (key id), what (action, target), from what to what (before, after), when, and in
 * which request. Each event holds the hash of the one before: changing or deleting a row breaks the chain, and the
 * database refuses UPDATE, DELETE and TRUNCATE on this table anyway.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_target', ['targetType', 'targetId'])
@Check('ck_audit_events_hashes', `"hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'`)
export class AuditEventEntity {
  /** Position in the chain, from 1, no gaps. */
  @PrimaryColumn({ name: 'seq', type: 'bigint', primaryKeyConstraintName: 'pk_audit_events' })
  seq: string;

  @Index('ix_audit_events_occurred_at')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Index('ix_audit_events_actor')
  @Column({ name: 'actor', type: 'text' })
  actor: string;

  @Column({ name: 'action', type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId: string;

  @Column({ name: 'before', type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ name: 'after', type: 'jsonb', nullable: true })
  after: object | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  /** Which content the hash covers (audit-chain.ts): 1 for events written before versions, 2 since. */
  @Column({ name: 'chain_version', type: 'smallint' })
  chainVersion: number;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ name: 'hash', type: 'text' })
  hash: string;
}

/** The chain's head: the last seq and hash, one row, locked by each writer so events chain in commit order. */
@Entity({ name: 'audit_head' })
@Check('ck_audit_head_singleton', `"id" = 1`)
export class AuditHeadEntity {
  @PrimaryColumn({ name: 'id', type: 'smallint', primaryKeyConstraintName: 'pk_audit_head' })
  id: number;

  @Column({ name: 'seq', type: 'bigint' })
  seq: string;

  @Column({ name: 'hash', type: 'text' })
  hash: string;
}
