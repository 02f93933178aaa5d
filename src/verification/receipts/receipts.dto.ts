import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { RECEIPT_ISSUER, RECEIPT_KINDS, RECEIPT_REJECTIONS, type ReceiptKind, type ReceiptRejection } from './receipt-token.js';

/** A batch receipt of 1,000 items is 1-2 MB; this is the default body limit (BODY_LIMIT_BYTES), which bounds it too. */
export const MAX_RECEIPT_LENGTH = 4 * 1024 * 1024;

export class VerifyReceiptDto {
  /**
   * The receipt exactly as the registry issued it: a compact JWS, `header.payload.signature`. Any text is answered
   * (200): what is not a receipt of the registry is `valid: false` with the reason.
   */
  @IsString()
  @MaxLength(MAX_RECEIPT_LENGTH)
  receipt: string;
}

/** What a receipt signs (its JWS payload, RFC 8785 canonical JSON). */
export class ReceiptPayloadDto {
  /** @example "019ad8f2-4c1b-7e3a-9b2d-5f60718293a4" */
  receiptId: string;
  /** ISO 8601, UTC, milliseconds. @example "2026-12-02T09:00:00.000Z" */
  issuedAt: string;
  @ApiProperty({ enum: [RECEIPT_ISSUER], example: RECEIPT_ISSUER })
  issuer: typeof RECEIPT_ISSUER;
  /** single: one verification; batch: a batch of them in one receipt. */
  @ApiProperty({ enum: RECEIPT_KINDS, example: 'single' })
  kind: ReceiptKind;
  /** The blocklist serial the answer rests on; it picks the signing key (`/v1/signing-keys`). @example 2 */
  serial: number;
  /** The verification as it was asked. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { q: 'binance-kz.com' } })
  query: unknown;
  /** The registry's answer. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { verdict: 'blocked' } })
  result: unknown;
}

export class ReceiptDto {
  /** @example "019ad8f2-4c1b-7e3a-9b2d-5f60718293a4" */
  id: string;
  /** @example "2026-12-02T09:00:00.000Z" */
  issuedAt: string;
  /** @example 2 */
  serial: number;
  @ApiProperty({ enum: RECEIPT_KINDS, example: 'single' })
  kind: ReceiptKind;
  /** The signing key (the JWS header's `kid`; `/v1/signing-keys/{keyId}.pem`, `/.well-known/jwks.json`). @example "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" */
  keyId: string;
  /** The receipt: a compact JWS (EdDSA, Ed25519) to keep and to verify offline. */
  receipt: string;
  /** The receipt's payload, decoded. */
  payload: ReceiptPayloadDto;
}

export class ValidReceiptCheckDto {
  @ApiProperty({ type: 'boolean', enum: [true], example: true })
  valid: true;
  /** @example "019ad8f2-4c1b-7e3a-9b2d-5f60718293a4" */
  receiptId: string;
  /** The key that signed it. @example "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" */
  keyId: string;
  /** @example "2026-12-02T09:00:00.000Z" */
  issuedAt: string;
  /** @example 2 */
  serial: number;
  @ApiProperty({ enum: RECEIPT_KINDS, example: 'single' })
  kind: ReceiptKind;
  payload: ReceiptPayloadDto;
  /** Whether this registry holds a receipt with this id and exactly this text (a valid receipt is valid either way). @example true */
  stored: boolean;
}

export class InvalidReceiptCheckDto {
  @ApiProperty({ type: 'boolean', enum: [false], example: false })
  valid: false;
  /**
   * malformed: not a compact JWS, a header other than `{"alg":"EdDSA","kid":...}`, or signed but not a receipt;
   * unknown-key: its `kid` is no key of the registry's; bad-signature: the signature does not verify (changed after signing).
   */
  @ApiProperty({ enum: RECEIPT_REJECTIONS, example: 'bad-signature' })
  reason: ReceiptRejection;
  /** In English. @example "The signature does not verify with the key kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k: the receipt was changed after it was signed, or the registry did not sign it." */
  message: string;
}

export type ReceiptCheckDto = ValidReceiptCheckDto | InvalidReceiptCheckDto;
