import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A creating request's first result, replayed when the client retries with the same Idempotency-Key. Written in the
 * write's own transaction: a row exists only for a write that committed, so no claim can outlive a crash.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'api_key_id', type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  apiKeyId: string;

  @PrimaryColumn({ name: 'key', type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  key: string;

  /** SHA-256 of method, path and body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  /** The HTTP status the first request answered. */
  @Column({ name: 'status', type: 'integer' })
  status: number;

  @Column({ name: 'body', type: 'jsonb', nullable: true })
  body: unknown;

  /** Records older than IDEMPOTENCY_TTL_HOURS are ignored and purged. */
  @Index('ix_idempotency_keys_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
