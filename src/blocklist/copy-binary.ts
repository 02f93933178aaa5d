// Reads PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"):
// a header, then per row a 16-bit field count and each field as a 32-bit length (-1: NULL) and its bytes, then -1.
// The stream's chunks split rows anywhere; a row is handed on once all of it has arrived.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_FIXED = SIGNATURE.length + 8; // flags, then the length of the header extension

/** One row: field i is `buffer[starts[i], starts[i] + lengths[i])`, or NULL where its length is -1. Valid during the call. */
export interface CopyRow {
  buffer: Buffer;
  starts: Int32Array;
  lengths: Int32Array;
}

export class CopyBinaryReader {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;
  private readonly row: CopyRow;

  constructor(
    private readonly fields: number,
    private readonly onRow: (row: CopyRow) => void,
  ) {
    this.row = { buffer: this.pending, starts: new Int32Array(fields), lengths: new Int32Array(fields) };
  }

  push(chunk: Buffer): void {
    const buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < HEADER_FIXED) {
        this.pending = buffer;
        return;
      }
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('Not PostgreSQL binary COPY data');
      const extension = buffer.readUInt32BE(SIGNATURE.length + 4);
      if (buffer.length < HEADER_FIXED + extension) {
        this.pending = buffer;
        return;
      }
      at = HEADER_FIXED + extension;
      this.headerRead = true;
    }
    const { starts, lengths } = this.row;
    this.row.buffer = buffer;
    for (;;) {
      if (this.ended || buffer.length - at < 2) break;
      const count = buffer.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (count !== this.fields) throw new Error(`Binary COPY row with ${count} fields, expected ${this.fields}`);
      let cursor = at + 2;
      let complete = true;
      for (let i = 0; i < count; i++) {
        if (buffer.length - cursor < 4) {
          complete = false;
          break;
        }
        const length = buffer.readInt32BE(cursor);
        cursor += 4;
        starts[i] = cursor;
        lengths[i] = length;
        if (length > 0) cursor += length;
        if (cursor > buffer.length) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
      this.onRow(this.row);
      at = cursor;
    }
    // Copied off: a slice would keep the whole chunk alive.
    this.pending = at === buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(at));
  }

  /** Throws unless the data ended where the format says it does. */
  finish(): void {
    if (!this.ended || this.pending.length > 0) throw new Error('Binary COPY data ended early');
  }
}
