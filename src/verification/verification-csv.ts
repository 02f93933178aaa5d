// A batch as a bank's spreadsheet has it: CSV in (one row per counterparty, a header naming the columns), CSV out.
import { CsvError, parse } from 'csv-parse/sync';
import Negotiator from 'negotiator';
import { stringify } from 'csv-stringify/sync';
import type { FieldProblem } from '../platform/http/problem.js';
import type { VerificationResultDto } from './verification.dto.js';

/** The columns a batch upload may have; `reference` is required, the others may be left out or empty. */
export const CSV_COLUMNS = ['reference', 'bin', 'lei', 'licenceNumber', 'name', 'domain', 'asOf'] as const;
const KNOWN = new Set<string>(CSV_COLUMNS);

export const CSV_RESULT_COLUMNS = [
  'reference',
  'status',
  'asOf',
  'score',
  'matchKind',
  'matchId',
  'matchName',
  'licences',
  'message',
  'errors',
] as const;

export class CsvInputError extends Error {
  constructor(readonly problem: FieldProblem) {
    super(String(problem.messages[0]));
  }
}

/**
 * The rows of an uploaded batch, each as the fields it fills (an empty cell is a field not given). Throws a
 * CsvInputError naming the line for what cannot be read: a broken quote, a row with the wrong number of cells, a
 * header without `reference` or with a column that is not one of CSV_COLUMNS (or twice the same).
 */
export function parseVerificationCsv(text: string): Record<string, string>[] {
  let rows: string[][];
  // Lines counted on LF alone (csv-parse counts CR and LF of a CRLF apart inside a quoted cell), and the last record
  // read kept, so a record that cannot be read is named by the line it starts on.
  let lastRecordLine = 0;
  try {
    rows = parse(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), {
      skip_empty_lines: true,
      relax_column_count: false,
      on_record: (record: string[], context: { lines: number }) => {
        lastRecordLine = context.lines;
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CsvInputError({ field: 'body', messages: [`The CSV cannot be read at line ${lastRecordLine + 1}: ${error.message}`] });
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) throw new CsvInputError({ field: 'body', messages: ['The CSV is empty: the first line must name the columns (reference, bin, lei, licenceNumber, name, domain, asOf)'] });
  const columns = header.map((c) => c.trim());
  const unknown = columns.filter((c) => !KNOWN.has(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (!columns.includes('reference') || unknown.length > 0 || repeated.length > 0) {
    const what = [
      !columns.includes('reference') ? 'it has no reference column' : null,
      unknown.length > 0 ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}` : null,
      repeated.length > 0 ? `column ${JSON.stringify(repeated[0])} appears twice` : null,
    ].filter(Boolean);
    throw new CsvInputError({
      field: 'header',
      messages: [`The CSV header (line 1) is wrong: ${what.join('; ')}. Columns: ${CSV_COLUMNS.join(', ')} (reference required)`],
    });
  }
  return body.map((cells) => {
    const item: Record<string, string> = {};
    columns.forEach((column, i) => {
      const cell = cells[i] ?? '';
      if (cell.trim() !== '') item[column] = cell;
    });
    return item;
  });
}

/** The results as CSV, one row per item in the order sent (licences as `number:status` joined by `;`). */
export function stringifyVerificationCsv(results: readonly VerificationResultDto[]): string {
  return stringify(
    results.map((r) => ({
      reference: r.reference ?? '',
      status: r.status,
      asOf: r.asOf ?? '',
      score: r.score,
      matchKind: r.match?.kind ?? '',
      matchId: r.match?.id ?? '',
      matchName: r.match?.name ?? '',
      licences: (r.match?.licences ?? []).map((l) => `${l.number}:${l.status ?? 'not-granted'}`).join(';'),
      message: r.message,
      errors: (r.errors ?? []).map((e) => `${e.field}: ${e.messages.join(' ')}`).join(' | '),
    })),
    { header: true, columns: [...CSV_RESULT_COLUMNS] },
  );
}

/** Whether `Accept` asks for CSV over JSON (JSON when it names neither, or nothing). */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/csv']) === 'text/csv';
}
