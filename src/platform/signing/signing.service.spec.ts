import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { parseConfig } from '../../config/app-config.js';
import type { ConfiguredSigningKey } from '../../config/signing-keys.js';
import { DEVELOPMENT_KEY_FILE } from './development-key.js';
import { prepareKeys, SigningService } from './signing.service.js';

// RFC 8037 appendix A: the Ed25519 test key, its thumbprint (A.3) and a signature (A.4), so the ids and signatures
// are checked against the standard's own figures rather than against this code.
const RFC8037 = createPrivateKey({
  key: { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
  format: 'jwk',
});
const RFC8037_KID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
const RFC8037_INPUT = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc';
const RFC8037_SIGNATURE = 'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';

const signer = (privateKey: KeyObject, fromSerial = 0, keyId?: string): ConfiguredSigningKey => ({
  fromSerial,
  privateKey,
  publicKey: createPublicKey(privateKey),
  source: 'test',
  ...(keyId ? { keyId } : {}),
});
const retired = (privateKey: KeyObject, fromSerial: number): ConfiguredSigningKey => ({ fromSerial, publicKey: createPublicKey(privateKey), source: 'test' });
const service = async (...keys: ConfiguredSigningKey[]) => new SigningService(await prepareKeys(keys));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('SigningService', () => {
  it('names a key by its RFC 7638 thumbprint and serves it as a JWK and as PEM', async () => {
    const s = await service(signer(RFC8037));
    expect(s.keyFor(1)).toEqual({ keyId: RFC8037_KID });
    expect(s.jwks()).toEqual({
      keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: RFC8037_KID, alg: 'EdDSA', use: 'sig' }],
    });
    expect(s.publicKeyPem(RFC8037_KID)).toBe('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n');
    expect(s.publicKeyPem('no-such-key')).toBeNull();
    expect(() => s.requirePublicKeyPem('no-such-key')).toThrow(expect.objectContaining({ code: 'signing-key-not-found', status: 404 }));
  });

  it('signs raw Ed25519 signatures of 64 bytes, as RFC 8037 computes them, and verifies them', async () => {
    const s = await service(signer(RFC8037));
    const { keyId, signature } = s.sign(bytes(RFC8037_INPUT), 7);
    expect(keyId).toBe(RFC8037_KID);
    expect(signature.toString('base64url')).toBe(RFC8037_SIGNATURE);
    expect(s.verify(bytes(RFC8037_INPUT), signature, RFC8037_KID)).toBe(true);
    const flipped = Buffer.from(signature);
    flipped[10]! ^= 1;
    expect(s.verify(bytes(RFC8037_INPUT), flipped, RFC8037_KID)).toBe(false);
    expect(s.verify(bytes(`${RFC8037_INPUT}.`), signature, RFC8037_KID)).toBe(false);
    expect(s.verify(bytes(RFC8037_INPUT), signature.subarray(0, 63), RFC8037_KID)).toBe(false);
    expect(s.verify(bytes(RFC8037_INPUT), signature, 'unknown')).toBe(false);
  });

  it('makes a compact JWS that jose verifies against the JWK set, kid in the protected header', async () => {
    const s = await service(signer(RFC8037));
    const payload = bytes('{"serial":3}');
    const jws = s.compactJws(payload, 3);
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'EdDSA', kid: RFC8037_KID });
    const verified = await compactVerify(jws, createLocalJWKSet(s.jwks() as never));
    expect(Buffer.from(verified.payload).toString()).toBe('{"serial":3}');
    const [header, body, signature] = jws.split('.');
    const forged = `${header}.${Buffer.from('{"serial":4}').toString('base64url')}.${signature}`;
    await expect(compactVerify(forged, createLocalJWKSet(s.jwks() as never))).rejects.toThrow('signature verification failed');
    expect(body).toBe(Buffer.from(payload).toString('base64url'));
  });

  it('rotates: the old key signs below the new key\'s serial, the new one at and above it, and both stay in the set', async () => {
    const [oldKey, newKey] = [generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('ed25519').privateKey];
    const s = await service(signer(newKey, 100, 'registry-2027'), signer(oldKey, 1));
    const oldId = s.keyFor(1).keyId;
    expect([s.keyFor(99).keyId, s.keyFor(100).keyId, s.keyFor(101).keyId]).toEqual([oldId, 'registry-2027', 'registry-2027']);
    const below = s.sign(bytes('serial 99'), 99);
    const at = s.sign(bytes('serial 100'), 100);
    expect([below.keyId, at.keyId]).toEqual([oldId, 'registry-2027']);
    expect(s.verify(bytes('serial 99'), below.signature, oldId)).toBe(true);
    expect(s.verify(bytes('serial 99'), below.signature, 'registry-2027')).toBe(false);
    expect(s.verify(bytes('serial 100'), at.signature, 'registry-2027')).toBe(true);
    expect(s.jwks().keys.map((k) => k.kid)).toEqual([oldId, 'registry-2027']);
    expect(s.list()).toEqual([
      { keyId: oldId, algorithm: 'EdDSA', fromSerial: 1, toSerial: 99, status: 'retired', links: { pem: `/v1/signing-keys/${oldId}.pem`, jwks: '/.well-known/jwks.json' } },
      { keyId: 'registry-2027', algorithm: 'EdDSA', fromSerial: 100, toSerial: null, status: 'active', links: { pem: '/v1/signing-keys/registry-2027.pem', jwks: '/.well-known/jwks.json' } },
    ]);
    expect(() => s.keyFor(0)).toThrow('No signing key signs serial 0: the first key signs from serial 1');
  });

  it('keeps a retired key that is public only for verifying, and refuses to sign with it', async () => {
    const oldKey = generateKeyPairSync('ed25519').privateKey;
    const old = await service(signer(oldKey, 1));
    const signed = old.sign(bytes('serial 5'), 5);
    const s = await service(retired(oldKey, 1), signer(generateKeyPairSync('ed25519').privateKey, 10));
    expect(s.verify(bytes('serial 5'), signed.signature, signed.keyId)).toBe(true);
    expect(() => s.sign(bytes('serial 5'), 5)).toThrow(`The key ${signed.keyId}, which signs serial 5, is retired (public key only)`);
    expect(() => s.compactJws(bytes('serial 5'), 5)).toThrow('is retired');
  });

  it('refuses a configured key id that is another key\'s thumbprint', async () => {
    await expect(prepareKeys([signer(RFC8037, 1), signer(generateKeyPairSync('ed25519').privateKey, 2, RFC8037_KID)])).rejects.toThrow(
      `Two signing keys have the id ${RFC8037_KID}`,
    );
  });
});

