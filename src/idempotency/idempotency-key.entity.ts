import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A creating request's first result, replayed when the client retries with the same Idempotency-Key. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'api_key_id', type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  apiKeyId: string;

  @PrimaryColumn({ name: 'key', type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  key: string;

  /** SHA-256 of method, path and body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  /** Null while the first request is still running. */
  @Column({ name: 'status', type: 'integer', nullable: true })
  status: number | null;

  @Column({ name: 'body', type: 'jsonb', nullable: true })
  body: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
