import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { prepareKeys, SigningService } from '../../platform/signing/signing.service.js';
import { decodedPayload, type ReceiptPayload, receiptPayloadBytes, readReceipt } from './receipt-token.js';

const keyring = async (keyId: string) => {
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  return new SigningService(await prepareKeys([{ fromSerial: 0, privateKey, publicKey: createPublicKey(privateKey), source: 'test', keyId }]));
};
const signing = await keyring('registry-test');
const stranger = await keyring('registry-test');

const PAYLOAD: ReceiptPayload = {
  receiptId: '019ad8f2-4c1b-7e3a-9b2d-5f60718293a4',
  issuedAt: '2026-12-02T10:00:00.000Z',
  issuer: 'kz-crypto-registry',
  kind: 'single',
  serial: 7,
  query: { q: 'binance-kz.com' },
  result: { verdict: 'blocked', note: 'Қазақстан' },
};
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwsOf = (payload: unknown, by = signing) => by.compactJws(typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(JSON.stringify(payload)), 7);
const MALFORMED = { valid: false, reason: 'malformed' };

describe('receiptPayloadBytes', () => {
  it('is RFC 8785 canonical JSON: keys sorted, no spaces, UTF-8', () => {
    expect(receiptPayloadBytes(PAYLOAD).toString('utf8')).toBe(
      '{"issuedAt":"2026-12-02T10:00:00.000Z","issuer":"kz-crypto-registry","kind":"single","query":{"q":"binance-kz.com"},' +
        '"receiptId":"019ad8f2-4c1b-7e3a-9b2d-5f60718293a4","result":{"note":"Қазақстан","verdict":"blocked"},"serial":7}',
    );
  });
});

describe('readReceipt', () => {
  const signed = signing.compactJws(receiptPayloadBytes(PAYLOAD), 7);
  const [header, payload, signature] = signed.split('.') as [string, string, string];

  it('reads a receipt the registry signed: its key and its payload', () => {
    expect(readReceipt(signed, signing)).toEqual({ valid: true, keyId: 'registry-test', payload: PAYLOAD });
    expect(decodedPayload(signed)).toEqual(PAYLOAD);
  });

  it('says bad-signature for a changed payload, a changed signature byte, or a changed header that still parses', () => {
    const BAD = {
      valid: false,
      reason: 'bad-signature',
      message: 'The signature does not verify with the key registry-test: the receipt was changed after it was signed, or the registry did not sign it.',
    };
    const forged = b64(receiptPayloadBytes({ ...PAYLOAD, result: { verdict: 'licensed', note: 'Қазақстан' } }).toString());
    expect(readReceipt(`${header}.${forged}.${signature}`, signing)).toEqual(BAD);
    const flipped = Buffer.from(signature, 'base64url');
    flipped[20]! ^= 0x01;
    expect(readReceipt(`${header}.${payload}.${flipped.toString('base64url')}`, signing)).toEqual(BAD);
    // The same header in other JSON spelling: the signature covers the header's text, not its meaning.
    expect(readReceipt(`${b64('{ "alg": "EdDSA", "kid": "registry-test" }')}.${payload}.${signature}`, signing)).toEqual(BAD);
    // The last base64url character of 64 bytes carries 2 spare bits: a variant decoding to the same bytes is refused.
    const last = signature.at(-1)!;
    const twin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').find(
      (c) => c !== last && Buffer.from(signature.slice(0, -1) + c, 'base64url').equals(Buffer.from(signature, 'base64url')),
    )!;
    expect(readReceipt(`${header}.${payload}.${signature.slice(0, -1)}${twin}`, signing)).toEqual(BAD);
  });

  it('says bad-signature for a receipt signed by another key that has the same id', () => {
    expect(readReceipt(stranger.compactJws(receiptPayloadBytes(PAYLOAD), 7), signing)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('says unknown-key for a kid the keyring does not hold', () => {
    expect(readReceipt(`${b64({ alg: 'EdDSA', kid: 'registry-1999' })}.${payload}.${signature}`, signing)).toEqual({
      valid: false,
      reason: 'unknown-key',
      message: 'No signing key of the registry has the id registry-1999: /.well-known/jwks.json lists every key, retired ones too.',
    });
  });

  it('says malformed for what is not three base64url parts', () => {
    const message = 'A receipt is a compact JWS: three base64url parts joined by dots (header.payload.signature).';
    for (const text of ['', 'garbage', `${header}.${payload}`, `${signed}.x`, `${header}..${signature}`, `${header}.${payload}.${signature}=`, `${header}.${payload}+.${signature}`, ` ${signed}`]) {
      expect(readReceipt(text, signing)).toEqual({ ...MALFORMED, message });
    }
  });

  it('says malformed for a header that is not exactly {alg: EdDSA, kid}', () => {
    const message = 'The JWS header must be exactly {"alg":"EdDSA","kid":"<key id>"}.';
    const headers = [
      { alg: 'RS256', kid: 'registry-test' },
      { alg: 'none', kid: 'registry-test' },
      { alg: 'EdDSA' },
      { alg: 'EdDSA', kid: '' },
      { alg: 'EdDSA', kid: 7 },
      { alg: 'EdDSA', kid: 'k'.repeat(201) },
      { alg: 'EdDSA', kid: 'registry-test', crit: ['b64'], b64: false },
      ['EdDSA', 'registry-test'],
    ];
    for (const h of headers) expect(readReceipt(`${b64(h)}.${payload}.${signature}`, signing)).toEqual({ ...MALFORMED, message });
    expect(readReceipt(`${b64('{"alg":"EdDSA",')}.${payload}.${signature}`, signing)).toEqual({ ...MALFORMED, message });
  });

  it('says malformed for a signature that is not 64 bytes', () => {
    expect(readReceipt(`${header}.${payload}.${signature.slice(0, 40)}`, signing)).toEqual({
      ...MALFORMED,
      message: 'The signature must be an Ed25519 signature: 64 bytes, 86 base64url characters.',
    });
  });

  it('says malformed for what the registry signed that is not a receipt', () => {
    const message = 'The registry signed this, but it is not a receipt (a publication, perhaps).';
    const others: unknown[] = [
      { serial: 7, files: [] },
      { ...PAYLOAD, issuer: 'someone-else' },
      { ...PAYLOAD, kind: 'bulk' },
      { ...PAYLOAD, serial: -1 },
      { ...PAYLOAD, serial: '7' },
      { ...PAYLOAD, receiptId: 'not-a-uuid' },
      { ...PAYLOAD, issuedAt: '2026-12-02' },
      { ...PAYLOAD, extra: true },
      Object.fromEntries(Object.entries(PAYLOAD).filter(([k]) => k !== 'result')),
      [PAYLOAD],
    ];
    for (const other of others) expect(readReceipt(jwsOf(other), signing)).toEqual({ ...MALFORMED, message });
    expect(readReceipt(jwsOf('not json'), signing)).toEqual({ ...MALFORMED, message });
  });
});
