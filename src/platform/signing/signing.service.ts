import { Injectable, Logger } from '@nestjs/common';
import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { AppConfig } from '../../config/app-config.js';
import type { ConfiguredSigningKey } from '../../config/signing-keys.js';
import { developmentKey } from './development-key.js';
import { SigningKeyNotFoundError } from './signing.errors.js';

/** Where the JWK set is served (RFC 8615 well-known path, outside the versioned API). */
export const JWKS_PATH = '/.well-known/jwks.json';

/** An Ed25519 public key as a JWK (RFC 8037), as the JWK set serves it. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** A key of the keyring as the service holds it: its public forms made once, at start. */
export interface SigningKey {
  keyId: string;
  fromSerial: number;
  /** The last serial it signs (the next key's fromSerial - 1); null for the newest, which signs on. */
  toSerial: number | null;
  publicKey: KeyObject;
  privateKey?: KeyObject;
  jwk: PublicJwk;
  pem: string;
}

export type SigningKeyStatus = 'active' | 'retired';

export interface SigningKeyInfo {
  keyId: string;
  algorithm: 'EdDSA';
  fromSerial: number;
  toSerial: number | null;
  status: SigningKeyStatus;
  links: { pem: string; jwks: string };
}

const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');

/**
 * Ed25519 signatures over bytes, by the key that signs the serial they belong to: raw 64-byte signatures (what
 * `openssl pkeyutl -verify -rawin` checks), compact JWS (RFC 7515, `alg: EdDSA` of RFC 8037) for libraries, and the
 * public keys as a JWK set and PEM. A rotation adds a key that signs from a later serial; the older keys stay in the
 * set so everything they signed still verifies. Private keys never leave this class.
 */
@Injectable()
export class SigningService {
  private readonly byId: ReadonlyMap<string, SigningKey>;

  /** `keys` sorted by fromSerial, ids unique; built by `SigningService.load` (or a test). */
  constructor(private readonly keys: readonly SigningKey[]) {
    this.byId = new Map(keys.map((k) => [k.keyId, k]));
  }

  /** The configured keyring, or outside production a development key made once in SIGNING_DEV_KEY_DIR and reused. */
  static async load(config: AppConfig, logger = new Logger(SigningService.name)): Promise<SigningService> {
    let configured = config.signingKeys;
    if (configured === undefined) {
      // parseConfig refuses production without a key; this is a second lock on the same door.
      if (config.NODE_ENV === 'production') throw new Error('NODE_ENV=production needs a signing key (SIGNING_KEY_FILE or SIGNING_KEYS_FILE)');
      const dev = await developmentKey(config.SIGNING_DEV_KEY_DIR);
      logger.warn(
        `No signing key configured (SIGNING_KEY_FILE or SIGNING_KEYS_FILE): signing with the development key ${dev.file} (${dev.created ? 'made now' : 'made before, reused'}). Publications it signs are for development only.`,
      );
      configured = [{ fromSerial: 0, privateKey: dev.privateKey, publicKey: createPublicKey(dev.privateKey), source: dev.file }];
    }
    return new SigningService(await prepareKeys(configured));
  }

  /** The key that signs at this serial (retired or not). Throws when no key's range holds the serial. */
  keyFor(serial: number): { keyId: string } {
    return { keyId: this.keyAt(serial).keyId };
  }

  /** A raw Ed25519 signature (64 bytes) of `bytes` by the key of `serial`. */
  sign(bytes: Uint8Array, serial: number): { keyId: string; signature: Buffer } {
    const key = this.keyAt(serial);
    if (!key.privateKey) {
      throw new Error(`The key ${key.keyId}, which signs serial ${serial}, is retired (public key only): it verifies, it no longer signs`);
    }
    return { keyId: key.keyId, signature: sign(null, bytes, key.privateKey) };
  }

  /** `bytes` as a compact JWS (payload attached), signed by the key of `serial`, `kid` in the protected header. */
  compactJws(bytes: Uint8Array, serial: number): string {
    const { keyId } = this.keyFor(serial);
    const signingInput = `${b64url(JSON.stringify({ alg: 'EdDSA', kid: keyId }))}.${b64url(bytes)}`;
    return `${signingInput}.${b64url(this.sign(Buffer.from(signingInput, 'ascii'), serial).signature)}`;
  }

  /** Whether `signature` is the key `keyId`'s Ed25519 signature of `bytes`; false for an unknown key. */
  verify(bytes: Uint8Array, signature: Uint8Array, keyId: string): boolean {
    const key = this.byId.get(keyId);
    if (!key || signature.length !== 64) return false;
    return verify(null, bytes, key.publicKey, signature);
  }

  /** Every key, retired ones too (RFC 7517 JWK set). */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.map((k) => ({ ...k.jwk })) };
  }

  /** The SPKI PEM public key of `keyId`, or null. */
  publicKeyPem(keyId: string): string | null {
    return this.byId.get(keyId)?.pem ?? null;
  }

  /** As publicKeyPem, for a route: an unknown id is a 404 problem. */
  requirePublicKeyPem(keyId: string): string {
    const pem = this.publicKeyPem(keyId);
    if (pem === null) throw new SigningKeyNotFoundError(keyId);
    return pem;
  }

  /** The keyring, oldest first: the newest key is `active` (it signs new serials), the others `retired`. */
  list(): SigningKeyInfo[] {
    return this.keys.map((k, i) => ({
      keyId: k.keyId,
      algorithm: 'EdDSA',
      fromSerial: k.fromSerial,
      toSerial: k.toSerial,
      status: i === this.keys.length - 1 ? 'active' : 'retired',
      links: { pem: `/v1/signing-keys/${k.keyId}.pem`, jwks: JWKS_PATH },
    }));
  }

  private keyAt(serial: number): SigningKey {
    if (!Number.isSafeInteger(serial) || serial < 0) throw new Error(`Not a serial: ${serial}`);
    const key = this.keys.findLast((k) => k.fromSerial <= serial);
    if (!key) throw new Error(`No signing key signs serial ${serial}: the first key signs from serial ${this.keys[0]?.fromSerial}`);
    return key;
  }
}

/** The public forms of each key (JWK, thumbprint id, PEM) and the ranges of serials they sign. */
export async function prepareKeys(configured: readonly ConfiguredSigningKey[]): Promise<SigningKey[]> {
  const sorted = [...configured].sort((a, b) => a.fromSerial - b.fromSerial);
  const keys = await Promise.all(
    sorted.map(async (k, i): Promise<SigningKey> => {
      const { x } = await exportJWK(k.publicKey);
      const keyId = k.keyId ?? (await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256'));
      const next = sorted[i + 1];
      return {
        keyId,
        fromSerial: k.fromSerial,
        toSerial: next ? next.fromSerial - 1 : null,
        publicKey: k.publicKey,
        ...(k.privateKey ? { privateKey: k.privateKey } : {}),
        jwk: { kty: 'OKP', crv: 'Ed25519', x: x!, kid: keyId, alg: 'EdDSA', use: 'sig' },
        pem: k.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      };
    }),
  );
  const ids = keys.map((k) => k.keyId);
  const clash = ids.find((id, i) => ids.indexOf(id) !== i);
  if (clash !== undefined) throw new Error(`Two signing keys have the id ${clash}: a configured keyId equals another key's thumbprint; rename it`);
  return keys;
}
