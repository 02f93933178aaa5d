// Writes one publication's files from one ordered read of its entries: every format at once, each file hashed as it is
// written and compressed beside it (`.gz`, `.br`; zlib works off the event loop), with stream backpressure obeyed,
// into `<dir>/<serial>.tmp/`, renamed to `<dir>/<serial>/` only once every file is complete and on disk.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { canonicalLine } from './canonical-set.js';
import type { PublicationFile } from './publication.entity.js';
import type { PublishedEntry } from '../formats/blocklist-format.js';

/** The part of a format the writer uses (src/blocklist/formats/ defines the whole contract). */
export interface FileFormat<Context> {
  format: string;
  fileName: string;
  mediaType: string;
  kinds: readonly string[];
  subtrees: boolean;
  note?: string;
  header(ctx: Context): string;
  line(entry: PublishedEntry, ctx: Context): string;
  footer(ctx: Context): string;
}

export interface WrittenPublication {
  files: PublicationFile[];
  entryCount: number;
  setSha256: string;
  /** With `expected`: the files whose bytes differ from the manifest's, left out of the folder. */
  mismatched: string[];
}

/**
 * Compression levels: every file is compressed twice while the publication is written, on the same cores that answer
 * checks (a million entries make 925 MiB of files). On a 33 MB NDJSON sample on this project's 2-core machine,
 * brotli's quality 4 ran at 97 MB/s against 52 for quality 5, gzip's level 4 at 154 against 143 for the default 6;
 * brotli 11 or gzip 9 would take minutes. Downloads of whole files are rare (deltas carry the changes).
 */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 4;

class OutputFile {
  private readonly hash: Hash = createHash('sha256');
  private size = 0;
  private readonly sinks: Writable[];
  private readonly files: WriteStream[];
  /**
   * The first error of any of its streams (a full disk, a write after destroy()): without a listener a stream's error
   * event ends the process, as it did when the database went away in the middle of a render (destroy() while a
   * compressed write was still pending). It fails the write or close under way, and every one after.
   */
  private failure: Error | null = null;
  private readonly failed = new AbortController();

  constructor(path: string) {
    // `flush`: each file is fsynced before it closes, so a rename never points at bytes still in the page cache.
    const file = (suffix: string) => createWriteStream(path + suffix, { flush: true });
    const raw = file('');
    const gzipped = file('.gz');
    const brotli = file('.br');
    const gzip = createGzip({ level: GZIP_LEVEL });
    const br = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
    gzip.pipe(gzipped);
    br.pipe(brotli);
    this.sinks = [raw, gzip, br];
    this.files = [raw, gzipped, brotli];
    for (const stream of [raw, gzipped, brotli, gzip, br] as Writable[]) {
      stream.on('error', (error: Error) => {
        this.failure ??= error;
        this.failed.abort(error);
      });
    }
  }

  /** Resolves when every sink can take more (backpressure). */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (text.length === 0) return;
    const bytes = Buffer.from(text, 'utf8');
    this.hash.update(bytes);
    this.size += bytes.length;
    const full = this.sinks.filter((sink) => !sink.write(bytes));
    await Promise.all(full.map((sink) => once(sink, 'drain', { signal: this.failed.signal }))).catch((error: unknown) => {
      throw this.failure ?? error;
    });
  }

  async close(): Promise<{ sha256: string; size: number }> {
    if (this.failure) throw this.failure;
    for (const sink of this.sinks) sink.end();
    await Promise.all(this.files.map((file) => once(file, 'close', { signal: this.failed.signal }))).catch((error: unknown) => {
      throw this.failure ?? error;
    });
    if (this.failure) throw this.failure;
    return { sha256: this.hash.digest('hex'), size: this.size };
  }

  destroy(): void {
    for (const stream of [...this.sinks, ...this.files]) stream.destroy();
  }
}

