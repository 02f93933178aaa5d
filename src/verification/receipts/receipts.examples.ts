// Receipts shown in the OpenAPI document: a real receipt, signed with the Ed25519 test key of RFC 8037 (appendix A,
// kid = its thumbprint, the example key of /.well-known/jwks.json), so the example verifies as the text says;
// receipts.examples.spec.ts holds it to that.
import type { InvalidReceiptCheckDto, ReceiptDto, ValidReceiptCheckDto } from './receipts.dto.js';

export const EXAMPLE_KEY_ID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';

const PAYLOAD = {
  receiptId: '019ad8f2-4c1b-7e3a-9b2d-5f60718293a4',
  issuedAt: '2026-12-02T09:00:00.000Z',
  issuer: 'kz-crypto-registry' as const,
  kind: 'single' as const,
  serial: 2,
  query: { q: 'binance-kz.com' },
  result: { verdict: 'blocked' },
};

export const EXAMPLE_RECEIPT =
  'eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsifQ.' +
  'eyJpc3N1ZWRBdCI6IjIwMjYtMTItMDJUMDk6MDA6MDAuMDAwWiIsImlzc3VlciI6Imt6LWNyeXB0by1yZWdpc3RyeSIsImtpbmQiOiJzaW5nbGUiLCJxdWVyeSI6eyJxIjoiYmluYW5jZS1rei5jb20ifSwicmVjZWlwdElkIjoiMDE5YWQ4ZjItNGMxYi03ZTNhLTliMmQtNWY2MDcxODI5M2E0IiwicmVzdWx0Ijp7InZlcmRpY3QiOiJibG9ja2VkIn0sInNlcmlhbCI6Mn0.' +
  'zN1HPYmi3HYyL0tY9ogwU_xoP9pHhbYUYvKYV8Hskjxv-d8WCFpv6c29oQGiNMUioRRe-O1OuvgRNWejk-F7BQ';

export const RECEIPT_EXAMPLES: Record<string, { summary: string; value: ReceiptDto }> = {
  single: {
    summary: 'The receipt of a single verification',
    value: { id: PAYLOAD.receiptId, issuedAt: PAYLOAD.issuedAt, serial: 2, kind: 'single', keyId: EXAMPLE_KEY_ID, receipt: EXAMPLE_RECEIPT, payload: PAYLOAD },
  },
};

export const RECEIPT_CHECK_EXAMPLES: Record<string, { summary: string; value: ValidReceiptCheckDto | InvalidReceiptCheckDto }> = {
  valid: {
    summary: 'A receipt the registry signed and holds',
    value: { valid: true, receiptId: PAYLOAD.receiptId, keyId: EXAMPLE_KEY_ID, issuedAt: PAYLOAD.issuedAt, serial: 2, kind: 'single', payload: PAYLOAD, stored: true },
  },
  changed: {
    summary: 'A receipt changed after it was signed',
    value: {
      valid: false,
      reason: 'bad-signature',
      message: `The signature does not verify with the key ${EXAMPLE_KEY_ID}: the receipt was changed after it was signed, or the registry did not sign it.`,
    },
  },
  unknownKey: {
    summary: 'A receipt naming a key the registry never had',
    value: { valid: false, reason: 'unknown-key', message: 'No signing key of the registry has the id registry-1999: /.well-known/jwks.json lists every key, retired ones too.' },
  },
  malformed: {
    summary: 'Not a compact JWS',
    value: { valid: false, reason: 'malformed', message: 'A receipt is a compact JWS: three base64url parts joined by dots (header.payload.signature).' },
  },
};
