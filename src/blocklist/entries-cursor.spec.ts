import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './entries-cursor.js';

describe('entries cursor', () => {
  const cursor = { serial: 42, kind: 'domain' as const, afterSerial: 7, afterId: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170' };

  it('reads back what it wrote, in URL-safe characters', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ ...cursor, kind: null }))).toEqual({ ...cursor, kind: null });
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{x').toString('base64url')],
    ['another version', Buffer.from('{"v":2,"s":1,"k":null,"a":1,"i":"5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"}').toString('base64url')],
    ['a key after its serial', Buffer.from('{"v":1,"s":1,"k":null,"a":2,"i":"5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"}').toString('base64url')],
    ['an unknown kind', Buffer.from('{"v":1,"s":1,"k":"asn","a":1,"i":"5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"}').toString('base64url')],
    ['a bad id', Buffer.from('{"v":1,"s":1,"k":null,"a":1,"i":"x"}').toString('base64url')],
    ['empty', ''],
  ])('refuses %s', (_why, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
