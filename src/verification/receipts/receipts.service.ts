import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SigningService } from '../../platform/signing/signing.service.js';
import { decodedPayload, RECEIPT_ISSUER, type ReceiptKind, type ReceiptPayload, receiptPayloadBytes, readReceipt } from './receipt-token.js';
import type { ReceiptCheckDto, ReceiptDto } from './receipts.dto.js';
import { ReceiptNotFoundError } from './receipts.errors.js';
import { ReceiptsRepository } from './receipts.repository.js';

export interface IssueReceiptInput {
  kind: ReceiptKind;
  /** The API key that asked; null for an anonymous single verification. */
  bankKeyId: string | null;
  /** The blocklist serial the answer rests on; it picks the signing key. */
  serial: number;
  /** The verification as asked and the answer given: any JSON (undefined is signed as null). */
  query: unknown;
  result: unknown;
}

export interface IssuedReceipt {
  id: string;
  /** ISO 8601, UTC, milliseconds. */
  issuedAt: string;
  serial: number;
  keyId: string;
  /** The receipt: a compact JWS of the payload (EdDSA, `kid` in its header). */
  jws: string;
}

/**
 * Receipts of bank verifications: signed and stored when a verification answers, fetched again by the key that asked,
 * and checked for anyone who holds one. A receipt verifies offline too (the JWK set, or openssl over `header.payload`).
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly signing: SigningService,
    private readonly receipts: ReceiptsRepository,
  ) {}

  /** Signs and stores one receipt (one INSERT, in `manager`'s transaction when given); its id is made first, being signed. */
  async issue(input: IssueReceiptInput, manager?: EntityManager): Promise<IssuedReceipt> {
    const id = uuidv7();
    const issuedAt = new Date();
    const payload: ReceiptPayload = {
      receiptId: id,
      issuedAt: issuedAt.toISOString(),
      issuer: RECEIPT_ISSUER,
      kind: input.kind,
      serial: input.serial,
      query: input.query ?? null,
      result: input.result ?? null,
    };
    const jws = this.signing.compactJws(receiptPayloadBytes(payload), input.serial);
    const { keyId } = this.signing.keyFor(input.serial);
    await this.receipts.add({ id, bankKeyId: input.bankKeyId, kind: input.kind, serial: input.serial, keyId, issuedAt, jws }, manager);
    return { id, issuedAt: payload.issuedAt, serial: input.serial, keyId, jws };
  }

  /** Whether `jws` is a receipt the registry signed, and whether it holds it; what is not is `valid: false`, never an error. */
  async verify(jws: string): Promise<ReceiptCheckDto> {
    const reading = readReceipt(jws, this.signing);
    if (!reading.valid) return reading;
    const { payload, keyId } = reading;
    return {
      valid: true,
      receiptId: payload.receiptId,
      keyId,
      issuedAt: payload.issuedAt,
      serial: payload.serial,
      kind: payload.kind,
      payload,
      stored: await this.receipts.holds(payload.receiptId, jws),
    };
  }

  /** A receipt issued to `bankKeyId`; another key's, an anonymous one and none at all are the same 404. */
  async get(id: string, bankKeyId: string): Promise<ReceiptDto> {
    const receipt = await this.receipts.getByIdForBank(id, bankKeyId);
    if (!receipt) throw new ReceiptNotFoundError(id);
    return {
      id: receipt.id,
      issuedAt: receipt.issuedAt.toISOString(),
      serial: Number(receipt.serial),
      kind: receipt.kind,
      keyId: receipt.keyId,
      receipt: receipt.jws,
      payload: decodedPayload(receipt.jws) as ReceiptPayload,
    };
  }
}
