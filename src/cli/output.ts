// Plain-text output for people: aligned tables, short dates, grouped numbers. Results go to stdout, the rest to stderr.
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** 100000 → "100,000": operators read counts, not parse them. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 row", "2,000 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "2026-11-24 09:00Z"; `never` (or the given word) for null. */
export function shortDate(iso: string | null, none = '-'): string {
  if (!iso) return none;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/** Columns padded to the widest cell; the last column is not padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Writes the whole file or nothing: a half-written export must never look like a complete one. */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, content, { mode: 0o644 });
  await rename(temporary, path);
}

/** Resolves once everything written so far has been handed to the OS (before process.exit cuts a pipe short). */
export function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
