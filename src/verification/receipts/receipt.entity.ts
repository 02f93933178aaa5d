import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReceiptKind } from './receipt-token.js';

/**
 * A receipt the registry signed for a verification: the compact JWS exactly as it was handed out, and the fields a
 * bank looks it up by. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): what was signed stays as signed.
 */
@Entity({ name: 'verification_receipts' })
@Check('ck_verification_receipts_kind', `"kind" IN ('single', 'batch')`)
@Index('ix_verification_receipts_bank_key_id_issued_at', ['bankKeyId', 'issuedAt'])
export class ReceiptEntity {
  /** A UUIDv7 made before signing: it is inside the signed payload. */
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_verification_receipts' })
  id: string;

  /** The id of the API key that asked; null for an anonymous single verification. */
  @Column({ name: 'bank_key_id', type: 'text', nullable: true })
  bankKeyId: string | null;

  @Column({ name: 'kind', type: 'text' })
  kind: ReceiptKind;

  /** The blocklist serial the answer rests on; it picks the signing key. */
  @Column({ name: 'serial', type: 'bigint' })
  serial: string;

  /** The signing key's id (the JWS header's `kid`). */
  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'jws', type: 'text' })
  jws: string;
}
