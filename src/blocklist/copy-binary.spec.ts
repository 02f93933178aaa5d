import { describe, expect, it } from '@jest/globals';
import { CopyBinaryReader, type CopyRow } from './copy-binary.js';

/** PostgreSQL's binary COPY of rows of byte fields (null: NULL), with a header extension of `extension` bytes. */
function copyData(rows: (Buffer | null)[][], extension = 0): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4), Buffer.alloc(4), Buffer.alloc(extension)];
  parts[2]!.writeUInt32BE(extension);
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const length = Buffer.alloc(4);
      length.writeInt32BE(field === null ? -1 : field.length);
      parts.push(length, ...(field ? [field] : []));
    }
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  return Buffer.concat([...parts, trailer]);
}

const text = (row: CopyRow, i: number) => (row.lengths[i]! < 0 ? null : row.buffer.toString('utf8', row.starts[i], row.starts[i]! + row.lengths[i]!));

function read(chunks: Buffer[], fields = 2): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const reader = new CopyBinaryReader(fields, (row) => rows.push(Array.from({ length: fields }, (_, i) => text(row, i))));
  for (const chunk of chunks) reader.push(chunk);
  reader.finish();
  return rows;
}

const ROWS = [
  [Buffer.from('bad.example'), null],
  [Buffer.from('пример.kz'), Buffer.from('')],
  [Buffer.from('x'.repeat(3000)), Buffer.from('https://host.example/a?b=1')],
];
const EXPECTED = [
  ['bad.example', null],
  ['пример.kz', ''],
  ['x'.repeat(3000), 'https://host.example/a?b=1'],
];

describe('CopyBinaryReader', () => {
  it('reads the rows, NULLs and empty fields included, whole or split at any byte', () => {
    const data = copyData(ROWS, 3);
    expect(read([data])).toEqual(EXPECTED);
    for (let cut = 1; cut < data.length; cut++) {
      expect(read([data.subarray(0, cut), data.subarray(cut)])).toEqual(EXPECTED);
    }
    expect(read(Array.from(data, (byte) => Buffer.from([byte])))).toEqual(EXPECTED);
  });

  it('refuses data that is not binary COPY, has other fields, or ends early', () => {
    expect(() => read([Buffer.from('id\tvalue\n1\tbad.example\n')])).toThrow('Not PostgreSQL binary COPY data');
    expect(() => read([copyData(ROWS)], 3)).toThrow('Binary COPY row with 2 fields, expected 3');
    const data = copyData(ROWS);
    expect(() => read([data.subarray(0, data.length - 1)])).toThrow('Binary COPY data ended early');
  });
});
