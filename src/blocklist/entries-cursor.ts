// The opaque cursor of `/v1/blocklist/entries`: the serial a listing is pinned to, its kind filter and the last key
// (added serial, id) of the page before.
import { ENTRY_KINDS, type EntryKind } from '../domain-names/entry-kinds.js';
import { decodeOpaqueCursor, encodeOpaqueCursor } from '../platform/http/opaque-cursor.js';

export interface EntriesCursor {
  serial: number;
  kind: EntryKind | null;
  afterSerial: number;
  afterId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: EntriesCursor): string {
  return encodeOpaqueCursor({ s: cursor.serial, k: cursor.kind, a: cursor.afterSerial, i: cursor.afterId });
}

/** The cursor `text` stands for, or null when it is not one this service wrote. */
export function decodeCursor(text: string): EntriesCursor | null {
  const fields = decodeOpaqueCursor(text);
  if (!fields) return null;
  const { s, k, a, i } = fields;
  const serial = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!serial(s) || !serial(a) || a > s || typeof i !== 'string' || !UUID.test(i)) return null;
  if (k !== null && !(ENTRY_KINDS as readonly unknown[]).includes(k)) return null;
  return { serial: s, kind: k as EntryKind | null, afterSerial: a, afterId: i };
}
