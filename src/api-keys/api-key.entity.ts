import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { SCOPES, type Scope } from '../auth/scopes.js';

/** Written from the one scope list; a new scope needs a migration that widens the constraint the same way. */
const SCOPES_CHECK = `cardinality("scopes") > 0 AND "scopes" <@ ARRAY[${SCOPES.map((s) => `'${s}'`).join(', ')}]::text[]`;

/** An operator's API key. Only a SHA-256 of its secret is stored: the key itself is shown once, at creation. */
@Entity({ name: 'api_keys' })
@Check('ck_api_keys_scopes', SCOPES_CHECK)
@Check('ck_api_keys_secret_hash', `"secret_hash" ~ '^[0-9a-f]{64}$'`)
@Check('ck_api_keys_rate_limit_per_minute', `"rate_limit_per_minute" > 0`)
export class ApiKeyEntity {
  /** The public part of the key (also in the key string), safe to log. */
  @PrimaryColumn({ name: 'id', type: 'text', primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ name: 'name', type: 'text' })
  name: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash: string;

  @Column({ name: 'scopes', type: 'text', array: true })
  scopes: Scope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Who made it: another key's id, or `cli` for the command line. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Index('ix_api_keys_revoked_at')
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** Requests a minute counted for the key itself, in place of its address's limit; null: counted by its address. */
  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute: number | null;
}
