import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { canonicalLine } from './canonical-set.js';
import type { PublishedEntry } from '../formats/blocklist-format.js';
import { type FileFormat, writePublication } from './publication-writer.js';

type Ctx = { serial: number };
const listFormat: FileFormat<Ctx> = {
  format: 'domains',
  fileName: 'domains.txt',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['domain'],
  subtrees: true,
  header: (ctx) => `# serial ${ctx.serial}\n`,
  line: (entry) => (entry.kind === 'domain' ? `${entry.value}\n` : ''),
  footer: () => '# end\n',
};
const setFormat: FileFormat<Ctx> = {
  format: 'set',
  fileName: 'set.tsv',
  mediaType: 'text/tab-separated-values; charset=utf-8',
  kinds: ['ipv4', 'domain'],
  subtrees: true,
  header: () => '',
  line: (entry) => canonicalLine(entry),
  footer: () => '',
};
const row = (value: string, kind: PublishedEntry['kind'] = 'domain'): PublishedEntry => ({
  id: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',
  kind,
  value,
  displayValue: value,
  match: 'exact',
  addedSerial: 1,
  addedAt: '2026-12-01T00:00:00Z',
  legalBasis: { en: 'Art. 11(5)', ru: null, kk: null },
  source: { url: null, document: 'decision', readOn: '2026-11-24', confidence: 'verified', demo: false },
  blockedEntity: null,
});
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const batches = [[row('a.example'), row('b.example')], [row('192.0.2.1', 'ipv4')]];
const write = (expected?: Parameters<typeof writePublication>[0]['expected']) =>
  writePublication({
    dir,
    serial: 7,
    formats: [listFormat, setFormat],
    ctx: { serial: 7 },
    read: async (visit) => {
      for (const batch of batches) await visit(batch);
    },
    url: (name) => `/v1/blocklist/7/${name}`,
    expected,
  });

describe('writePublication', () => {
  it('writes every format from one read, hashed, with gzip and brotli beside, in <serial>/ only when complete', async () => {
    const written = await write();
    expect(await readdir(dir)).toEqual(['7']);
    expect((await readdir(join(dir, '7'))).sort()).toEqual(['domains.txt', 'domains.txt.br', 'domains.txt.gz', 'set.tsv', 'set.tsv.br', 'set.tsv.gz']);
    const text = await readFile(join(dir, '7', 'domains.txt'));
    expect(text.toString()).toBe('# serial 7\na.example\nb.example\n# end\n');
    expect(gunzipSync(await readFile(join(dir, '7', 'domains.txt.gz'))).equals(text)).toBe(true);
    expect(brotliDecompressSync(await readFile(join(dir, '7', 'domains.txt.br'))).equals(text)).toBe(true);
    expect(written.files).toEqual([
      { format: 'domains', kinds: ['domain'], mediaType: 'text/plain; charset=utf-8', name: 'domains.txt', sha256: sha256(text), size: text.length, subtrees: true, url: '/v1/blocklist/7/domains.txt' },
      expect.objectContaining({ name: 'set.tsv', kinds: ['domain', 'ipv4'] }),
    ]);
    expect(written.entryCount).toBe(3);
    // The set hash is computed from the rows themselves, and equals the set file's.
    expect(written.setSha256).toBe(written.files[1]!.sha256);
    expect(written.mismatched).toEqual([]);
  });

  it('leaves out a file rendered again that differs from the manifest, and keeps the others', async () => {
    const first = await write();
    await rm(join(dir, '7'), { recursive: true });
    const expected = first.files.map((f) => (f.name === 'domains.txt' ? { ...f, sha256: '0'.repeat(64) } : f));
    const again = await write(expected);
    expect(again.mismatched).toEqual(['domains.txt']);
    expect((await readdir(join(dir, '7'))).sort()).toEqual(['set.tsv', 'set.tsv.br', 'set.tsv.gz']);
  });

  it('adds the files rendered again beside those on disk, and removes or replaces none of them', async () => {
    const first = await write();
    const kept = await stat(join(dir, '7', 'domains.txt'));
    await rm(join(dir, '7', 'set.tsv.gz'));
    // Even a manifest this file does not match (a replica never deletes a file it has).
    const expected = first.files.map((f) => (f.name === 'domains.txt' ? { ...f, sha256: '0'.repeat(64) } : f));
    const again = await write(expected);
    expect(again.mismatched).toEqual(['domains.txt']);
    expect((await readdir(join(dir, '7'))).sort()).toEqual(['domains.txt', 'domains.txt.br', 'domains.txt.gz', 'set.tsv', 'set.tsv.br', 'set.tsv.gz']);
    const after = await stat(join(dir, '7', 'domains.txt'));
    expect([after.ino, after.mtimeMs]).toEqual([kept.ino, kept.mtimeMs]);
    expect((await readdir(dir)).sort()).toEqual(['7']);
  });

  it('leaves nothing behind when the read fails half-way', async () => {
    await expect(
      writePublication({
        dir,
        serial: 8,
        formats: [listFormat],
        ctx: { serial: 8 },
        read: async (visit) => {
          await visit([row('a.example')]);
          throw new Error('connection lost');
        },
        url: (name) => name,
      }),
    ).rejects.toThrow('connection lost');
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes a large publication through a batch at a time, each awaited (the read waits on full streams)', async () => {
    const big = Array.from({ length: 200 }, (_, b) => Array.from({ length: 500 }, (_, i) => row(`n${b}-${i}.example`)));
    let inFlight = 0;
    let most = 0;
    const written = await writePublication({
      dir,
      serial: 9,
      formats: [listFormat],
      ctx: { serial: 9 },
      read: async (visit) => {
        for (const batch of big) {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await visit(batch);
          inFlight -= 1;
        }
      },
      url: (name) => name,
    });
    expect(most).toBe(1);
    expect(written.entryCount).toBe(100_000);
    expect((await readFile(join(dir, '9', 'domains.txt'))).length).toBe(written.files[0]!.size);
  });
});