describe('SigningService.load without a configured key', () => {
  const logger = () => {
    const lines: string[] = [];
    return { lines, warn: (line: string) => void lines.push(line) };
  };

  it('makes a development key once (mode 0600), warns naming it, and reuses it on the next start', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'signing-')), 'signing');
    const config = parseConfig({ SIGNING_DEV_KEY_DIR: dir });
    const [first, second] = [logger(), logger()];
    const a = await SigningService.load(config, first as never);
    const b = await SigningService.load(config, second as never);
    const file = join(dir, DEVELOPMENT_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(b.keyFor(1)).toEqual(a.keyFor(1));
    expect(first.lines).toEqual([expect.stringContaining(`signing with the development key ${file} (made now)`)]);
    expect(second.lines).toEqual([expect.stringContaining(`signing with the development key ${file} (made before, reused)`)]);
    for (const line of [...first.lines, ...second.lines]) expect(line).not.toContain('PRIVATE KEY');
  });

  it('makes one key between instances starting together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-'));
    const config = parseConfig({ SIGNING_DEV_KEY_DIR: dir });
    const services = await Promise.all([1, 2, 3, 4].map(() => SigningService.load(config, logger() as never)));
    expect(new Set(services.map((s) => s.keyFor(0).keyId)).size).toBe(1);
  });
});
