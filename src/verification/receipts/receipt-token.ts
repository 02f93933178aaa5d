// A receipt as a compact JWS (RFC 7515, EdDSA of RFC 8037): the payload it signs, in RFC 8785 canonical JSON, and
// how a presented receipt is read back and checked. Pure: the keys come in as the signing service's lookups.
import canonicalize from 'canonicalize';
import type { SigningService } from '../../platform/signing/signing.service.js';

export const RECEIPT_ISSUER = 'kz-crypto-registry';
export const RECEIPT_KINDS = ['single', 'batch'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/** What a receipt signs: the question a verification was asked, its answer, and when and at which serial. */
export interface ReceiptPayload {
  receiptId: string;
  /** ISO 8601, UTC, milliseconds. */
  issuedAt: string;
  issuer: typeof RECEIPT_ISSUER;
  kind: ReceiptKind;
  /** The blocklist serial the answer rests on; it picks the signing key. */
  serial: number;
  query: unknown;
  result: unknown;
}

/** Why a presented receipt is not one the registry signed. */
export const RECEIPT_REJECTIONS = ['malformed', 'unknown-key', 'bad-signature'] as const;
export type ReceiptRejection = (typeof RECEIPT_REJECTIONS)[number];

export type ReceiptReading =
  | { valid: true; keyId: string; payload: ReceiptPayload }
  | { valid: false; reason: ReceiptRejection; message: string };

/** The two things reading a receipt needs of the keyring. */
export type ReceiptKeys = Pick<SigningService, 'verify' | 'publicKeyPem'>;

const PAYLOAD_KEYS = ['issuedAt', 'issuer', 'kind', 'query', 'receiptId', 'result', 'serial'];
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Longer than any key id the registry makes (a 43-character thumbprint or a configured name). */
const MAX_KID_LENGTH = 200;

/** The bytes a receipt signs: the payload in RFC 8785 canonical JSON, so they do not depend on key order. */
export function receiptPayloadBytes(payload: ReceiptPayload): Buffer {
  return Buffer.from(canonicalize(payload)!, 'utf8');
}

/** The payload of a compact JWS, decoded; undefined when it is not JSON. */
export function decodedPayload(jws: string): unknown {
  return jsonOf(jws.split('.')[1] ?? '');
}

/**
 * Whether `jws` is a receipt the registry signed: its form first (three base64url parts, a header that is exactly
 * `{"alg":"EdDSA","kid":...}`, a 64-byte signature), then its key, then the signature over `header.payload` as
 * presented, and last that what was signed is a receipt (the same keys sign publications). Never throws.
 */
export function readReceipt(jws: string, keys: ReceiptKeys): ReceiptReading {
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    return rejected('malformed', 'A receipt is a compact JWS: three base64url parts joined by dots (header.payload.signature).');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonOf(headerPart);
  if (!isReceiptHeader(header)) return rejected('malformed', 'The JWS header must be exactly {"alg":"EdDSA","kid":"<key id>"}.');
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) return rejected('malformed', 'The signature must be an Ed25519 signature: 64 bytes, 86 base64url characters.');
  const { kid } = header;
  if (keys.publicKeyPem(kid) === null) {
    return rejected('unknown-key', `No signing key of the registry has the id ${kid}: /.well-known/jwks.json lists every key, retired ones too.`);
  }
  // The signature's text must be exactly what the signer wrote: base64url's last character carries spare bits, so
  // two texts decode to the same 64 bytes.
  const signed = signature.toString('base64url') === signaturePart && keys.verify(Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'), signature, kid);
  if (!signed) {
    return rejected('bad-signature', `The signature does not verify with the key ${kid}: the receipt was changed after it was signed, or the registry did not sign it.`);
  }
  const payload = jsonOf(payloadPart);
  if (!isReceiptPayload(payload)) return rejected('malformed', 'The registry signed this, but it is not a receipt (a publication, perhaps).');
  return { valid: true, keyId: kid, payload };
}

function rejected(reason: ReceiptRejection, message: string): ReceiptReading {
  return { valid: false, reason, message };
}

/** A base64url part of a JWS read as JSON; undefined when it is not JSON. */
function jsonOf(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReceiptHeader(value: unknown): value is { alg: 'EdDSA'; kid: string } {
  return (
    isRecord(value) &&
    Object.keys(value).sort().join() === 'alg,kid' &&
    value.alg === 'EdDSA' &&
    typeof value.kid === 'string' &&
    value.kid.length > 0 &&
    value.kid.length <= MAX_KID_LENGTH
  );
}

function isReceiptPayload(value: unknown): value is ReceiptPayload {
  return (
    isRecord(value) &&
    Object.keys(value).sort().join() === PAYLOAD_KEYS.join() &&
    value.issuer === RECEIPT_ISSUER &&
    typeof value.receiptId === 'string' &&
    UUID.test(value.receiptId) &&
    typeof value.issuedAt === 'string' &&
    ISO_UTC_MS.test(value.issuedAt) &&
    (RECEIPT_KINDS as readonly unknown[]).includes(value.kind) &&
    Number.isSafeInteger(value.serial) &&
    (value.serial as number) >= 0
  );
}
