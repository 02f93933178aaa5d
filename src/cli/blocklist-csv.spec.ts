import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { type EntryRow, BlocklistCsvValidator, estimateRows, readBlocklistCsv, type RowProblem } from './blocklist-csv.js';
import { CliError } from './cli-errors.js';

function split(results: (EntryRow | RowProblem)[]) {
  return {
    total: results.length,
    rows: results.filter((r): r is EntryRow => !('message' in r)),
    problems: results.filter((r): r is RowProblem => 'message' in r),
  };
}

function validate(lines: string[][]) {
  const v = new BlocklistCsvValidator();
  v.header(lines[0]!);
  const results = lines.slice(1).map((cells, i) => v.row(cells, i + 2));
  v.finish();
  return split(results);
}

describe('BlocklistCsvValidator', () => {
  it('canonicalises values and keeps the line of every row', () => {
    const csv = validate([
      ['kind', 'value', 'match'],
      ['domain', 'Fake-Exchange.KZ.', 'subtree'],
      ['CIDR', '203.0.113.0/24', 'Exact'],
    ]);
    expect(csv.problems).toEqual([]);
    expect(csv.rows).toEqual([
      { line: 2, kind: 'domain', input: 'Fake-Exchange.KZ.', match: 'subtree', blockedEntityId: null },
      { line: 3, kind: 'cidr', input: '203.0.113.0/24', match: 'exact', blockedEntityId: null },
    ]);
  });

  it('reports every row of the wrong shape with its line, and leaves the values to the write path', () => {
    const csv = validate([
      ['kind', 'value', 'match', 'blocked_entity_id'],
      ['domain', 'not a domain', 'exact', ''],
      ['ipv4', '192.0.2.1', 'subtree', ''],
      ['ipv4', '1.2.3', 'exact', ''],
      ['bogus', 'x', 'exact', ''],
      ['domain', 'ok.example', 'exact', 'not-a-uuid'],
      ['domain', 'OK2.example', 'exact'],
      ['domain', 'ok2.example.', 'exact', ''],
      ['domain', 'x.example', 'exact', '', 'surplus'],
      ['domain', 'x.example'],
    ]);
    expect(csv.total).toBe(9);
    // Values (an invalid name, a short IPv4, a duplicate in another spelling) are judged by BlocklistAdminService.plan,
    // the same method the admin API uses (entry-plan.spec.ts).
    expect(csv.rows.map((r) => [r.line, r.input])).toEqual([
      [2, 'not a domain'],
      [4, '1.2.3'],
      [7, 'OK2.example'],
      [8, 'ok2.example.'],
    ]);
    expect(csv.problems.map((p) => p.line)).toEqual([3, 5, 6, 9, 10]);
    expect(csv.problems[0]!.message).toContain('match must be exact for ipv4');
    expect(csv.problems[1]!.message).toContain('kind "bogus"');
    expect(csv.problems[2]!.message).toContain('not a UUID');
    expect(csv.problems[3]!.message).toContain('expected 4 columns');
    expect(csv.problems[4]!.message).toContain('expected 4 columns');
  });

  it('tolerates empty trailing cells and reads back its own export (added_serial is ignored)', () => {
    const csv = validate([
      ['kind', 'value', 'match', 'blocked_entity_id', 'added_serial'],
      ['domain', 'a.example', 'exact', '', '3', '', ''],
    ]);
    expect(csv.problems).toEqual([]);
    expect(csv.rows).toHaveLength(1);
  });

  it('refuses a header it cannot read, naming the column', () => {
    const v = new BlocklistCsvValidator();
    expect(() => v.header(['kind', 'valeu', 'match'])).toThrow(/unknown column "valeu"/);
    expect(() => v.header(['kind', 'value'])).toThrow(/missing column match/);
    expect(() => v.header(['kind', 'value', 'match', 'kind'])).toThrow(/kind appears more than once/);
    expect(() => new BlocklistCsvValidator().finish()).toThrow(CliError);
  });

  it('refuses a file with no header line, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kz-cli-'));
    try {
      const file = join(dir, 'empty.csv');
      await writeFile(file, '\n\n');
      const read = await readBlocklistCsv(file);
      await expect(read.rows[Symbol.asyncIterator]().next()).rejects.toThrow(`${file}: the file is empty`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readBlocklistCsv', () => {
  it('streams a file, skipping blank lines and numbering rows by where they start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kz-cli-'));
    try {
      const file = join(dir, 'entries.csv');
      const text = '\uFEFFkind,value,match\r\ndomain,a.example,exact\r\n\r\ndomain,"b.example\nnot",exact\r\nurl,https://x.example/p,subtree\r\n';
      await writeFile(file, text);
      const read = await readBlocklistCsv(file);
      expect(() => read.sha256()).toThrow('not been read');
      const results: (EntryRow | RowProblem)[] = [];
      for await (const row of read.rows) results.push(row);
      expect(read.sha256()).toBe(createHash('sha256').update(text).digest('hex'));
      const csv = split(results);
      expect(csv.rows.map((r) => [r.line, r.input])).toEqual([
        [2, 'a.example'],
        [6, 'https://x.example/p'],
      ]);
      expect(csv.problems).toEqual([{ line: 4, message: expect.stringContaining('line break') }]);
      expect(await estimateRows(file)).toBe(5);
      await expect(readBlocklistCsv(join(dir, 'missing.csv'))).rejects.toThrow('no such file');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
