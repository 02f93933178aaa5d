import { describe, expect, it } from '@jest/globals';
import { createPublicKey } from 'node:crypto';
import { prepareKeys, SigningService } from '../../platform/signing/signing.service.js';
import { readReceipt } from './receipt-token.js';
import { EXAMPLE_KEY_ID, EXAMPLE_RECEIPT, RECEIPT_CHECK_EXAMPLES, RECEIPT_EXAMPLES } from './receipts.examples.js';

// RFC 8037 appendix A.1's public key alone (its private half is the standard's, not the registry's).
const RFC8037_PUBLIC = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }, format: 'jwk' });

describe('the receipts of the OpenAPI document', () => {
  it('are a real receipt: it verifies with the RFC 8037 key, and the examples say what reading it says', async () => {
    const keys = new SigningService(await prepareKeys([{ fromSerial: 0, publicKey: RFC8037_PUBLIC, source: 'RFC 8037' }]));
    expect(keys.keyFor(0).keyId).toBe(EXAMPLE_KEY_ID);
    const reading = readReceipt(EXAMPLE_RECEIPT, keys);
    const single = RECEIPT_EXAMPLES.single!.value;
    expect(reading).toEqual({ valid: true, keyId: EXAMPLE_KEY_ID, payload: single.payload });
    expect(single).toEqual({
      id: single.payload.receiptId,
      issuedAt: single.payload.issuedAt,
      serial: single.payload.serial,
      kind: single.payload.kind,
      keyId: EXAMPLE_KEY_ID,
      receipt: EXAMPLE_RECEIPT,
      payload: single.payload,
    });
    expect(RECEIPT_CHECK_EXAMPLES.valid!.value).toEqual({
      valid: true,
      receiptId: single.id,
      keyId: EXAMPLE_KEY_ID,
      issuedAt: single.issuedAt,
      serial: single.serial,
      kind: single.kind,
      payload: single.payload,
      stored: true,
    });
    const [header, payload, signature] = EXAMPLE_RECEIPT.split('.');
    const changed = `${header}.${payload!.slice(0, 10)}${payload![10] === 'A' ? 'B' : 'A'}${payload!.slice(11)}.${signature}`;
    expect(readReceipt(changed, keys)).toEqual(RECEIPT_CHECK_EXAMPLES.changed!.value);
    expect(readReceipt('not a receipt', keys)).toEqual(RECEIPT_CHECK_EXAMPLES.malformed!.value);
  });
});
