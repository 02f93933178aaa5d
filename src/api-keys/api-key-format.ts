// Key strings: `kzr_<id>_<secret><checksum>`. The fixed prefix and the CRC32 checksum let secret scanners recognise a
// leaked key offline (as GitHub's tokens do); the id is public and indexes the row; the secret is 256 random bits.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const KEY_PREFIX = 'kzr_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_LENGTH = 12;
/** 62^43 > 2^256: 43 base62 digits hold 256 bits. */
const SECRET_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const KEY_PATTERN = /^kzr_([a-z2-7]{12})_([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;

function base62(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
}

function checksum(body: string): string {
  return base62(BigInt(crc32(body)), CHECKSUM_LENGTH);
}

export interface GeneratedKey {
  id: string;
  /** The whole key, shown once. */
  key: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateKey(id = newKeyId()): GeneratedKey {
  const secret = base62(BigInt(`0x${randomBytes(32).toString('hex')}`), SECRET_LENGTH);
  const body = `${KEY_PREFIX}${id}_${secret}`;
  return { id, key: `${body}${checksum(body)}`, secretHash: hashSecret(secret) };
}

export function newKeyId(): string {
  return Array.from(randomBytes(ID_LENGTH), (b) => BASE32[b % 32]).join('');
}

/** The id and secret of a well-formed key with a valid checksum; null for anything else. */
export function parseKey(key: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const [, id, secret, sum] = match as unknown as [string, string, string, string];
  if (checksum(`${KEY_PREFIX}${id}_${secret}`) !== sum) return null;
  return { id, secret };
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
