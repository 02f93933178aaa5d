// Reads a blocklist CSV (kind,value,match[,blocked_entity_id]) row by row, checking its shape and giving each row, or its
// problem, with the line it is on; the values themselves are judged by the blocklist's one write path. Streamed: a file
// of any size is never held whole.
import { isUUID } from 'class-validator';
import { parse } from 'csv-parse';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ENTRY_KINDS, type EntryKind, MATCH_MODES, type MatchMode } from '../domain-names/entry-kinds.js';
import { CliError } from './cli-errors.js';

export const REQUIRED_COLUMNS = ['kind', 'value', 'match'] as const;
export const OPTIONAL_COLUMNS = ['blocked_entity_id'] as const;
/** Written by `blocklist export`, read back without complaint so an export can be imported elsewhere. */
const IGNORED_COLUMNS = ['added_serial'] as const;
const MAX_VALUE_LENGTH = 2048;
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface EntryRow {
  /** Line in the file where the row starts (the header is line 1). */
  line: number;
  kind: EntryKind;
  /** As written (trimmed): the blocklist's write path canonicalises and judges it, as for the admin API. */
  input: string;
  match: MatchMode;
  blockedEntityId: string | null;
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface BlocklistCsv {
  /** Every data row, or its problem, in the file's order, as it is read. */
  rows: AsyncIterable<EntryRow | RowProblem>;
  /** The file's SHA-256 (hex), once `rows` has been read to the end. */
  sha256(): string;
}

/** Validates records one at a time (the first is the header); pure, so it is tested without files. */
export class BlocklistCsvValidator {
  private columns: Map<string, number> | null = null;
  private width = 0;

  /** Throws CliError when the header is unusable: no row could be read. */
  header(cells: string[]): void {
    const names = cells.map((c) => c.trim().toLowerCase());
    const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...IGNORED_COLUMNS]);
    const expected = `expected the header ${REQUIRED_COLUMNS.join(',')}[,${OPTIONAL_COLUMNS.join(',')}]`;
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new CliError(`line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; ${expected}.`);
    }
    const missing = REQUIRED_COLUMNS.filter((n) => !names.includes(n));
    if (missing.length > 0) throw new CliError(`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ${expected}.`);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    if (repeated.length > 0) throw new CliError(`line 1: column ${repeated[0]} appears more than once.`);
    this.columns = new Map(names.map((n, i) => [n, i]));
    this.width = names.length;
  }

  row(cells: string[], line: number): EntryRow | RowProblem {
    if (!this.columns) throw new Error('header() must come first');
    // Spreadsheets add empty trailing cells, and people leave off empty optional ones; anything else is a mistake.
    while (cells.length > this.width && cells.at(-1)?.trim() === '') cells = cells.slice(0, -1);
    const needed = Math.max(...REQUIRED_COLUMNS.map((n) => this.columns!.get(n)!)) + 1;
    if (cells.length > this.width || cells.length < needed) {
      return { line, message: `expected ${this.width} columns (${[...this.columns.keys()].join(',')}), found ${cells.length}.` };
    }
    const cell = (name: string) => {
      const index = this.columns!.get(name);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const messages: string[] = [];
    const kind = cell('kind').toLowerCase();
    const match = cell('match').toLowerCase();
    const input = cell('value');
    const blockedEntityId = cell('blocked_entity_id') || null;

    const kindOk = (ENTRY_KINDS as readonly string[]).includes(kind);
    if (!kindOk) messages.push(`kind ${kind ? `"${kind}"` : 'is empty; it'} must be one of ${ENTRY_KINDS.join(', ')}.`);
    if (!(MATCH_MODES as readonly string[]).includes(match)) {
      messages.push(`match ${match ? `"${match}"` : 'is empty; it'} must be one of ${MATCH_MODES.join(', ')}.`);
    } else if (kindOk && match === 'subtree' && kind !== 'domain' && kind !== 'url') {
      messages.push(`match must be exact for ${kind} entries (subtree applies to domains and URLs).`);
    }
    if (blockedEntityId && !isUUID(blockedEntityId)) messages.push(`blocked_entity_id "${blockedEntityId}" is not a UUID.`);

    if (!input) messages.push('value is empty.');
    else if (input.length > MAX_VALUE_LENGTH) messages.push(`value is longer than ${MAX_VALUE_LENGTH} characters.`);
    else if (CONTROL.test(input)) messages.push('value contains a line break, tab or other control character.');
    if (messages.length > 0) return { line, message: messages.join(' ') };
    return { line, kind: kind as EntryKind, input, match: match as MatchMode, blockedEntityId };
  }

  finish(): void {
    if (!this.columns) throw new CliError('the file is empty: expected a header line kind,value,match.');
  }
}

/** Roughly how many data rows a file has (newlines, less the header), for a progress total; fast even at 100 MB. */
export async function estimateRows(path: string): Promise<number> {
  let newlines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) newlines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return Math.max(0, newlines + (last === 0x0a ? 0 : 1) - 1);
}

export async function checkReadable(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`${path} is not a file.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(`${path}: no such file.`);
    if (code === 'EACCES') throw new CliError(`${path}: permission denied.`);
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * Streams the file through the validator, one row at a time as the reader takes them (csv-parse's backpressure holds
 * the file's reading back meanwhile), hashing the bytes as they are read. The file is checked to be readable first.
 */
export async function readBlocklistCsv(path: string): Promise<BlocklistCsv> {
  await checkReadable(path);
  const hash = createHash('sha256');
  let digest: string | null = null;
  async function* rows(): AsyncGenerator<EntryRow | RowProblem> {
    const validator = new BlocklistCsvValidator();
    const file = createReadStream(path, { highWaterMark: 1 << 16 });
    file.on('data', (chunk) => hash.update(chunk));
    const parser = file.pipe(parse({ bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
    let first = true;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // info.lines is where the record ends; a quoted value may span lines, and the operator looks for its start.
        const line = info.lines - record.reduce((n, cell) => n + (cell.includes('\n') ? (cell.match(/\n/g)?.length ?? 0) : 0), 0);
        if (first) {
          first = false;
          validator.header(record);
          continue;
        }
        yield validator.row(record, line);
      }
    } catch (error) {
      if (error instanceof CliError) throw new CliError(`${path}, ${error.message}`);
      const where = (error as { lines?: number }).lines;
      throw new CliError(`${path}${where ? `, line ${where}` : ''}: not readable as CSV: ${(error as Error).message}`);
    } finally {
      file.destroy();
    }
    try {
      validator.finish();
    } catch (error) {
      if (error instanceof CliError) throw new CliError(`${path}: ${error.message}`);
      throw error;
    }
    digest = hash.digest('hex');
  }
  return {
    rows: rows(),
    sha256: () => {
      if (digest === null) throw new Error('the file has not been read to its end');
      return digest;
    },
  };
}