export interface WriteOptions<Context> {
  dir: string;
  serial: number;
  formats: readonly FileFormat<Context>[];
  ctx: Context;
  /** One ordered read of the entries in force (canonical order), a batch at a time; awaits `visit`. */
  read(visit: (rows: PublishedEntry[]) => Promise<void>): Promise<void>;
  /** The URL of a file, as the manifest gives it. */
  url(name: string): string;
  /**
   * The files a manifest already lists (a replica rendering files of a publication again): each rendered file that
   * matches is moved into the publication's folder beside the files already there, which are never removed; a file
   * whose bytes differ is left out.
   */
  expected?: readonly PublicationFile[];
}

/** The rendered files whose bytes differ from the manifest's (or that it does not list). */
function mismatches(files: PublicationFile[], expected: readonly PublicationFile[]): string[] {
  return files
    .filter((got) => {
      const want = expected.find((f) => f.name === got.name);
      return !want || want.sha256 !== got.sha256 || want.size !== got.size;
    })
    .map((f) => f.name);
}

const SUFFIXES = ['', '.gz', '.br'];

/** Moves each file of `names` (and its compressed copies) from `temporary` into `final` where `final` lacks it. */
async function addFiles(temporary: string, final: string, names: string[]): Promise<void> {
  await mkdir(final, { recursive: true });
  for (const name of names) {
    for (const suffix of SUFFIXES) {
      const target = join(final, name + suffix);
      if (!(await access(target).then(() => true, () => false))) await rename(join(temporary, name + suffix), target);
    }
  }
  await rm(temporary, { recursive: true, force: true });
}

/**
 * Deletes from `dir` the folders of publications not in `keep` and the `<serial>.tmp/` folders a crash left: all of
 * them (`temporaries: 'all'`, at start, when nothing is being written), or those of serials not in `keep` (after a
 * publication, while a render of a kept one may be under way). Returns the names it deleted.
 */
export async function tidyPublications(dir: string, keep: ReadonlySet<number>, temporaries: 'all' | 'unkept'): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const folder = /^(0|[1-9][0-9]*)(\.tmp)?$/.exec(name);
    if (!folder) continue;
    const kept = keep.has(Number(folder[1]));
    if (folder[2] ? temporaries === 'all' || !kept : !kept) {
      await rm(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** The folder of a publication's files, and the one it is written in before it is complete. */
export const publicationFolder = (dir: string, serial: number): string => join(dir, String(serial));

export async function writePublication<Context>(options: WriteOptions<Context>): Promise<WrittenPublication> {
  const { dir, serial, formats, ctx } = options;
  const final = publicationFolder(dir, serial);
  const temporary = `${final}.tmp`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  const outputs = formats.map((format) => new OutputFile(join(temporary, format.fileName)));
  const setHash = createHash('sha256');
  let entryCount = 0;
  try {
    await Promise.all(formats.map((format, i) => outputs[i]!.write(format.header(ctx))));
    await options.read(async (rows) => {
      entryCount += rows.length;
      let set = '';
      for (const row of rows) set += canonicalLine(row);
      setHash.update(set);
      await Promise.all(
        formats.map((format, i) => {
          let text = '';
          for (const row of rows) text += format.line(row, ctx);
          return outputs[i]!.write(text);
        }),
      );
    });
    await Promise.all(formats.map((format, i) => outputs[i]!.write(format.footer(ctx))));
    const written = await Promise.all(outputs.map((output) => output.close()));
    const files: PublicationFile[] = formats.map((format, i) => ({
      format: format.format,
      kinds: [...format.kinds].sort(),
      mediaType: format.mediaType,
      name: format.fileName,
      ...(format.note ? { note: format.note } : {}),
      sha256: written[i]!.sha256,
      size: written[i]!.size,
      subtrees: format.subtrees,
      url: options.url(format.fileName),
    }));
    const mismatched = options.expected ? mismatches(files, options.expected) : [];
    if (options.expected) {
      await addFiles(temporary, final, files.map((f) => f.name).filter((name) => !mismatched.includes(name)));
    } else {
      // A first render: a folder left by a publication that crashed before its row committed is replaced whole.
      await rm(final, { recursive: true, force: true });
      await rename(temporary, final);
    }
    return { files: files.sort((a, b) => (a.name < b.name ? -1 : 1)), entryCount, setSha256: setHash.digest('hex'), mismatched };
  } catch (error) {
    for (const output of outputs) output.destroy();
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
