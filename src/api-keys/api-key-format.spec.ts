import { describe, expect, it } from '@jest/globals';
import { generateKey, hashSecret, KEY_PATTERN, parseKey, secretMatches } from './api-key-format.js';

describe('API key format', () => {
  it('makes recognisable keys with 256-bit secrets, and stores only a SHA-256 of the secret', () => {
    const { id, key, secretHash } = generateKey();
    expect(key).toMatch(KEY_PATTERN);
    expect(key.startsWith(`kzr_${id}_`)).toBe(true);
    const parsed = parseKey(key);
    expect(parsed?.id).toBe(id);
    expect(parsed?.secret).toHaveLength(43);
    expect(secretHash).toBe(hashSecret(parsed!.secret));
    expect(secretHash).not.toContain(parsed!.secret);
  });

  it('never makes the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateKey().key));
    expect(keys.size).toBe(200);
  });

  it('rejects a key whose checksum does not match (a typo or a forgery) without a database lookup', () => {
    const { key } = generateKey();
    const flipped = key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);
    expect(parseKey(flipped)).toBeNull();
    expect(parseKey(key.slice(0, -1))).toBeNull();
    expect(parseKey(`Bearer ${key}`)).toBeNull();
    expect(parseKey('')).toBeNull();
  });

  it('compares secrets against the stored hash', () => {
    const { key, secretHash } = generateKey();
    const { secret } = parseKey(key)!;
    expect(secretMatches(secret, secretHash)).toBe(true);
    // Change the last character to one it certainly is not (a fixed `x` would be a no-op for 1 secret in 62).
    const other = secret.endsWith('x') ? 'y' : 'x';
    expect(secretMatches(`${secret.slice(0, -1)}${other}`, secretHash)).toBe(false);
    expect(secretMatches(secret, 'not-hex')).toBe(false);
  });
});
