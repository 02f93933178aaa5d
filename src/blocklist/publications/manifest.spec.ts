import { describe, expect, it } from '@jest/globals';
import { isoSeconds, type Manifest, MANIFEST_TYPE, manifestBytes, parseManifest } from './manifest.js';

const manifest: Manifest = {
  auditHash: 'a'.repeat(64),
  auditSeq: '123',
  entryCount: 2,
  expiresAt: '2026-12-03T01:00:00Z',
  files: [
    { format: 'set', kinds: ['domain'], mediaType: 'text/plain; charset=utf-8', name: 'set.tsv', sha256: 'b'.repeat(64), size: 10, subtrees: true, url: '/v1/blocklist/42/set.tsv' },
    { format: 'rpz', kinds: ['domain'], mediaType: 'text/dns', name: 'blocklist.rpz', sha256: 'c'.repeat(64), size: 20, subtrees: true, url: '/v1/blocklist/42/blocklist.rpz' },
  ],
  keyId: 'kid',
  minPollSeconds: 60,
  previousManifestSha256: null,
  previousSerial: null,
  publishedAt: '2026-12-02T01:00:00Z',
  serial: 42,
  setSha256: 'd'.repeat(64),
  type: MANIFEST_TYPE,
  version: 1,
};

describe('manifest', () => {
  it('is canonical JSON with sorted keys, files by name, no trailing newline', () => {
    const text = manifestBytes(manifest).toString('utf8');
    expect(text.startsWith('{"auditHash":"aaaa')).toBe(true);
    expect(text.indexOf('"blocklist.rpz"')).toBeLessThan(text.indexOf('"set.tsv"'));
    expect(text).toContain('"previousManifestSha256":null,"previousSerial":null,"publishedAt":"2026-12-02T01:00:00Z","serial":42,');
    expect(text.endsWith('"version":1}')).toBe(true);
    // A shell can pick a flat key with sed.
    expect(/"serial":([0-9]+)/.exec(text)?.[1]).toBe('42');
  });

  it('reads back what it wrote, and refuses what is not a manifest', () => {
    expect(parseManifest(manifestBytes(manifest))?.serial).toBe(42);
    expect(parseManifest(Buffer.from('{"type":"other"}'))).toBeNull();
    expect(parseManifest(Buffer.from('not json'))).toBeNull();
  });

  it('writes times to the second with Z', () => {
    expect(isoSeconds(new Date('2026-12-02T01:00:00.999Z'))).toBe('2026-12-02T01:00:00Z');
  });
});
